/**
 * Container logs, streamed line by line with flat memory: a bounded tail plus the lines that
 * match a failure signature (`src/knowledge/log-signatures.ts`).
 *
 * Accepted line shapes (any mix):
 * ```
 * 2025-05-29 10:14:26,367 - INFO - Running on http://0.0.0.0:5000/          plain
 * 2021-09-14T14:14:56.113760533Z I0914 14:14:56.113663 1 cmd.go:209] ...    --timestamps
 * 2026-06-24T10:32:15.123456789Z stdout F message                           CRI node file
 * {"log":"content\n","stream":"stderr","time":"2016-10-20T18:39:20.57Z"}     docker json-file
 * ```
 */
import { LOG_MATCH_LIMIT, LOG_SIGNATURES, LOG_TAIL_LINES } from '../knowledge/log-signatures.js';
import type { LogFact, LogLine, LogMatch } from '../model/types.js';

const CRI_PREFIX = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d) (?:stdout|stderr) (?:[FP](?::\S*)? )?/;
const TIMESTAMP_PREFIX = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d) /;
const KUBECTL_PREFIX = /^\[pod\/[^\]]+\] /;
const ANSI = /\x1b\[[0-9;]*[A-Za-z]|\^\[\[[0-9;]*[A-Za-z]/g;

/** A joined line never grows past this; longer runs of partial pieces are cut. */
const MAX_JOINED = 1024 * 1024;

const CRI_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d) (stdout|stderr) ([FP])(?::\S*)? (.*)$/;

/** A CRI or docker json-file line as one piece of a possibly split line. */
function splitPiece(text: string): { stream: string; last: boolean; content: string } | undefined {
  const cri = CRI_LINE.exec(text);
  if (cri) return { stream: cri[1]!, last: cri[2] === 'F', content: cri[3]! };
  if (text.startsWith('{"log":')) {
    try {
      const parsed = JSON.parse(text) as { log?: unknown; stream?: unknown };
      if (typeof parsed.log !== 'string') return undefined;
      const last = parsed.log.endsWith('\n');
      return { stream: String(parsed.stream ?? 'stdout'), last, content: last ? parsed.log.slice(0, -1) : parsed.log };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function stripAnsi(s: string): string {
  return s.includes('\x1b') || s.includes('^[') ? s.replace(ANSI, '') : s;
}

/** The message part of a log line: prefixes, JSON wrapping and colour codes removed. */
export function logMessage(line: string): string {
  let s = line.replace(KUBECTL_PREFIX, '');
  if (s.startsWith('{"log":')) {
    try {
      const parsed = JSON.parse(s) as { log?: unknown };
      if (typeof parsed.log === 'string') s = parsed.log.replace(/\n$/, '');
    } catch {
      // not docker json after all
    }
  }
  s = s.replace(CRI_PREFIX, '').replace(TIMESTAMP_PREFIX, '');
  if (s.includes('\x1b') || s.includes('^[')) s = s.replace(ANSI, '');
  return s;
}

/** Which signature a message matches, the strongest first. */
export function matchSignature(message: string): string | undefined {
  let best: { id: string; weight: number } | undefined;
  for (const sig of LOG_SIGNATURES) {
    if (best && sig.weight <= best.weight) continue;
    if (sig.pattern.test(message) && !sig.unless?.test(message)) best = { id: sig.id, weight: sig.weight };
  }
  return best?.id;
}

export interface LogScanOptions {
  artifact: string;
  namespace?: string;
  pod?: string;
  container?: string;
  previous?: boolean;
}

/** An incremental scanner: feed lines, then `finish()`. Used for whole files and for sections. */
export class LogScanner {
  private tail: LogLine[] = [];
  private matches: LogMatch[] = [];
  private count = 0;
  private firstLine = 0;

  constructor(private readonly options: LogScanOptions) {}

  /** CRI and docker json-file split long lines: pieces wait here, per stream, for the last one. */
  private partial = new Map<string, { line: number; text: string; parts: string[]; size: number }>();

  /**
   * Feeds one line. `quote` is the file line to cite when the text was cut out of a longer line
   * (a termination message inside a JSON string); by default the text itself is the quote.
   */
  push(text: string, line: number, quote?: string): void {
    if (quote !== undefined) {
      this.count++;
      this.record(line, quote, logMessage(text));
      return;
    }
    if (this.count === 0) this.firstLine = line;
    this.count++;
    let message: string | undefined;
    const piece = splitPiece(text);
    if (piece) {
      const pending = this.partial.get(piece.stream);
      if (!piece.last) {
        const p = pending ?? { line, text, parts: [], size: 0 };
        p.parts.push(piece.content);
        p.size += piece.content.length;
        this.partial.set(piece.stream, p);
        if (p.size < MAX_JOINED) return;
        this.partial.delete(piece.stream);
        this.record(p.line, p.text, p.parts.join(''));
        return;
      }
      if (pending) {
        this.partial.delete(piece.stream);
        // The joined line is quoted by its first piece, where it starts in the file.
        this.record(pending.line, pending.text, pending.parts.join('') + piece.content);
        return;
      }
      message = piece.content;
    }
    this.record(line, text, message);
  }

  private record(line: number, text: string, message?: string): void {
    this.tail.push({ line, text });
    if (this.tail.length > LOG_TAIL_LINES * 2) this.tail = this.tail.slice(-LOG_TAIL_LINES);
    if (text.length === 0) return;
    const clean = message !== undefined ? stripAnsi(message) : logMessage(text);
    const signature = matchSignature(clean);
    if (signature) {
      if (this.matches.length >= LOG_MATCH_LIMIT) {
        // Keep the first half and a sliding window of the latest: the start of a crash loop and its end.
        this.matches.splice(LOG_MATCH_LIMIT / 2, 1);
      }
      this.matches.push(clean === text ? { line, text, signature } : { line, text, signature, message: clean });
    }
  }

  finish(): LogFact {
    for (const p of this.partial.values()) this.record(p.line, p.text, p.parts.join(''));
    this.partial.clear();
    const fact: LogFact = {
      type: 'log',
      artifact: this.options.artifact,
      totalLines: this.count,
      tail: this.tail.slice(-LOG_TAIL_LINES),
      matches: this.matches,
    };
    const { namespace, pod, container, previous } = this.options;
    if (namespace !== undefined) fact.namespace = namespace;
    if (pod !== undefined) fact.pod = pod;
    if (container !== undefined) fact.container = container;
    if (previous !== undefined) fact.previous = previous;
    return fact;
  }

  get firstLineNumber(): number {
    return this.firstLine;
  }
}

/** Scans a whole log stream. */
export async function scanLog(lines: AsyncIterable<string>, options: LogScanOptions): Promise<LogFact> {
  const scanner = new LogScanner(options);
  let n = 0;
  for await (const text of lines) scanner.push(text, ++n);
  return scanner.finish();
}
