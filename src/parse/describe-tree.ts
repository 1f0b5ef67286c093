import { KEYS_AFTER_MESSAGE } from '../knowledge/describe-keys.js';
import type { Fact, ParseIssue, SourceRef } from '../model/types.js';

/**
 * The shared reader of `kubectl describe` text: indentation-nested `Key:  value` lines.
 *
 * ```
 * Name:             api-7d9f6b5c4-xk2p9
 * Labels:           app=api
 *                   pod-template-hash=7d9f6b5c4
 * Containers:
 *   api:
 *     State:          Waiting
 *       Reason:       CrashLoopBackOff
 * ```
 *
 * Keys may hold spaces (`Restart Count`), values may hold colons (`Image:  repo:tag`): a key ends
 * at the first colon followed by two blanks, a tab or the end of the line. Lines that are not
 * `Key: value` (continuations of multi-value keys, `Args` items, mounts, table rows) are kept as
 * `items` of the key above them. Tables (`Conditions`, `Events`) are kept as items too and read
 * by their own parsers.
 */

export interface DescribeLine {
  /** 1-based line number in the artifact (0 for a line the reader made up). */
  line: number;
  /** The line as it stands in the file (line end removed): what evidence quotes. */
  raw: string;
  /** What the tree builder reads, when it differs from `raw` (a fragment re-indented). */
  text?: string;
}

export interface DescribeNode {
  key: string;
  value: string;
  indent: number;
  line: number;
  raw: string;
  /** Lines below the key that are not keys themselves. */
  items: DescribeLine[];
  children: DescribeNode[];
}

/** `Key:  value`; kubectl prints `Containers: <none>` with a single blank, so `<none>` may follow one. */
const KEY_LINE = /^( *)([^:\s][^:]*?):(?: {2,}|\t+| ?$| (?=<none>\s*$))(.*)$/;

/** Whether a line (any indentation) is a `Key:  value` line. */
export function isKeyLine(text: string): boolean {
  return KEY_LINE.test(text.replace(/^\s+/, (ws) => ' '.repeat(ws.length)));
}


/** Sections whose body is a table, kept whole as items (their rows may look like keys). */
const TABLE_SECTIONS = new Set(['Events', 'Conditions', 'Non-terminated Pods', 'Allocated resources']);

function expandTabs(raw: string): string {
  // Old kubectl (and pasted output) separates cells with tabs: read a run of tabs like a gap.
  return raw.includes('\t') ? raw.replace(/\t+/g, '  ') : raw;
}

/**
 * Builds the key tree of one description. `lines` are the description's lines with their
 * numbers; `baseIndent` is the indentation of its `Name:` line (0 unless pasted indented).
 */
export function buildDescribeTree(lines: DescribeLine[], baseIndent = 0): DescribeNode[] {
  const roots: DescribeNode[] = [];
  const stack: DescribeNode[] = [];
  let last: DescribeNode | undefined;
  let table: DescribeNode | undefined;
  let inMessage: DescribeNode | undefined;

  for (const entry of lines) {
    const text = expandTabs(entry.text ?? entry.raw);
    if (text.trim() === '') continue;
    const indentRaw = text.length - text.trimStart().length;
    const indent = Math.max(0, indentRaw - baseIndent);
    const body = text.slice(Math.min(indentRaw, baseIndent));

    if (table) {
      // A table runs until a line at the section's own level (or above) that is a key.
      const m = KEY_LINE.exec(body);
      if (!(m && indent <= table.indent && !/^(Normal|Warning)\b/.test(body.trimStart()))) {
        table.items.push(entry);
        continue;
      }
      table = undefined;
    }

    const m = KEY_LINE.exec(body);
    if (inMessage) {
      // A multi-line message continues at column 0 until a known key comes back.
      const key = m?.[2]?.trim() ?? '';
      const ends = m !== null && (indent > 0 ? KEYS_AFTER_MESSAGE.has(key) : TOP_LEVEL_KEYS.has(key));
      if (!ends) {
        inMessage.items.push(entry);
        continue;
      }
      inMessage = undefined;
    }

    if (!m) {
      (last ?? roots[roots.length - 1])?.items.push(entry);
      continue;
    }
    const node: DescribeNode = {
      key: m[2]!.trim(),
      value: (m[3] ?? '').trim(),
      indent,
      line: entry.line,
      raw: entry.raw,
      items: [],
      children: [],
    };
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.children : roots).push(node);
    stack.push(node);
    last = node;
    if (TABLE_SECTIONS.has(node.key) && node.value === '') table = node;
    if (node.key === 'Message' && indent > 0) inMessage = node;
  }
  return roots;
}

const TOP_LEVEL_KEYS = new Set([
  'Name',
  'Namespace',
  'Priority',
  'Priority Class Name',
  'Runtime Class Name',
  'Service Account',
  'Node',
  'Start Time',
  'Labels',
  'Annotations',
  'Status',
  'Reason',
  'Message',
  'IP',
  'IPs',
  'Controlled By',
  'Controllers',
  'Init Containers',
  'Containers',
  'Conditions',
  'Volumes',
  'QoS Class',
  'Node-Selectors',
  'Tolerations',
  'Events',
]);


/** The first child with this key. */
export function child(node: DescribeNode | undefined, key: string): DescribeNode | undefined {
  return node?.children.find((c) => c.key === key);
}

/** A value, with `<none>`, `<unset>`, `<nil>` read as absent. */
export function valueOf(node: DescribeNode | undefined): string | undefined {
  if (!node) return undefined;
  const v = node.value;
  if (v === '' || v === '<none>' || v === '<unset>' || v === '<nil>') return undefined;
  return v;
}

/**
 * Splits a file holding one or more descriptions into one chunk each. `kubectl describe`
 * starts every description with `Name:` at the description's own left margin.
 */
export function splitDescriptions(lines: string[]): { start: number; baseIndent: number; lines: DescribeLine[] }[] {
  const chunks: { start: number; baseIndent: number; lines: DescribeLine[] }[] = [];
  let current: { start: number; baseIndent: number; lines: DescribeLine[] } | undefined;
  let baseIndent = -1;
  lines.forEach((raw, i) => {
    const m = /^([ \t]*)Name:(?: {2,}|\t+)\S/.exec(raw);
    const indent = m ? m[1]!.length : -1;
    if (m && (baseIndent < 0 || indent === baseIndent)) {
      baseIndent = indent;
      current = { start: i + 1, baseIndent: indent, lines: [] };
      chunks.push(current);
    }
    current?.lines.push({ line: i + 1, raw });
  });
  return chunks;
}

/** The source of a describe line: artifact, line number, the line as it stands. */
export function lineSource(artifact: string, at: { line: number; raw: string }): SourceRef {
  return { artifact, line: at.line, text: at.raw.trimEnd() };
}

export type Description = ReturnType<typeof splitDescriptions>[number];

/**
 * Reads every description of a file with `read`, which gets the description's lines and its
 * key tree; their facts and problems are gathered.
 */
export function readDescriptions(lines: string[], read: (chunk: Description, tree: DescribeNode[]) => { facts: Fact[]; issues: ParseIssue[] }): { facts: Fact[]; issues: ParseIssue[] } {
  const chunks = splitDescriptions(lines);
  if (chunks.length === 0) return { facts: [], issues: [{ line: 1, message: 'no `Name:` line: not kubectl describe output' }] };
  const facts: Fact[] = [];
  const issues: ParseIssue[] = [];
  for (const chunk of chunks) {
    const result = read(chunk, buildDescribeTree(chunk.lines, chunk.baseIndent));
    facts.push(...result.facts);
    issues.push(...result.issues);
  }
  return { facts, issues };
}

/** `kubectl describe` prints `Name:` at column 0 first; what follows tells the kind. */
const DESCRIBE_START = /^([ \t]*)Name:(?: {2,}|\t+)\S/m;

/**
 * The head of a `kubectl describe` text, read from its own margin (pasted or very old output may
 * be indented as a whole), or undefined when the text does not start like a description.
 */
export function describeHead(text: string): string | undefined {
  const start = DESCRIBE_START.exec(text);
  if (!start) return undefined;
  const margin = start[1]!;
  return margin ? text.split('\n').map((l) => (l.startsWith(margin) ? l.slice(margin.length) : l)).join('\n') : text;
}
