/**
 * `kubectl get pods` tables, in every column set kubectl has printed:
 *
 * ```
 * NAME                       READY   STATUS             RESTARTS      AGE   IP             NODE                                         NOMINATED NODE   READINESS GATES   LABELS
 * crashpod-9688789bc-lgjzj   0/1     CrashLoopBackOff   7 (32s ago)   11m   10.0.219.148   ip-10-0-203-129.us-east-2.compute.internal   <none>           <none>            app=crashpod,...
 *
 * NAME                                READY     STATUS    RESTARTS   AGE         (old kubectl: min width 10)
 * nginx-deployment-1370807587-fg172   0/1       Pending   0          1m
 * ```
 * - `-A` puts NAMESPACE first; `-o wide` adds IP, NODE, NOMINATED NODE, READINESS GATES;
 *   `--show-labels` adds LABELS last, `-L key` one upper-cased column per key (ignored).
 * - `kubectl get all` prints one table per kind, separated by blank lines, names prefixed with
 *   `pod/`: only the pod tables are read, the others (services, deployments, ...) are skipped.
 * - RESTARTS is `7` or, since about 1.22, `7 (32s ago)`: the age of the newest restart.
 * - Lines before the first header (a pasted command line, `stdout:`) are ignored; `No resources
 *   found` is an empty answer, not a problem.
 * - `--no-headers` (scripts, collectors) and pasted single rows have no header: a line with the
 *   shape of a pod row (`name  n/m  STATUS  restarts  age`, NAMESPACE first with `-A`) is read
 *   in the default column order.
 *
 * Rows are cut at the header words' offsets; a row that is not aligned with its header (hand
 * edited, re-flowed) is cut at its gaps of two or more blanks instead. A row whose cells do not
 * have the shapes of a pod row (READY `n/m`, RESTARTS a number) is reported with its line.
 */
import type { ParseIssue, PodRowFact } from '../model/types.js';
import type { ParseResult } from './result.js';
import { headerColumns, splitRow, type TableColumn } from './table.js';
import { claim, onAnyLine, type Parser } from './parser.js';
import { splitLines } from '../bundle/text.js';
import { isKubectlCommandLine } from '../detect/command-line.js';

/** A header cell of any `kubectl get` table: upper case, digits and `()%/._-`, maybe two words. */
const HEADER_WORD = /^[A-Z][A-Z0-9()%/._:-]*(?: [A-Z][A-Z0-9()%/._:-]*)*$/;

const READY = /^\d+\/\d+$/;
const RESTARTS = /^(\d+)(?: \((\S+) ago\))?$/;
const NO_RESOURCES = /^No resources found\b/;

interface Table {
  cols: TableColumn[];
  names: string[];
  pods: boolean;
}

export function parsePodsTable(lines: string[], artifact: string, namespaceHint?: string): ParseResult {
  const facts: PodRowFact[] = [];
  const issues: ParseIssue[] = [];
  const unread: { line: number; text: string }[] = [];
  let table: Table | undefined;
  let sawHeader = false;
  let sawPodTable = false;
  let emptyAnswer = false;

  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') {
      // `kubectl get all` separates its tables with a blank line.
      table = undefined;
      return;
    }
    const header = readHeader(raw);
    if (header) {
      table = header;
      sawHeader = true;
      if (header.pods) sawPodTable = true;
      return;
    }
    if (!table) {
      const bare = bareTable(raw);
      if (bare) {
        table = bare;
        sawPodTable = true;
      } else {
        if (NO_RESOURCES.test(raw.trim())) emptyAnswer = true;
        return; // preamble before the first header, or a line between tables
      }
    }
    if (!table.pods) return; // another kind's table of `kubectl get all`
    const row = readRow(raw, table);
    if (!row) {
      issues.push({ line, message: `row does not fit the kubectl get pods header: ${raw.trim().slice(0, 80)}` });
      unread.push({ line, text: raw });
      return;
    }
    const source = { artifact, line, text: raw.trimEnd() };
    const fact: PodRowFact = {
      type: 'pod-row',
      name: row.name.replace(/^pods?\//, ''),
      status: { value: row.status, source },
      source,
    };
    const ns = row.get('NAMESPACE') ?? namespaceHint;
    if (ns) fact.namespace = ns;
    if (row.ready) fact.ready = row.ready;
    if (row.restarts !== undefined) fact.restarts = row.restarts;
    if (row.lastRestartAgo) fact.lastRestartAgo = row.lastRestartAgo;
    const age = row.get('AGE');
    if (age) fact.age = age;
    const node = row.get('NODE');
    if (node) fact.node = node;
    const ip = row.get('IP');
    if (ip) fact.ip = ip;
    facts.push(fact);
  });

  if (!sawPodTable && !(emptyAnswer && !sawHeader)) {
    issues.push({
      line: 1,
      message: sawHeader ? 'no pod table (NAME READY STATUS RESTARTS) among the tables' : 'no kubectl get pods table header found',
    });
  }
  return unread.length > 0 ? { facts, issues, unread } : { facts, issues };
}

/** A header line of any `kubectl get` table (NAME or NAMESPACE first, upper-case words). */
function readHeader(raw: string): Table | undefined {
  const m = /^(\s*)("?)(?=NAME(?:SPACE)?\s)/.exec(raw);
  if (!m) return undefined;
  // A header pasted out of a JSON string (` "NAME   READY ...`) is shifted by its quote; the
  // rows under it are not. An indented paste indents header and rows alike.
  const shift = m[2] ? m[0].length : 0;
  const cols = headerColumns(raw.slice(shift).trimEnd());
  if (cols.length < 2 || !cols.every((c) => HEADER_WORD.test(c.name))) return undefined;
  const names = cols.map((c) => c.name.replace(/\s+/g, ' '));
  const has = (n: string) => names.includes(n);
  const pods = has('NAME') && has('READY') && has('STATUS') && has('RESTARTS');
  return { cols, names, pods };
}

/**
 * A row of `kubectl get pods --no-headers`: NAMESPACE? NAME READY STATUS RESTARTS AGE (IP NODE
 * ...); a pasted row may have lost its AGE.
 */
export const BARE_POD_ROW = /^(?:[a-z0-9][-a-z0-9]*\s{2,})?(?:pods?\/)?[a-z0-9][-a-z0-9.]*\s{2,}\d+\/\d+\s{2,}[A-Za-z][\w:-]*\s{2,}\d+(?: \(\S+ ago\))?(?:\s{2,}\S.*)?$/;
const DEFAULT_COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];

/** The columns of a header-less row, in kubectl's default order; read by its gaps. */
function bareTable(raw: string): Table | undefined {
  const text = raw.trim();
  if (!BARE_POD_ROW.test(text)) return undefined;
  const cells = text.split(/\s{2,}|\t+/);
  const names = (READY.test(cells[1] ?? '') ? DEFAULT_COLUMNS : ['NAMESPACE', ...DEFAULT_COLUMNS]).slice(0, cells.length);
  // No offsets to cut at: -1 makes every row go through the gap splitter.
  return { cols: names.map((name) => ({ name, start: -1 })), names, pods: true };
}

interface Row {
  name: string;
  status: string;
  ready?: string;
  restarts?: number;
  lastRestartAgo?: string;
  get(column: string): string | undefined;
}

function readRow(raw: string, table: Table): Row | undefined {
  const text = raw.trimEnd();
  const aligned = splitRow(text, table.cols);
  return fits(aligned, table) ?? fits(splitGaps(text, table.cols.length), table);
}

/** The cells as a pod row, when they have the shapes of one. */
function fits(cells: string[] | undefined, table: Table): Row | undefined {
  if (!cells || cells.length !== table.cols.length) return undefined;
  const cell = (column: string) => {
    const at = table.names.indexOf(column);
    return at >= 0 ? cells[at] : undefined;
  };
  const name = cell('NAME') ?? '';
  const status = cell('STATUS') ?? '';
  const ready = cell('READY') ?? '';
  const restartsText = cell('RESTARTS') ?? '';
  if (!/^\S+$/.test(name) || !/^\S+$/.test(status) || !READY.test(ready)) return undefined;
  const restarts = RESTARTS.exec(restartsText);
  if (!restarts) return undefined;
  for (const column of ['NAMESPACE', 'AGE', 'IP', 'NODE']) {
    const v = cell(column);
    if (v !== undefined && !/^\S+$/.test(v)) return undefined;
  }
  const row: Row = {
    name,
    status,
    ready,
    restarts: Number(restarts[1]),
    get: (column) => {
      const v = cell(column);
      return v === undefined || v === '' || v === '<none>' ? undefined : v;
    },
  };
  if (restarts[2]) row.lastRestartAgo = restarts[2];
  return row;
}

/**
 * Cuts a row at its gaps of two or more blanks (or tabs). Returns undefined when that does not
 * give one cell per column: a cell is then empty or holds a double blank, and cannot be told apart.
 */
function splitGaps(row: string, n: number): string[] | undefined {
  const cells = row.trim().split(/\s{2,}|\t+/).map((c) => c.trim());
  return cells.length === n ? cells : undefined;
}

/** The header of `kubectl get pods` (with `-A`, NAMESPACE first). */
const PODS_TABLE_HEADER = /^(?:NAMESPACE\s+)?NAME\s{2,}READY\s{2,}STATUS\s{2,}RESTARTS\s{2,}AGE\b/;

const PODS_TABLE_HEADER_IN_TEXT = onAnyLine(PODS_TABLE_HEADER);

export const podsTableParser: Parser = {
  kind: 'get-pods-table',
  starts: PODS_TABLE_HEADER,
  row: BARE_POD_ROW,
  sniff({ text }) {
    if (PODS_TABLE_HEADER_IN_TEXT.test(text)) return { confidence: 0.925, reason: 'a kubectl get pods table header' };
    const lines = text.split('\n').filter((l) => l.trim());
    // Rows may sit under the command that printed them (`$ kubectl get pods | grep api`).
    const rows = lines.filter((l) => !isKubectlCommandLine(l));
    return claim(rows.length > 0 && lines.length <= 2000 && rows.every((l) => BARE_POD_ROW.test(l.trim())), 0.85, 'kubectl get pods rows without a header (--no-headers)');
  },
  parse: async ({ text, path, hints }) => parsePodsTable(splitLines(await text()), path, hints.namespace),
};
