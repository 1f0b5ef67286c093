/**
 * `kubectl cluster-info dump` log files: every container of a pod in one file, in sections.
 *
 * ```
 * ==== START logs for container api of pod shop/api-7d9f6b5c4-xk2p9 ====
 * <raw log lines>
 * ==== END logs for container api of pod shop/api-7d9f6b5c4-xk2p9 ====
 * ```
 * A failed fetch leaves one line in the section: `Request log error: ...` or
 * `Create log request error: ...`. Only the current instance is ever dumped.
 */
import type { LogFact } from '../model/types.js';
import type { ParseResult } from './result.js';
import { LogScanner } from './container-log.js';
import { claim, type Parser } from './parser.js';
import { startsJson } from './json-lines.js';
import { parseManifests } from './manifest.js';

const START = /^==== START logs for container (\S+) of pod ([^/\s]+)\/(\S+) ====$/;
const END = /^==== END logs for container \S+ of pod \S+ ====$/;
const FETCH_ERROR = /^(?:Request log error|Create log request error): /;

export async function scanClusterDumpLogs(lines: AsyncIterable<string>, artifact: string): Promise<LogFact[]> {
  const logs: LogFact[] = [];
  let scanner: LogScanner | undefined;
  let fetchError: string | undefined;
  const close = () => {
    if (!scanner) return;
    const fact = scanner.finish();
    if (fetchError && fact.totalLines <= 1) fact.notCaptured = fetchError;
    logs.push(fact);
    scanner = undefined;
    fetchError = undefined;
  };
  let n = 0;
  for await (const text of lines) {
    n++;
    const start = START.exec(text);
    if (start) {
      close();
      scanner = new LogScanner({ artifact, container: start[1]!, namespace: start[2]!, pod: start[3]!, previous: false });
      continue;
    }
    if (END.test(text)) {
      close();
      continue;
    }
    if (!scanner) continue;
    if (FETCH_ERROR.test(text)) fetchError = text;
    scanner.push(text, n);
  }
  close();
  return logs;
}

/**
 * The stdout form of `kubectl cluster-info dump` (or `-o -`): the NodeList, then per namespace its
 * lists as JSON documents with no separator, each namespace's log sections between them. The
 * JSON is read with the log sections blanked out (so every line keeps its number), the log
 * sections as above.
 */
export async function parseClusterDumpStream(text: string, artifact: string, readJson: (json: string) => ParseResult): Promise<ParseResult> {
  const lines = text.split('\n');
  let inSection = false;
  const jsonOnly = lines.map((l) => {
    if (START.test(l)) {
      inSection = true;
      return '';
    }
    if (END.test(l)) {
      inSection = false;
      return '';
    }
    return inSection ? '' : l;
  });
  const json = jsonOnly.some((l) => l.trim() !== '') ? readJson(jsonOnly.join('\n')) : { facts: [], issues: [] };
  async function* each(): AsyncGenerator<string> {
    yield* lines;
  }
  const logs = await scanClusterDumpLogs(each(), artifact);
  return { facts: [...json.facts, ...logs], issues: json.issues };
}

/** The first line of a log section: how a text shows it is a cluster-info dump. */
export const CLUSTER_DUMP_LOG_MARKER = new RegExp(START.source, 'm');

export const clusterDumpLogsParser: Parser = {
  kind: 'cluster-dump-logs',
  sniff: ({ text }) => claim(CLUSTER_DUMP_LOG_MARKER.test(text), 0.78, 'kubectl cluster-info dump log sections'),
  parse: async ({ lines, path }) => ({ facts: await scanClusterDumpLogs(lines(), path), issues: [] }),
};

export const clusterDumpStreamParser: Parser = {
  kind: 'cluster-dump-stream',
  sniff: ({ text }) => claim(startsJson(text) && CLUSTER_DUMP_LOG_MARKER.test(text), 0.8, 'kubectl cluster-info dump printed to one stream (JSON lists and log sections)'),
  async parse({ text, path, hints }) {
    return { ...(await parseClusterDumpStream(await text(), path, (json) => parseManifests(json, path, 'json', hints.namespace))), kind: 'cluster-dump-stream' };
  },
};
