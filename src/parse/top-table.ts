/**
 * `kubectl top pod` tables (metrics-server usage, one row per pod or per container):
 *
 * ```
 * NAMESPACE            NAME                                                 CPU(cores)   MEMORY(bytes)
 * default              prometheus-robusta-kube-prometheus-st-prometheus-0   29m          553Mi
 *
 * POD                     NAME     CPU(cores)   MEMORY(bytes)          (--containers: NAME = container)
 * api-7d9f6b5c4-xk2p9     api      12m          231Mi
 * ```
 * - `-A` puts NAMESPACE first; `--sum` adds a `________` row and a totals row (skipped);
 *   `--show-swap` (1.34+) adds SWAP(bytes) (ignored).
 * - `kubectl top node` (`NAME  CPU(cores)  CPU%  MEMORY(bytes)  MEMORY%`, 1.32+ `CPU(%)`) is about
 *   nodes, not pods: its rows are read as nothing, without a problem.
 * - Instead of a table kubectl may print `error: Metrics API not available` or
 *   `error: metrics not available yet` (on stderr): one issue says the metrics were not available.
 *
 * Lines before the first header (a pasted command line) are ignored.
 */
import type { ParseIssue, UsageFact } from '../model/types.js';
import type { ParseResult } from './result.js';
import { headerColumns, splitRow, type TableColumn } from './table.js';
import { claim, onAnyLine, type Parser } from './parser.js';
import { splitLines } from '../bundle/text.js';

const HEADER = /^\s*(?:NAMESPACE\s{2,})?(?:POD\s{2,})?NAME\s{2,}CPU\(cores\)\s{2,}/;
const METRICS_ERROR = /^\s*error: (?:Metrics API not available|metrics not available yet)\b.*$/i;
const CPU = /^(?:\d+(?:\.\d+)?m?|<unknown>)$/;
const MEMORY = /^(?:\d+(?:\.\d+)?(?:[KMGTPE]i?)?|<unknown>)$/;

interface Table {
  cols: TableColumn[];
  names: string[];
  /** `kubectl top node`: not pod usage. */
  nodes: boolean;
  /** After the `________` row of `--sum`: the next row is the total. */
  sum: boolean;
}

export function parseTopTable(lines: string[], artifact: string, namespaceHint?: string): ParseResult {
  const facts: UsageFact[] = [];
  const issues: ParseIssue[] = [];
  let table: Table | undefined;
  let sawHeader = false;
  let metricsError = false;

  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') {
      table = undefined;
      return;
    }
    if (METRICS_ERROR.test(raw)) {
      metricsError = true;
      issues.push({ line, message: `metrics were not available: ${raw.trim()}` });
      table = undefined;
      return;
    }
    if (HEADER.test(raw)) {
      const cols = headerColumns(raw.trimEnd());
      const names = cols.map((c) => c.name.replace(/\s+/g, ' '));
      const nodes = names.some((n) => /^(?:CPU|MEMORY)(?:%|\(%\))$/.test(n));
      table = { cols, names, nodes, sum: false };
      sawHeader = true;
      return;
    }
    if (!table || table.nodes) return; // preamble, or `kubectl top node` rows
    if (/^[\s_]+$/.test(raw)) {
      table.sum = true; // `--sum`: the next row holds the totals
      return;
    }
    if (table.sum) {
      table.sum = false;
      return;
    }
    const fact = readRow(raw, table, artifact, line, namespaceHint);
    if (fact) facts.push(fact);
    else issues.push({ line, message: `row does not fit the kubectl top pod header: ${raw.trim().slice(0, 80)}` });
  });

  if (!sawHeader && !metricsError) issues.push({ line: 1, message: 'no kubectl top pod table header found' });
  return { facts, issues };
}

function readRow(raw: string, table: Table, artifact: string, line: number, namespaceHint?: string): UsageFact | undefined {
  const text = raw.trimEnd();
  const gaps = text.trim().split(/\s{2,}|\t+/);
  for (const cells of [splitRow(text, table.cols), gaps]) {
    if (cells.length !== table.cols.length) continue;
    const cell = (column: string) => {
      const at = table.names.indexOf(column);
      return at >= 0 ? cells[at]?.trim() : undefined;
    };
    const hasPodColumn = table.names.includes('POD');
    const pod = hasPodColumn ? cell('POD') : cell('NAME');
    const container = hasPodColumn ? cell('NAME') : undefined;
    const cpu = cell('CPU(cores)') ?? '';
    const memory = cell('MEMORY(bytes)') ?? '';
    if (!pod || !/^\S+$/.test(pod) || (hasPodColumn && !/^\S+$/.test(container ?? ''))) continue;
    if (!CPU.test(cpu) || !MEMORY.test(memory)) continue;
    const fact: UsageFact = { type: 'usage', pod: pod.replace(/^pods?\//, ''), source: { artifact, line, text } };
    const ns = cell('NAMESPACE') ?? namespaceHint;
    if (ns) fact.namespace = ns;
    if (container) fact.container = container;
    if (cpu !== '<unknown>') fact.cpu = cpu;
    if (memory !== '<unknown>') fact.memory = memory;
    return fact;
  }
  return undefined;
}

/** The header of `kubectl top pod` (`--containers` adds POD first). */
const TOP_TABLE_HEADER = /^(?:NAMESPACE\s+)?(?:POD\s+)?NAME\s{2,}CPU\(cores\)\s{2,}/;

const TOP_TABLE_HEADER_IN_TEXT = onAnyLine(TOP_TABLE_HEADER);

export const topTableParser: Parser = {
  kind: 'top-table',
  starts: TOP_TABLE_HEADER,
  sniff: ({ text }) => claim(TOP_TABLE_HEADER_IN_TEXT.test(text), 0.92, 'a kubectl top table header'),
  parse: async ({ text, path, hints }) => parseTopTable(splitLines(await text()), path, hints.namespace),
};
