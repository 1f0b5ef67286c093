/**
 * `kubectl describe node` text (one or several nodes per file).
 *
 * ```
 * Name:               kube-worker-1
 * Roles:              <none>
 * Taints:             node.kubernetes.io/unreachable:NoExecute
 *                     node.kubernetes.io/unreachable:NoSchedule
 * Conditions:
 *   Type                 Status    LastHeartbeatTime                 LastTransitionTime                Reason              Message
 *   ----                 ------    -----------------                 ------------------                ------              -------
 *   MemoryPressure       Unknown   Thu, 17 Feb 2022 17:12:40 -0500   Thu, 17 Feb 2022 17:13:52 -0500   NodeStatusUnknown   Kubelet stopped posting node status.
 * Allocatable:
 *   cpu:                2
 *   memory:             1922788Ki
 * Non-terminated Pods:          (4 in total)
 *   Namespace                   Name                                 CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
 *   ---------                   ----                                 ------------  ----------  ---------------  -------------  ---
 *   default                     nginx-deployment-67d4bdd6f5-cx2nz    500m (25%)    500m (25%)  128Mi (6%)       128Mi (6%)     23m
 * Allocated resources:
 *   (Total limits may be over 100 percent, i.e., overcommitted.)
 *   Resource           Requests     Limits
 *   --------           --------     ------
 *   cpu                1100m (55%)  1 (50%)
 * Events:              <none>
 * ```
 * (kubernetes/website, debug-cluster, `kubectl describe node` of a NotReady node.)
 *
 * The tables (`Conditions`, `Non-terminated Pods`, `Allocated resources`) are read straight from
 * the description's lines below their key, at the header words' offsets: their times and
 * quantities hold single blanks (`Thu, 17 Feb 2022 17:12:40 -0500`, `5039m (15%)`). Before
 * about 1.10 `Allocated resources` was one row under `CPU Requests  CPU Limits  Memory Requests
 * Memory Limits`; that layout is read too. Without the right to list pods, kubectl prints
 * `Pods:  not authorized` instead of both pod sections.
 */
import type { NodeConditionFact, NodeFact, ParseIssue, Sourced } from '../model/types.js';
import { parseDescribeEvents } from './describe-events.js';
import { describeHead, isKeyLine, lineSource, readDescriptions, valueOf, type DescribeLine, type DescribeNode, type Description } from './describe-tree.js';
import { claim, type Parser } from './parser.js';
import { splitLines } from '../bundle/text.js';
import type { ParseResult } from './result.js';
import { headerColumns, splitRow, type TableColumn } from './table.js';

/** Top-level keys only a node description has. */
const NODE_KEYS = ['Roles', 'Unschedulable', 'Capacity', 'Allocatable', 'System Info', 'Non-terminated Pods', 'Allocated resources'];

const DASHES = /^\s*-+(?:\s+-+)*\s*$/;

export function parseDescribeNode(lines: string[], artifact: string): ParseResult {
  return readDescriptions(lines, (chunk, tree) => nodeFromDescription(chunk, tree, artifact));
}

export const describeNodeParser: Parser = {
  kind: 'describe-node',
  sniff({ text }) {
    const head = describeHead(text);
    return claim(head !== undefined && /^(?:Roles|Taints|System Info|Non-terminated Pods|PodCIDRs?):/m.test(head), 0.97, 'kubectl describe node text');
  },
  parse: async ({ text, path }) => parseDescribeNode(splitLines(await text()), path),
};

function nodeFromDescription(chunk: Description, tree: DescribeNode[], artifact: string): ParseResult {
  const facts: ParseResult['facts'] = [];
  const issues: ParseIssue[] = [];
  const top = (key: string) => tree.find((n) => n.key === key);
  const nameNode = top('Name');
  const name = valueOf(nameNode);
  if (!nameNode || !name) return { facts, issues };
  if (!NODE_KEYS.some((k) => top(k))) {
    issues.push({ line: nameNode.line, message: `${name}: not a node description (no Roles, Capacity, Allocatable or System Info)` });
    return { facts, issues };
  }
  const section = new Section(chunk.lines, chunk.baseIndent, artifact, issues);
  const node: NodeFact = {
    type: 'node',
    origin: 'describe',
    name,
    conditions: section.conditions(top('Conditions')),
    taints: readTaints(top('Taints'), artifact),
    capacity: quantities(top('Capacity')),
    allocatable: quantities(top('Allocatable')),
    allocated: section.allocated(top('Allocated resources')),
    pods: section.pods(top('Non-terminated Pods')),
    source: src(artifact, nameNode),
  };
  facts.push(node);
  const events = top('Events');
  if (events) {
    const read = parseDescribeEvents(events, artifact, { kind: 'Node', name });
    facts.push(...read.events);
    issues.push(...read.issues);
  }
  return { facts, issues };
}

const src = lineSource;


/** `Taints:  key[=value]:Effect`, one per line; `<none>` when there are none. */
function readTaints(node: DescribeNode | undefined, artifact: string): Sourced<string>[] {
  if (!node) return [];
  const taints: Sourced<string>[] = [];
  const first = valueOf(node);
  if (first) taints.push({ value: first, source: src(artifact, node) });
  for (const item of node.items) {
    const v = item.raw.trim();
    if (v && v !== '<none>') taints.push({ value: v, source: src(artifact, item) });
  }
  return taints;
}

/** `Capacity:` / `Allocatable:` children: `  memory:  1922788Ki`. */
function quantities(node: DescribeNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of node?.children ?? []) if (c.value !== '') out[c.key] = c.value;
  return out;
}

/** Reads a table section from the description's own lines, below its key line. */
class Section {
  private readonly at = new Map<number, number>();

  constructor(
    private readonly lines: DescribeLine[],
    private readonly baseIndent: number,
    private readonly artifact: string,
    private readonly issues: ParseIssue[],
  ) {
    lines.forEach((l, i) => this.at.set(l.line, i));
  }

  /**
   * The lines of the section under `key`: every line after it up to the next key line at the
   * key's own level or above. Blank lines are dropped. Lines at column 0 that are not keys are
   * kept (a multi-line message continues there).
   */
  private rows(key: DescribeNode): DescribeLine[] {
    const start = this.at.get(key.line);
    if (start === undefined) return [];
    const out: DescribeLine[] = [];
    for (const l of this.lines.slice(start + 1)) {
      const text = l.raw.replace(/\t/g, '  ');
      if (text.trim() === '') continue;
      const indent = text.length - text.trimStart().length - this.baseIndent;
      if (indent <= key.indent && isKeyLine(text)) break;
      out.push(l);
    }
    return out;
  }

  /** The table under a key: its header's columns and its data rows (dash rule dropped). */
  private table(key: DescribeNode | undefined, isHeader: (raw: string) => boolean) {
    if (!key) return undefined;
    const rows = this.rows(key);
    const h = rows.findIndex((r) => isHeader(r.raw));
    if (h < 0) {
      const data = rows.filter((r) => !r.raw.trim().startsWith('('));
      if (data.length > 0) this.issues.push({ line: key.line, message: `${key.key}: table without its header line` });
      return undefined;
    }
    const header = rows[h]!;
    return {
      header,
      cols: headerColumns(header.raw.trimEnd()),
      rows: rows.slice(h + 1).filter((r) => !DASHES.test(r.raw)),
    };
  }

  conditions(key: DescribeNode | undefined): NodeConditionFact[] {
    const out: NodeConditionFact[] = [];
    const t = this.table(key, (raw) => /^\s*Type\s+Status\b/.test(raw));
    if (!t) return out;
    const names = t.cols.map((c) => c.name);
    let last: NodeConditionFact | undefined;
    for (const row of t.rows) {
      if (/^\S/.test(row.raw) && last) {
        // A multi-line message continues at column 0.
        last.message = `${last.message ?? ''}\n${row.raw.trim()}`;
        continue;
      }
      const cells = cellsOf(row.raw, t.cols, (c) => /^\S+$/.test(c[0] ?? '') && /^(?:True|False|Unknown)$/.test(c[1] ?? ''));
      if (!cells) {
        this.issues.push({ line: row.line, message: 'node condition row does not fit the Conditions header' });
        continue;
      }
      const get = (n: string) => {
        const v = cells[names.indexOf(n)];
        return v === undefined || v === '' ? undefined : v;
      };
      last = { type: cells[0]!, status: cells[1]!, source: src(this.artifact, row) };
      const reason = get('Reason');
      if (reason) last.reason = reason;
      const message = get('Message');
      if (message) last.message = message;
      out.push(last);
    }
    return out;
  }

  allocated(key: DescribeNode | undefined): NodeFact['allocated'] {
    const out: NodeFact['allocated'] = {};
    const t = this.table(key, (raw) => /^\s*(?:Resource\s+Requests\b|CPU Requests\s)/.test(raw));
    if (!t) return out;
    const names = t.cols.map((c) => c.name);
    const old = names[0] === 'CPU Requests';
    for (const row of t.rows) {
      if (row.raw.trim().startsWith('(')) continue; // (Total limits may be over 100 percent, ...)
      const cells = cellsOf(row.raw, t.cols, (c) => c.every((v) => v !== ''));
      if (!cells) {
        this.issues.push({ line: row.line, message: 'Allocated resources row does not fit its header' });
        continue;
      }
      if (old) {
        // CPU Requests  CPU Limits  Memory Requests  Memory Limits: one row for both resources.
        const get = (n: string) => cells[names.indexOf(n)] ?? '';
        out.cpu = { requests: get('CPU Requests'), limits: get('CPU Limits') };
        out.memory = { requests: get('Memory Requests'), limits: get('Memory Limits') };
      } else {
        out[cells[0]!] = { requests: cells[1] ?? '', limits: cells[2] ?? '' };
      }
    }
    return out;
  }

  pods(key: DescribeNode | undefined): NodeFact['pods'] {
    const out: NodeFact['pods'] = [];
    const t = this.table(key, (raw) => /^\s*Namespace\s{2,}Name\b/.test(raw));
    if (!t) return out;
    for (const row of t.rows) {
      const cells = cellsOf(row.raw, t.cols, (c) => /^\S+$/.test(c[0] ?? '') && /^\S+$/.test(c[1] ?? ''));
      if (!cells) {
        this.issues.push({ line: row.line, message: 'Non-terminated Pods row does not fit its header' });
        continue;
      }
      out.push({ namespace: cells[0]!, name: cells[1]!, source: src(this.artifact, row) });
    }
    const total = /^\((\d+) in total\)$/.exec(key?.value ?? '');
    if (total && Number(total[1]) !== out.length) {
      this.issues.push({ line: key!.line, message: `Non-terminated Pods: ${total[1]} in total, ${out.length} rows read` });
    }
    return out;
  }
}

/**
 * Cuts a row at the header's offsets; when the cells do not have the expected shapes (a row
 * that is not aligned with its header), at gaps of two or more blanks.
 */
function cellsOf(raw: string, cols: TableColumn[], ok: (cells: string[]) => boolean): string[] | undefined {
  const text = raw.trimEnd();
  const aligned = splitRow(text, cols);
  if (ok(aligned)) return aligned;
  const gaps = text.trim().split(/\s{2,}|\t+/);
  if (gaps.length === cols.length && ok(gaps)) return gaps;
  return undefined;
}
