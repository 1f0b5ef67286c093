/**
 * The parse stage: the text goes to the parser of the kind detection recognised
 * (`registry.ts`). Structured text is read whole (bounded by the bundle limits); logs are
 * streamed line by line. Whatever a parser read past is scanned for failure signals.
 */
import { readAll } from '../bundle/streams.js';
import { decodeText, readLines } from '../bundle/text.js';
import { DESCRIBE_PIECE_KINDS, type Detection } from '../detect/kinds.js';
import { showsCrash } from '../knowledge/log-signatures.js';
import type { LogFact } from '../model/types.js';
import { LogScanner } from './container-log.js';
import { logHints } from './parser.js';
import { parserFor } from './registry.js';
import type { ParseResult } from './result.js';

export type { ParseResult } from './result.js';
export { PARSED_KINDS } from './registry.js';

/**
 * Parses one artifact: a whole file, or one output of a pasted session, which starts at file line
 * `firstLine` (every fact keeps the file's own line numbers).
 */
export async function parseArtifact(
  path: string,
  detection: Detection,
  stream: AsyncIterable<Buffer>,
  maxWholeFileBytes: number,
  firstLine = 1,
): Promise<ParseResult> {
  const parser = parserFor(detection.kind);
  if (!parser) return { facts: [], issues: [{ line: 1, message: `no parser for ${detection.kind}` }] };
  let used = false;
  const take = () => {
    if (used) throw new Error(`${path}: the parser of ${detection.kind} read its input twice`);
    used = true;
    return firstLine > 1 ? offset(stream, firstLine - 1) : stream;
  };
  const result = await parser.parse({
    path,
    hints: detection.hints,
    firstLine,
    stream,
    text: async () => decodeText(await readAll(take(), maxWholeFileBytes)),
    lines: () => readLines(take()),
  });
  nameFromHints(result, detection);
  const unreadLog = scanUnread(result, path, detection);
  if (unreadLog) result.facts.push(unreadLog);
  return result;
}

/**
 * The lines a parser read past, scanned as a log: a crash line pasted among event rows or under
 * a table is the failing container's last words, not noise. Only a log that shows a crash counts.
 */
function scanUnread(result: ParseResult, path: string, detection: Detection): LogFact | undefined {
  const unread = result.unread;
  if (!unread || unread.length === 0) return undefined;
  const scanner = new LogScanner({ artifact: path, ...logHints(detection.hints) });
  for (const { line, text } of unread) scanner.push(text, line);
  const log = scanner.finish();
  if (!showsCrash(log.matches)) return undefined;
  log.lines = [unread[0]!.line, unread[unread.length - 1]!.line];
  return log;
}

/** The stream behind `lines` blank lines, so that line numbers are the file's. */
async function* offset(stream: AsyncIterable<Buffer>, lines: number): AsyncGenerator<Buffer> {
  yield Buffer.from('\n'.repeat(lines));
  yield* stream;
}

/**
 * Pieces that name no pod (a container block, event rows) take the pod the command line above
 * them named (`kubectl describe pod web-0`).
 */
function nameFromHints(result: ParseResult, detection: Detection): void {
  const { pod, namespace } = detection.hints;
  if (!pod || !DESCRIBE_PIECE_KINDS.has(detection.kind)) return;
  for (const f of result.facts) {
    if (f.type === 'pod' && f.name === '') {
      f.name = pod;
      if (namespace && !f.namespace) f.namespace = namespace;
    } else if (f.type === 'event' && !f.subject.name && !f.subject.kind) {
      f.subject = { ...f.subject, name: pod, ...(namespace && !f.subject.namespace ? { namespace } : {}) };
    }
  }
}
