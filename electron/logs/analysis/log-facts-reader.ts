import { driverRules, isThirdPartyDriver, platformRules, type LogFactRule } from '../../../shared/knowledge/log-facts';

/** What the log had said by the time a finding was first seen. */
export interface FactsSoFar {
  /** Per driver rule, the last driver it read. */
  drivers: readonly (string | null)[];
  architecture: string | null;
  windows: string | null;
}

export interface LogFacts {
  driver: string | null;
  architecture: string | null;
  windows: string | null;
}

/**
 * Reads the facts of shared/knowledge/log-facts.ts while the log streams past, keeping only the first and the
 * last value of each rule: memory does not grow with the log. A finding takes what was said before its first
 * line (the setupapi section it sits in, the adapter OpenVPN opened) and, where nothing was, what comes first
 * after it (!analyze prints IMAGE_NAME: below the bug check's arguments).
 */
export class LogFactsReader {
  readonly needles: readonly string[] = [...driverRules, ...platformRules].map((rule) => rule.contains);
  private readonly firstDrivers: (string | null)[] = driverRules.map(() => null);
  private readonly lastDrivers: (string | null)[] = driverRules.map(() => null);
  private first = { architecture: null as string | null, windows: null as string | null };
  private last = { architecture: null as string | null, windows: null as string | null };

  /** `rules` are indexes into `needles` found on the line. */
  noteLine(text: string, rules: readonly number[]): void {
    for (const index of rules) {
      if (index < driverRules.length) {
        const driver = readDriver(driverRules[index], text);
        if (driver === null) continue;
        this.lastDrivers[index] = driver;
        this.firstDrivers[index] ??= driver;
      } else {
        const groups = platformRules[index - driverRules.length].pattern.exec(text)?.groups;
        if (!groups) continue;
        for (const key of ['architecture', 'windows'] as const) {
          if (!groups[key]) continue;
          this.last[key] = groups[key];
          this.first[key] ??= groups[key];
        }
      }
    }
  }

  soFar(): FactsSoFar {
    return { drivers: [...this.lastDrivers], ...this.last };
  }

  /** The facts for a finding first seen when the log had said `before`. */
  resolve(before: FactsSoFar): LogFacts {
    let driver: string | null = null;
    for (let i = 0; i < driverRules.length && driver === null; i++) driver = before.drivers[i] ?? this.firstDrivers[i];
    return {
      driver,
      architecture: before.architecture ?? this.first.architecture,
      windows: before.windows ?? this.first.windows,
    };
  }
}

function readDriver(rule: LogFactRule, text: string): string | null {
  const name = rule.pattern.exec(text)?.groups?.driver;
  if (!name || !isThirdPartyDriver(name)) return null;
  return rule.bareModuleName && !name.includes('.') ? `${name}.sys` : name;
}
