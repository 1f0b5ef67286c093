/**
 * What every parser is: a recogniser that answers "mine, with this confidence" or "not mine" for
 * a text, beside the reader of that text. The registry (`registry.ts`) asks every recogniser and
 * hands the text to the most confident; nothing else decides what an output is.
 *
 * The confidence scale, shared by all recognisers so that their claims compare (a claim higher on
 * it wins; the registry's order breaks ties):
 * - 0.90-0.99: the output's own header or opening, which kubectl prints and nothing else does
 *   (`Name:` with `Containers:`, `NAME READY STATUS RESTARTS AGE`, `LAST SEEN TYPE`);
 * - 0.75-0.89: documents known by their fields, and their pieces (`apiVersion` with `kind`, a
 *   pod's `status:` without its head, rows without a header, cluster dumps, JSON log lines);
 * - 0.60-0.74: node journals and a pod's fields pasted without their nesting;
 * - 0.40-0.59: fragments and messages pasted alone (event rows, kubectl's error text);
 * - 0.20-0.39: logs known only by their path or their look.
 * Text nobody claims is `text-other`, read by the signal scan.
 */
import type { ArtifactKind, PathHints } from '../detect/kinds.js';
import type { LogFact } from '../model/types.js';
import type { ParseResult } from './result.js';

export interface SniffInput {
  /** The head of the text (at most the detection window), decoded. */
  text: string;
  /** What the path says (layout conventions). */
  hints: PathHints;
}

export interface Claim {
  confidence: number;
  /** Why, in a few words (shown by `inspect` and in the inventory). */
  reason: string;
}

/** Recognises one kind of output by its content. */
export interface Recogniser {
  kind: ArtifactKind;
  sniff(input: SniffInput): Claim | undefined;
  /**
   * A line that starts this kind of output at column 0 (a table header): the session splitter
   * starts a new output there.
   */
  starts?: RegExp;
  /** A line that is one row of this output printed without its header (`--no-headers`). */
  row?: RegExp;
}

export interface ParseInput {
  path: string;
  hints: PathHints;
  /** The output's bytes as they are; its first line is file line `firstLine`. */
  stream: AsyncIterable<Buffer>;
  /** The file line of the output's first line (1 for a whole file, more for a session's output). */
  firstLine: number;
  /**
   * The whole text, decoded (bounded by the bundle limits), with `firstLine - 1` blank lines in
   * front so that line numbers are the file's. Use either this, `lines()` or `stream`, once.
   */
  text(): Promise<string>;
  /** The text line by line, streamed, with the same blank lines in front. */
  lines(): AsyncIterable<string>;
}

/** A recogniser with the reader of what it recognises. */
export interface Parser extends Recogniser {
  parse(input: ParseInput): ParseResult | Promise<ParseResult>;
}

/** What the path (or the command line above a session's output) names of a log: its pod, container, namespace, instance. */
export function logHints(hints: PathHints): Partial<Pick<LogFact, 'namespace' | 'pod' | 'container' | 'previous'>> {
  const out: Partial<Pick<LogFact, 'namespace' | 'pod' | 'container' | 'previous'>> = {};
  if (hints.namespace !== undefined) out.namespace = hints.namespace;
  if (hints.pod !== undefined) out.pod = hints.pod;
  if (hints.container !== undefined) out.container = hints.container;
  if (hints.previous !== undefined) out.previous = hints.previous;
  return out;
}

/** The same line pattern, tried on every line of a text (compile it once, at module level). */
export function onAnyLine(line: RegExp): RegExp {
  return new RegExp(line.source, 'm');
}

/** A claim, or none. */
export function claim(when: boolean, confidence: number, reason: string): Claim | undefined {
  return when ? { confidence, reason } : undefined;
}
