import type { Fact, ParseIssue } from '../model/types.js';

/** What a parser gives back: the facts it read and the problems it met (never thrown). */
export interface ParseResult {
  facts: Fact[];
  issues: ParseIssue[];
  /** What the artifact turned out to be when reading it showed more than its head did. */
  kind?: string;
  /**
   * Lines the parser read past without taking them as its output (a log line among event rows,
   * a line that fits no column of a table): the parse stage scans them for failure signals, so
   * that nothing a reader would see as a crash is dropped.
   */
  unread?: { line: number; text: string }[];
}
