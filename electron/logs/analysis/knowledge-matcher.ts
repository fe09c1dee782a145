import type { KnownFailure, LogSignature } from '../../../shared/knowledge/known-failure';
import type { LogKind } from '../../../shared/knowledge/log-kinds';

/** A known failure applies to its own log kinds, and to every log whose kind nothing recognised. */
function appliesTo(failure: KnownFailure, kind: LogKind): boolean {
  return kind === 'text' || failure.logKinds === 'any' || failure.logKinds.includes(kind);
}

interface NeedleUse {
  failure: KnownFailure;
  signature: LogSignature;
  /** A line that makes an earlier finding line of this failure a warning, not a finding line. */
  clears: boolean;
}

/** One failure a line shows, with what the signature read from it. */
export interface LineMatch {
  failure: KnownFailure;
  driver: string | null;
  detail: string | null;
  /** What the failure's fix would act on, as the line names it. */
  fixValue: string | null;
}

/** What one line says: the failures it shows, and the failures whose earlier lines it turns into warnings. */
export interface LineVerdict {
  shown: LineMatch[];
  clears: KnownFailure[];
}

/**
 * The known failures that apply to one kind of log, arranged for the scan: the texts to look for (the
 * `contains` of every signature, each once) and, per text, the signatures that start from it.
 */
export class KnowledgeMatcher {
  /** Lower-cased; the automaton folds case, so one needle serves every spelling. */
  readonly needles: readonly string[];
  private readonly usesByNeedle: NeedleUse[][];

  constructor(failures: readonly KnownFailure[], kind: LogKind) {
    const needles: string[] = [];
    const usesByNeedle: NeedleUse[][] = [];
    const use = (failure: KnownFailure, signature: LogSignature, clears: boolean) => {
      const needle = signature.contains.toLowerCase();
      let index = needles.indexOf(needle);
      if (index === -1) {
        index = needles.push(needle) - 1;
        usesByNeedle.push([]);
      }
      usesByNeedle[index].push({ failure, signature, clears });
    };
    for (const failure of failures) {
      if (!appliesTo(failure, kind)) continue;
      for (const signature of failure.signatures) use(failure, signature, false);
      for (const signature of failure.warningWhenFollowedBy?.signatures ?? []) use(failure, signature, true);
    }
    this.needles = needles;
    this.usesByNeedle = usesByNeedle;
  }

  /** What a line shows, each failure once, given the needles (indexes into `needles`) found on it. */
  judge(text: string, needles: readonly number[]): LineVerdict {
    const shown: LineMatch[] = [];
    const clears: KnownFailure[] = [];
    for (const needle of needles) {
      for (const { failure, signature, clears: clearing } of this.usesByNeedle[needle]) {
        if (clearing) {
          if (!clears.includes(failure) && (!signature.pattern || signature.pattern.test(text))) clears.push(failure);
          continue;
        }
        if (shown.some((match) => match.failure === failure)) continue;
        if (!signature.pattern) {
          shown.push({ failure, driver: null, detail: null, fixValue: null });
          continue;
        }
        const found = signature.pattern.exec(text);
        if (found) {
          const groups = found.groups;
          shown.push({ failure, driver: groups?.driver ?? null, detail: groups?.detail ?? null, fixValue: groups?.fixValue ?? null });
        }
      }
    }
    // A general failure says nothing a more specific one on the same line does not say better.
    const ids = shown.map((match) => match.failure.id);
    return {
      shown: shown.filter(({ failure }) => {
        const way = failure.givesWayTo;
        return !(way?.where === 'line' && way.failures.some((id) => ids.includes(id)));
      }),
      clears,
    };
  }
}
