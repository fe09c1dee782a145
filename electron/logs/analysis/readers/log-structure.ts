/**
 * Follows a log's structure while it is scanned, so that a finding can say where in the log it sits. Kinds
 * with structure have one (setupapi sections, DGReadiness modules); HLK, OpenVPN and plain text logs are read
 * line by line with nothing to follow.
 */
export interface LogStructureReader {
  /** Text (any letter case) on the lines the reader needs to see. */
  readonly markers: readonly string[];
  /** Called with every line that holds a marker, in file order. */
  noteLine(text: string, lineNumber: number): void;
  /** Where a line at or after the last noted one sits, in the operator's words; null outside any structure. */
  where(lineNumber: number): string | null;
}
