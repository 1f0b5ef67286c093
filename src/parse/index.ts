/**
 * The parse stage: one parser per artifact kind. Structured text is read whole (bounded by the
 * bundle limits); logs are streamed line by line.
 */
import { readAll } from '../bundle/streams.js';
import { decodeText, readLines, splitLines } from '../bundle/text.js';
import type { Detection } from '../detect/kinds.js';
import { CLUSTER_DUMP_LOG_MARKER, LOG_ERROR_TEXT } from '../detect/signatures.js';
import type { LogFact } from '../model/types.js';
import { parseClusterDumpStream, scanClusterDumpLogs } from './cluster-dump-logs.js';
import { LogScanner, scanLogBytes } from './container-log.js';
import { showsCrash } from '../knowledge/log-signatures.js';
import { parseDescribeNode } from './describe-node.js';
import { parseDescribePod } from './describe-pod.js';
import { parsePodsTable } from './pods-table.js';
import { parseTopTable } from './top-table.js';
import { parseEventsTable } from './events-table.js';
import { parseExistenceCheck } from './existence-check.js';
import { parseDescribeFragment, parseEventsFragment, parseFlatDescribe, parsePodStatusFragment } from './fragment.js';
import { parseKubeletLog } from './kubelet-log.js';
import { parseManifests } from './manifest.js';
import { scanSignals } from './signal-scan.js';
import type { ParseResult } from './result.js';

export type { ParseResult } from './result.js';

/** Kinds the parse stage reads; every other kind is listed as skipped with its detection reason. */
export const PARSED_KINDS = new Set([
  'describe-pod',
  'describe-node',
  'describe-fragment',
  'describe-flat',
  'pod-status-fragment',
  'events-fragment',
  'get-pods-table',
  'top-table',
  'manifest-yaml',
  'manifest-json',
  'events-table',
  'container-log',
  'kubelet-log',
  'cluster-dump-logs',
  'cluster-dump-stream',
  'log-error',
  'existence-check',
  // Text no parser recognises is still scanned for failure signals (`signal-scan.ts`).
  'text-other',
]);

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
  const { kind } = detection;
  if (kind === 'container-log') {
    const log = await scanLogBytes(stream, { artifact: path, ...logHints(detection), ...(firstLine > 1 ? { firstLine } : {}) });
    return { facts: [log], issues: [] };
  }
  const result = await parseText(path, detection, firstLine > 1 ? offset(stream, firstLine - 1) : stream, maxWholeFileBytes);
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
  const scanner = new LogScanner({ artifact: path, ...logHints(detection) });
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
  if (!pod || !['describe-fragment', 'describe-flat', 'events-fragment'].includes(detection.kind)) return;
  for (const f of result.facts) {
    if (f.type === 'pod' && f.name === '') {
      f.name = pod;
      if (namespace && !f.namespace) f.namespace = namespace;
    } else if (f.type === 'event' && !f.subject.name && !f.subject.kind) {
      f.subject = { ...f.subject, name: pod, ...(namespace && !f.subject.namespace ? { namespace } : {}) };
    }
  }
}

async function parseText(path: string, detection: Detection, stream: AsyncIterable<Buffer>, maxWholeFileBytes: number): Promise<ParseResult> {
  const { kind, hints } = detection;
  if (kind === 'kubelet-log') return parseKubeletLog(readLines(stream), path);
  if (kind === 'cluster-dump-logs') {
    return { facts: await scanClusterDumpLogs(readLines(stream), path), issues: [] };
  }
  const text = decodeText(await readAll(stream, maxWholeFileBytes));
  // JSON documents with log sections between them: the stdout form of kubectl cluster-info dump.
  if (kind === 'cluster-dump-stream' || (kind === 'manifest-json' && CLUSTER_DUMP_LOG_MARKER.test(text))) {
    return { ...(await parseClusterDumpStream(text, path, (json) => parseManifests(json, path, 'json', hints.namespace))), kind: 'cluster-dump-stream' };
  }
  switch (kind) {
    case 'describe-pod':
      return parseDescribePod(splitLines(text), path);
    case 'describe-fragment':
      return parseDescribeFragment(splitLines(text), path);
    case 'describe-flat':
      return parseFlatDescribe(splitLines(text), path);
    case 'pod-status-fragment':
      return parsePodStatusFragment(splitLines(text), path);
    case 'events-fragment':
      return parseEventsFragment(splitLines(text), path);
    case 'describe-node':
      return parseDescribeNode(splitLines(text), path);
    case 'get-pods-table':
      return parsePodsTable(splitLines(text), path, hints.namespace);
    case 'top-table':
      return parseTopTable(splitLines(text), path, hints.namespace);
    case 'manifest-yaml':
      return parseManifests(text, path, 'yaml', hints.namespace);
    case 'manifest-json':
      return parseManifests(text, path, 'json', hints.namespace);
    case 'events-table':
      return parseEventsTable(splitLines(text), path, hints.namespace);
    case 'existence-check':
      return parseExistenceCheck(text, path);
    case 'text-other':
      return scanSignals(splitLines(text), path);
    case 'log-error': {
      const lines = splitLines(text).filter((l) => l.trim() !== '');
      const first = lines.find((l) => LOG_ERROR_TEXT.test(l)) ?? lines[0] ?? '';
      const log: LogFact = { type: 'log', artifact: path, totalLines: 0, tail: [], matches: [], notCaptured: first.trim(), ...logHints(detection) };
      // kubectl's refusal names what was asked: `container "web" in pod "web-0" is waiting to start: ...`.
      const named = /container "([^"]+)" in pod "([^"]+)"/.exec(first);
      if (named) {
        log.container ??= named[1]!;
        log.pod ??= named[2]!;
      }
      return { facts: [log], issues: [] };
    }
    default:
      return { facts: [], issues: [{ line: 1, message: `no parser for ${kind}` }] };
  }
}

function logHints(detection: Detection): Partial<Pick<LogFact, 'namespace' | 'pod' | 'container' | 'previous'>> {
  const { namespace, pod, container, previous } = detection.hints;
  const out: Partial<Pick<LogFact, 'namespace' | 'pod' | 'container' | 'previous'>> = {};
  if (namespace !== undefined) out.namespace = namespace;
  if (pod !== undefined) out.pod = pod;
  if (container !== undefined) out.container = container;
  if (previous !== undefined) out.previous = previous;
  return out;
}
