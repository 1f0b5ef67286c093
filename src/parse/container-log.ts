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
import { TextDecoder } from 'node:util';
import { decodeText, detach, MAX_LINE_BYTES, readLines, sniffEncoding } from '../bundle/text.js';
import { LOG_MATCH_LIMIT, LOG_PREFILTER, LOG_SIGNATURES, LOG_TAIL_LINES } from '../knowledge/log-signatures.js';
import type { EventFact, LogFact, LogLine, LogMatch } from '../model/types.js';
import { kubeletMessageOn } from './kubelet-message.js';
import { namesFromLog } from './log-names.js';
import { claim, logHints, type Parser } from './parser.js';
import { startsJson } from './json-lines.js';

const CRI_PREFIX = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d) (?:stdout|stderr) (?:[FP](?::\S*)? )?/;
const TIMESTAMP_PREFIX = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d) /;
const KUBECTL_PREFIX = /^\[pod\/[^\]]+\] /;
const ANSI = /\x1b\[[0-9;]*[A-Za-z]|\^\[\[[0-9;]*[A-Za-z]/g;

/** How many first lines are kept for `namesFromLog`. */
const HEAD_LINES = 10;

/**
 * Relayed kubelet messages are looked for on this many prefiltered lines at most, and this many
 * kept: a paste of a deploy tool's output is short, and a large log must not pay for the search.
 */
const RELAY_LINES = 500;
const RELAY_LIMIT = 50;

/** The tail kept of a log in which no signature matched. */
const QUIET_TAIL_LINES = 20;

/** One compiled prefilter for every block (compiling a large alternation per block costs more than searching). */
const PREFILTER = new RegExp(LOG_PREFILTER.source, 'g');

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

function clean(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
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
  /** The file line number of the stream's first line (a log that is one output of a pasted session). */
  firstLine?: number;
}

/** An incremental scanner: feed lines, then `finish()`. Used for whole files and for sections. */
export class LogScanner {
  private tail: LogLine[] = [];
  /** The first lines, for the names a log prints about itself (`log-names.ts`). */
  private head: string[] = [];
  private matches: LogMatch[] = [];
  private relayed: EventFact[] = [];
  private relayTried = 0;
  private count = 0;

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

  /**
   * Feeds a block of whole lines (`\n`-separated, possibly ending with one) as fast as the text
   * can be searched: lines are counted with indexOf, only the lines the prefilter finds are
   * tested against the signatures, and the tail is cut from the block's end. For plain logs;
   * CRI and docker json-file logs go line by line through `push` (their pieces need joining).
   */
  pushBlock(block: string, firstLine: number): void {
    if (block.length === 0) return;
    const end = block.endsWith('\n') ? block.length - 1 : block.length;
    let lines = 1;
    for (let at = block.indexOf('\n'); at >= 0 && at < end; at = block.indexOf('\n', at + 1)) lines++;
    if (this.head.length < HEAD_LINES) this.head.push(...block.slice(0, Math.min(end, 64 * 1024)).split('\n', HEAD_LINES - this.head.length).map(clean));
    const lower = block.toLowerCase();
    const prefilter = PREFILTER;
    prefilter.lastIndex = 0;
    if (lower.length === block.length) {
      let counted = 0;
      let lineNo = firstLine;
      let lastStart = -1;
      for (let m = prefilter.exec(lower); m; m = prefilter.exec(lower)) {
        const start = block.lastIndexOf('\n', m.index - 1) + 1;
        if (start === lastStart) continue;
        for (let at = block.indexOf('\n', counted); at >= 0 && at < start; at = block.indexOf('\n', at + 1)) lineNo++;
        counted = start;
        lastStart = start;
        let stop = block.indexOf('\n', m.index);
        if (stop < 0) stop = block.length;
        prefilter.lastIndex = stop;
        this.match(lineNo, detach(clean(block.slice(start, stop))));
      }
    } else {
      // Lower-casing changed the length (rare scripts): test every line.
      block.slice(0, end).split('\n').forEach((l, i) => this.match(firstLine + i, clean(l)));
    }
    this.count += lines;
    // The tail: the block's last lines.
    const tail: LogLine[] = [];
    let stop = end;
    for (let n = 0; n < LOG_TAIL_LINES && stop > 0; n++) {
      const start = block.lastIndexOf('\n', stop - 1) + 1;
      tail.push({ line: firstLine + lines - 1 - n, text: detach(clean(block.slice(start, stop))) });
      stop = start - 1;
    }
    this.tail = [...this.tail, ...tail.reverse()].slice(-LOG_TAIL_LINES);
  }

  private record(line: number, text: string, message?: string): void {
    if (this.head.length < HEAD_LINES) this.head.push(text);
    this.tail.push({ line, text });
    if (this.tail.length > LOG_TAIL_LINES * 2) this.tail = this.tail.slice(-LOG_TAIL_LINES);
    this.match(line, text, message);
  }

  /** Tests one line against the signatures and keeps it when one matches. */
  private match(line: number, text: string, message?: string): void {
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
    if (this.relayTried < RELAY_LINES && this.relayed.length < RELAY_LIMIT) {
      this.relayTried++;
      const event = kubeletMessageOn(clean, { artifact: this.options.artifact, line, text: text.trimEnd(), loose: true });
      if (event) this.relayed.push(event);
    }
  }

  finish(): LogFact {
    for (const p of this.partial.values()) this.record(p.line, p.text, p.parts.join(''));
    this.partial.clear();
    // A log with nothing wrong in it keeps a short tail: thousands of healthy containers must
    // not hold 200 lines each.
    const keep = this.matches.length > 0 || this.options.previous === true ? LOG_TAIL_LINES : QUIET_TAIL_LINES;
    const fact: LogFact = {
      type: 'log',
      artifact: this.options.artifact,
      totalLines: this.count,
      tail: this.tail.slice(-keep),
      matches: this.matches,
    };
    // What the path or command line says wins over what the log prints about itself.
    const own = this.options.pod === undefined ? namesFromLog(this.head, this.tail[this.tail.length - 1]?.text) : {};
    const namespace = this.options.namespace ?? own.namespace;
    const pod = this.options.pod ?? own.pod;
    const container = this.options.container ?? (own.pod !== undefined ? own.container : undefined);
    const { previous } = this.options;
    if (namespace !== undefined) fact.namespace = namespace;
    if (pod !== undefined) fact.pod = pod;
    if (container !== undefined) fact.container = container;
    if (previous !== undefined) fact.previous = previous;
    if (this.relayed.length > 0) fact.relayed = this.relayed;
    return fact;
  }

}

/** Scans a whole log stream, line by line. */
export async function scanLog(lines: AsyncIterable<string>, options: LogScanOptions): Promise<LogFact> {
  const scanner = new LogScanner(options);
  let n = (options.firstLine ?? 1) - 1;
  for await (const text of lines) scanner.push(text, ++n);
  return scanner.finish();
}

/**
 * Scans a log's bytes. Plain UTF-8 logs are read in blocks of whole lines (`pushBlock`); a log
 * whose first line is CRI or docker json-file, or that is not UTF-8, is read line by line.
 */
export async function scanLogBytes(source: AsyncIterable<Buffer>, options: LogScanOptions): Promise<LogFact> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* all(): AsyncGenerator<Buffer> {
    if (!first.done) yield first.value;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const head = first.done ? Buffer.alloc(0) : first.value;
  const firstLine = head.subarray(0, Math.min(head.length, 512)).toString('utf8').split('\n')[0] ?? '';
  const perLine = sniffEncoding(head).encoding !== 'utf-8' || head[0] === 0xef || splitPiece(firstLine) !== undefined;
  if (perLine) return scanLog(readLines(all()), options);

  const scanner = new LogScanner(options);
  const strict = new TextDecoder('utf-8', { fatal: true });
  let carry: Buffer | undefined;
  let line = options.firstLine ?? 1;
  const feed = (bytes: Buffer) => {
    let text: string;
    try {
      text = strict.decode(bytes);
    } catch {
      text = decodeText(bytes); // legacy bytes: line by line, Latin-1 where not UTF-8
    }
    if (text.includes('\0')) text = text.replace(/\0/g, '');
    scanner.pushBlock(text, line);
    let n = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
    line += n + (text.endsWith('\n') ? 0 : 1);
  };
  for await (const chunk of all()) {
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = buf.lastIndexOf(0x0a);
    if (cut < 0) {
      carry = buf.length > MAX_LINE_BYTES ? (feed(buf), undefined) : buf;
      continue;
    }
    feed(buf.subarray(0, cut + 1));
    carry = cut + 1 < buf.length ? Buffer.from(buf.subarray(cut + 1)) : undefined;
  }
  if (carry && carry.length > 0) feed(carry);
  return scanner.finish();
}

/**
 * Structured loggers (zap, logrus, pino, bunyan, slog, serilog...) write one JSON object per
 * line: the first line is a whole object and names a level, a message or a time.
 */
function jsonLogLines(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0]!.trim();
  if (!first.startsWith('{') || !first.endsWith('}')) return false;
  return /"(?:level|lvl|severity|msg|message|ts|time|timestamp|@timestamp|log)"\s*:/.test(first);
}

/** Lines that mark text as a log even when its path does not say so. */
const LOG_LIKE_LINE =
  /^(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d|[IWEF]\d{4} \d\d:\d\d:\d\d|\[?\d{2}:\d{2}:\d{2}|\{"(?:log|level|msg|time|ts|timestamp)"|Traceback \(most recent call last\)|panic: |goroutine \d+ \[|Exception in thread |\s+at [\w$.<>]+\(|(?:\[\s*)?(?:INFO|WARN|WARNING|ERROR|DEBUG|FATAL|TRACE)\b)/m;

export const containerLogParser: Parser = {
  kind: 'container-log',
  sniff({ text, hints }) {
    if (startsJson(text) && jsonLogLines(text)) return { confidence: 0.76, reason: 'JSON log lines (one object per line)' };
    if (hints.looksLikeLog) return { confidence: 0.35, reason: 'log by its path' };
    if (LOG_LIKE_LINE.test(text)) return { confidence: 0.3, reason: 'log-shaped lines' };
    // Whatever its name, text with a crash line (an exception, a panic, a refused connection) is a log.
    return claim(text.split('\n', 200).some((l) => matchSignature(logMessage(l)) !== undefined), 0.25, 'lines with failure signatures');
  },
  async parse({ stream, path, hints, firstLine }) {
    const options: LogScanOptions = { artifact: path, ...logHints(hints), ...(firstLine > 1 ? { firstLine } : {}) };
    return { facts: [await scanLogBytes(stream, options)], issues: [] };
  },
};
