import type { KnownFailure, LogSignature } from '../../../shared/knowledge/known-failure';
import type { LogKind } from '../../../shared/knowledge/log-kinds';

/** A known failure applies to its own log kinds, and to every log whose kind nothing recognised. */
function appliesTo(failure: KnownFailure, kind: LogKind): boolean {
  return kind === 'text' || failure.logKinds === 'any' || failure.logKinds.includes(kind);
}

/**
 * The known failures that apply to one kind of log, arranged for the scan: the texts to look for (the
 * `contains` of every signature, each once) and, per text, the signatures that start from it.
 */
export class KnowledgeMatcher {
  /** Lower-cased; the automaton folds case, so one needle serves every spelling. */
  readonly needles: readonly string[];
  private readonly signaturesByNeedle: { failure: KnownFailure; signature: LogSignature }[][];

  constructor(failures: readonly KnownFailure[], kind: LogKind) {
    const needles: string[] = [];
    const signaturesByNeedle: { failure: KnownFailure; signature: LogSignature }[][] = [];
    for (const failure of failures) {
      if (!appliesTo(failure, kind)) continue;
      for (const signature of failure.signatures) {
        const needle = signature.contains.toLowerCase();
        let index = needles.indexOf(needle);
        if (index === -1) {
          index = needles.push(needle) - 1;
          signaturesByNeedle.push([]);
        }
        signaturesByNeedle[index].push({ failure, signature });
      }
    }
    this.needles = needles;
    this.signaturesByNeedle = signaturesByNeedle;
  }

  /** The failures a line shows, each once, given the needles (indexes into `needles`) found on it. */
  failuresOn(text: string, needles: readonly number[]): KnownFailure[] {
    const shown: KnownFailure[] = [];
    for (const needle of needles) {
      for (const { failure, signature } of this.signaturesByNeedle[needle]) {
        if (shown.includes(failure)) continue;
        if (!signature.pattern || signature.pattern.test(text)) shown.push(failure);
      }
    }
    return shown;
  }
}
