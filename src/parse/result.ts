import type { Fact, ParseIssue } from '../model/types.js';

/** What a parser gives back: the facts it read and the problems it met (never thrown). */
export interface ParseResult {
  facts: Fact[];
  issues: ParseIssue[];
  /** What the artifact turned out to be when reading it showed more than its head did. */
  kind?: string;
}
