/**
 * Pieces of kubectl output pasted out of their context: what people put in tickets and forum
 * threads. A container block of `kubectl describe pod` without its `Name:` line, an `Events:`
 * table on its own, event rows without a header, or a single kubelet message.
 *
 * ```
 *     State:          Terminated
 *       Reason:       OOMKilled
 *       Exit Code:    137
 *     Restart Count:  5
 * ```
 * ```
 *   Warning  Failed     11m (x12279 over 44h)  kubelet, node-2  Error: secret "smtp-account" not found
 * 2m22s       Warning   Unhealthy   pod/web-57f9d6fd5c-czdlh   Liveness probe failed: Get "http://10.42.0.186:3001/": ...
 * Error: failed to start container "xray-daemon": ... exec: "/usr/bin/xray": stat /usr/bin/xray: no such file or directory: unknown
 * ```
 * A described fragment becomes a pod with no name (`name: ''`), events become events with no
 * subject; the correlate stage gives them to the one pod they can belong to.
 */
import { commandAbove } from '../detect/command-line.js';
import { CONTAINER_KEY_ORDER, CONTAINER_KEYS, POD_KEYS, POD_SECTION_KEYS, STATE_KEYS } from '../knowledge/describe-keys.js';
import { NORMAL_MESSAGE_REASONS, reasonOfMessage } from '../knowledge/events.js';
import { lookupReason } from '../knowledge/reasons.js';
import type { EventFact, ParseIssue, PodFact, PodRowFact } from '../model/types.js';
import { OLD_SPACED_ROW, parseAge, parseDescribeEvents } from './describe-events.js';
import { podFromTree } from './describe-pod.js';
import { buildDescribeTree, describeHead, type DescribeLine } from './describe-tree.js';
import { claim, type Parser } from './parser.js';
import { splitLines } from '../bundle/text.js';
import type { ParseResult } from './result.js';

/** Keys of a container block, at the container-field level. */
const CONTAINER_KEY = new RegExp(`^([ \\t]*)(${CONTAINER_KEY_ORDER.join('|')}):(?: {2,}|\\t|$)`);
const STATE_FIELD = /^[ \t]+(?:Reason|Exit Code|Message|Started|Finished|Signal):/;

/**
 * A describe fragment: re-read as one pod whose container block is the fragment. Each line
 * keeps its number and its text; only the indentation the parser sees is shifted.
 */
export function parseDescribeFragment(lines: string[], artifact: string): ParseResult {
  const first = lines.findIndex((l) => CONTAINER_KEY.test(l) || STATE_FIELD.test(l));
  if (first < 0) return { facts: [], issues: [{ line: 1, message: 'no container fields (State, Last State, Restart Count) found' }] };
  const keyIndent = (CONTAINER_KEY.exec(lines[first]!)?.[1] ?? /^[ \t]*/.exec(lines[first]!)![0]).replace(/\t/g, '  ').length;
  // The container's own `name:` line, if the paste kept it: the last key-only line above at a lower indent.
  let containerName = '';
  let start = first;
  for (let i = first - 1; i >= 0; i--) {
    const m = /^([ \t]*)([\w.-]+):\s*$/.exec(lines[i]!);
    if (m && m[1]!.length < keyIndent) {
      containerName = m[2]!;
      start = i + 1;
      break;
    }
  }
  const command = commandAbove(lines, 'describe');
  const podName = lines.map((l) => /^\s*Name:\s+(\S+)/.exec(l)?.[1]).find(Boolean) ?? command?.pod ?? '';
  const namespace = lines.map((l) => /^\s*Namespace:\s+(\S+)/.exec(l)?.[1]).find(Boolean) ?? command?.namespace;
  const shift = keyIndent - 4;
  const synthetic = (text: string): DescribeLine => ({ line: 0, raw: text });
  const body: DescribeLine[] = [];
  let eventsAt = -1;
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^\s*Events:\s*(?:<none>)?\s*$/.test(raw)) {
      eventsAt = i;
      break;
    }
    if (/^\s*(?:Conditions|Volumes|QoS Class|Tolerations|Node-Selectors):/.test(raw) && (raw.length - raw.trimStart().length) < keyIndent) break;
    const indent = raw.length - raw.trimStart().length;
    const text = indent >= keyIndent && shift !== 0 ? (shift > 0 ? raw.slice(shift) : ' '.repeat(-shift) + raw) : raw;
    body.push({ line: i + 1, raw, text });
  }
  const tree = buildDescribeTree([synthetic(`Name:  ${podName || '(unnamed)'}`), synthetic('Containers:'), synthetic(`  ${containerName || '(unnamed)'}:`), ...body], 0);
  const read = podFromTree(tree, artifact);
  const facts = read.facts;
  const issues: ParseIssue[] = read.issues.filter((i) => !/cut short/.test(i.message));
  for (const f of facts) {
    if (f.type !== 'pod') continue;
    const pod = f as PodFact;
    pod.origin = 'fragment';
    pod.name = podName;
    if (namespace) pod.namespace = namespace;
    else delete pod.namespace;
    for (const c of pod.containers) if (c.name === '(unnamed)') c.name = '';
    // The synthetic lines have no place in the file: cite the first real line instead.
    const firstReal = body[0] ?? { line: first + 1, raw: lines[first]! };
    pod.source = { artifact, line: firstReal.line, text: firstReal.raw.trimEnd() };
    for (const c of pod.containers) if (c.source.line === 0) c.source = pod.source;
  }
  if (eventsAt >= 0) {
    const events = parseEventsFragment(lines.slice(eventsAt), artifact, eventsAt);
    facts.push(...events.facts);
    issues.push(...events.issues);
  }
  return { facts, issues };
}

/**
 * The pod-level status lines of a describe pasted on their own (`Status: Failed`, `Reason:
 * Evicted`, `Message: The node was low on resource: ...`): read as an unnamed pod's status.
 */
export function parsePodStatusFragment(lines: string[], artifact: string): ParseResult {
  const first = lines.findIndex((l) => POD_STATUS_LINE.test(l));
  if (first < 0) return { facts: [], issues: [{ line: 1, message: 'no pod Status/Reason/Message lines found' }] };
  const body: DescribeLine[] = [];
  for (let i = first; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    body.push({ line: i + 1, raw, text: raw.trimStart() });
  }
  const read = podFromTree(buildDescribeTree([{ line: 0, raw: 'Name:  (unnamed)' }, ...body], 0), artifact);
  const issues = read.issues.filter((i) => !/cut short|no Containers/.test(i.message));
  for (const f of read.facts) {
    if (f.type !== 'pod') continue;
    f.origin = 'fragment';
    f.name = '';
    delete f.namespace;
    f.source = { artifact, line: first + 1, text: lines[first]!.trimEnd() };
  }
  return { facts: read.facts, issues };
}

/** A pod-level status line of a describe: `Status:`, `Reason:` or `Message:` at the margin. */
export const POD_STATUS_LINE = /^\s{0,2}(?:Status|Reason|Message):\s+\S/;

/** A `kubectl get events` row: LAST SEEN, TYPE, REASON, OBJECT (kind/name), MESSAGE. */
const GET_EVENTS_ROW = /^\s*(?:(\S+)\s+)?(\S+(?: \(x\d+ over \S+\))?)\s+(Normal|Warning)\s+([A-Z]\w+)\s+([A-Za-z]+\/\S+)\s+(.*)$/;
/**
 * A row of the tab-separated describe Events of kubectl 1.x, without its header:
 * FirstSeen, LastSeen, Count, From, SubObjectPath (often empty), Type, Reason, Message.
 */
export const OLD_DESCRIBE_ROW = /^\s*(\S+)\t[\t ]*(\S+)\t[\t ]*(\d+)\t[\t ]*([^\t]+?)\t[\t ]*(?:([^\t]*?)\t[\t ]*)?(Normal|Warning)\t[\t ]*([A-Z]\w+)\t[\t ]*(.*)$/;
/**
 * The Kubernetes e2e framework's event dump: `INFO: At 2023-11-30 23:10:47 +0000 UTC - event for
 * <object>: {kubelet <node>} FailedMount: <message>`.
 */
export const E2E_EVENT = /\bAt .+? - event for ([^:\s]+): \{([^}]*)\} ([A-Z]\w+): (.*)$/;
/** A describe Events row without its header (Age and From may be cut to `...`). */
const DESCRIBE_ROW = /^\s*(Normal|Warning)\s+([A-Z]\w+)\s+(?:(<unknown>|<invalid>|\d\S*(?: \(x\d+ over \S+\))?|\.{3}|…)\s+)?(?:(\{[^}]*\}|[a-z][\w-]*(?:, \S+)?|\.{3}|…)\s+)?(.*)$/;

/**
 * Events pasted without context: an `Events:` table (with its header), rows without a header,
 * or bare kubelet messages. `offset` is the 0-based line where `lines` start in the file.
 */
export function parseEventsFragment(lines: string[], artifact: string, offset = 0): ParseResult {
  const facts: EventFact[] = [];
  const rows: PodRowFact[] = [];
  const issues: ParseIssue[] = [];
  const header = lines.findIndex((l) => /^\s*Type\s+Reason\s+Age\s+From\s+Message\s*$/.test(l) || /^\s*FirstSeen\s+LastSeen/.test(l));
  if (header >= 0) {
    const section = {
      key: 'Events',
      value: '',
      indent: 0,
      line: offset + header,
      raw: '',
      children: [],
      items: lines.slice(header).map((raw, i) => ({ line: offset + header + i + 1, raw })),
    };
    const read = parseDescribeEvents(section, artifact, {});
    return { facts: read.events, issues: read.issues };
  }
  const unread: { line: number; text: string }[] = [];
  let continued = -1;
  // A status `message: '...` of pod YAML that YAML folded over several lines: the quote it waits for.
  let quoted: { quote: string; event: EventFact } | undefined;
  lines.forEach((raw, i) => {
    const line = offset + i + 1;
    const text = raw.trim();
    if (quoted) {
      const closes = text.endsWith(quoted.quote) && !text.endsWith(`${quoted.quote}${quoted.quote}`);
      quoted.event.message += ` ${closes ? text.slice(0, -1) : text}`;
      if (closes || !text) quoted = undefined;
      return;
    }
    if (!text || /^(?:Events:|LAST SEEN|-+\s)/.test(text)) return;
    const source = { artifact, line, text: raw.trimEnd() };
    const get = GET_EVENTS_ROW.exec(raw);
    if (get) {
      const [, ns, age, type, reason, object, message] = get;
      const slash = object!.indexOf('/');
      const a = parseAge(age!);
      const e: EventFact = { type: 'event', subject: { kind: object!.slice(0, slash), name: object!.slice(slash + 1) }, eventType: type!, reason: reason!, message: message!.trim(), count: a.count, lastSeen: a.lastSeen, source };
      if (ns && !/^\d/.test(ns)) e.subject.namespace = ns;
      facts.push(e);
      return;
    }
    const e2e = E2E_EVENT.exec(raw);
    if (e2e) {
      const [, object, , reason, message] = e2e;
      facts.push({ type: 'event', subject: { name: object! }, reason: reason!, message: message!.trim(), count: 1, source });
      return;
    }
    const old = OLD_DESCRIBE_ROW.exec(raw) ?? OLD_SPACED_ROW.exec(raw);
    if (old) {
      const [, firstSeen, lastSeen, count, , path, type, reason, message] = old;
      const e: EventFact = { type: 'event', subject: {}, eventType: type!, reason: reason!, message: message!.trim(), count: Number(count), firstSeen: firstSeen!, lastSeen: lastSeen!, source };
      if (path) e.subject.fieldPath = path;
      facts.push(e);
      return;
    }
    const row = DESCRIBE_ROW.exec(raw);
    if (row && row[5]) {
      const a = parseAge(row[3] ?? '');
      facts.push({ type: 'event', subject: {}, eventType: row[1]!, reason: row[2]!, message: row[5].trim(), count: a.count, lastSeen: a.lastSeen, source });
      return;
    }
    // `REASON   MESSAGE` pairs (columns cut out of an old events table).
    const pair = /^([A-Z][A-Za-z]+)\s{2,}(\S.*)$/.exec(text);
    if (pair && lookupReason(pair[1]!)) {
      facts.push({ type: 'event', subject: {}, eventType: 'Warning', reason: pair[1]!, message: pair[2]!, count: 1, source });
      return;
    }
    // A STATUS value copied on its own (`Init:CreateContainerConfigError`): which container failed.
    const status = /^(Init:)?([A-Z][A-Za-z]+)$/.exec(text);
    if (status && ['waiting', 'terminated'].includes(lookupReason(status[2]!)?.kind ?? '')) {
      rows.push({ type: 'pod-row', name: '', status: { value: text, source }, source });
      return;
    }
    const reason = reasonOfMessage(text);
    // A long row that the terminal wrapped when it was copied goes on flush left, mid-word; a
    // message of several lines goes on with its next line.
    const prev = facts[facts.length - 1];
    const follows = continued === line - 1 || (prev?.source.line === line - 1 && (lines[i - 1] ?? '').trimEnd().length >= 80);
    if (!reason && prev && follows && !/^\s/.test(raw)) {
      prev.message += /[A-Za-z0-9]$/.test(prev.message) && /^[a-z0-9]/.test(text) ? text : `\n${text}`;
      continued = line;
      return;
    }
    if (!reason) {
      unread.push({ line, text: raw });
      return;
    }
    const event: EventFact = { type: 'event', subject: {}, eventType: NORMAL_MESSAGE_REASONS.has(reason) ? 'Normal' : 'Warning', reason, message: text, count: 1, source };
    const yaml = /^message: (['"])(.*)$/.exec(text);
    if (yaml) {
      const [, quote, rest] = yaml as unknown as [string, string, string];
      const closes = rest.endsWith(quote) && rest.length > 0;
      event.message = closes ? rest.slice(0, -1) : rest;
      if (!closes) quoted = { quote, event };
    }
    facts.push(event);
  });
  if (facts.length === 0 && rows.length === 0) issues.push({ line: offset + 1, message: 'no event rows or kubelet messages found' });
  return { facts: [...facts, ...rows], issues, ...(unread.length > 0 ? { unread } : {}) };
}



/**
 * A `kubectl describe pod` whose indentation was lost on the way (pasted outside a code block,
 * every line flush left, runs of blanks collapsed). Its nesting is rebuilt from what each key
 * is: pod keys, container keys, state fields, resource and environment lines; then it is read
 * like any description. Each line keeps its number and its text.
 */
export function parseFlatDescribe(lines: string[], artifact: string): ParseResult {
  type Section = 'top' | 'containers' | 'container' | 'state' | 'resources' | 'env' | 'list' | 'events';
  let section: Section = 'top';
  const body: DescribeLine[] = [];
  let eventsAt = -1;
  let sawName = false;
  lines.forEach((raw, i) => {
    if (eventsAt >= 0) return;
    const trimmed = raw.trim();
    if (!trimmed) return;
    const m = /^([^:]+?):(?:\s+(.*))?$/.exec(trimmed);
    const key = m?.[1];
    const value = m?.[2] ?? '';
    const put = (indent: number) => body.push({ line: i + 1, raw, text: `${' '.repeat(indent)}${m ? `${key}:${value ? `  ${value}` : ''}` : trimmed}` });
    if (key === 'Events') {
      eventsAt = i;
      return;
    }
    if (key && (POD_SECTION_KEYS.has(key) || (POD_KEYS.has(key) && section !== 'env' && section !== 'state'))) {
      if (key === 'Name') sawName = true;
      section = key === 'Containers' || key === 'Init Containers' ? 'containers' : key === 'Conditions' || key === 'Volumes' ? 'list' : 'top';
      return put(0);
    }
    // Container fields with no pod around them (a container block pasted alone): a container of
    // an unnamed pod.
    if (key && CONTAINER_KEYS.has(key) && section === 'top' && !sawName && body.length === 0) {
      body.push({ line: 0, raw: '', text: 'Containers:' }, { line: 0, raw: '', text: '  (unnamed):' });
      section = 'container';
    }
    if (key && CONTAINER_KEYS.has(key) && section !== 'top' && section !== 'list') {
      section = key === 'State' || key === 'Last State' ? 'state' : key === 'Limits' || key === 'Requests' ? 'resources' : key === 'Environment' && !value ? 'env' : 'container';
      return put(4);
    }
    if (m && !value && /^[\w.-]+$/.test(key!) && (section === 'containers' || section === 'container' || section === 'state' || section === 'resources' || section === 'env')) {
      section = 'container';
      return put(2);
    }
    if (key && STATE_KEYS.has(key) && section === 'state') return put(6);
    if (m && (section === 'resources' || section === 'env')) return put(6);
    if (section === 'list') return put(2);
    body.push({ line: i + 1, raw, text: section === 'top' ? `                  ${trimmed}` : `      ${trimmed}` });
  });
  const prefix: DescribeLine[] = sawName ? [] : [{ line: 0, raw: '', text: 'Name:  (unnamed)' }];
  const read = podFromTree(buildDescribeTree([...prefix, ...body], 0), artifact);
  const facts = read.facts;
  const issues = read.issues.filter((i) => !/cut short/.test(i.message));
  for (const f of facts) {
    if (f.type !== 'pod' || sawName) continue;
    const pod = f as PodFact;
    pod.origin = 'fragment';
    pod.name = '';
    const first = body.find((l) => l.line > 0);
    if (first) pod.source = { artifact, line: first.line, text: first.raw.trimEnd() };
    for (const c of pod.containers) {
      if (c.name === '(unnamed)') c.name = '';
      if (c.source.line === 0) c.source = pod.source;
    }
  }
  if (eventsAt >= 0) {
    const events = parseEventsFragment(lines.slice(eventsAt), artifact, eventsAt);
    const subject = facts.find((f): f is PodFact => f.type === 'pod' && f.name !== '');
    for (const e of events.facts) if (e.type === 'event' && subject && !e.subject.name) e.subject = { kind: 'Pod', name: subject.name, ...(subject.namespace ? { namespace: subject.namespace } : {}) };
    facts.push(...events.facts);
    issues.push(...events.issues);
  }
  return { facts, issues };
}

// Recognisers. Each fragment kind is told by the fields it holds, since it has lost its head.

/** Container fields of a describe block pasted without its pod. */
const DESCRIBE_FRAGMENT = [
  /^[ \t]*(?:State|Last State):[ \t]+(?:Waiting|Running|Terminated)\b/m,
  /^[ \t]+Exit Code:[ \t]+\d+/m,
  /^[ \t]*Restart Count:[ \t]+\d+/m,
];

function isDescribeFragment(text: string): boolean {
  return DESCRIBE_FRAGMENT.filter((re) => re.test(text)).length >= 2 || (DESCRIBE_FRAGMENT[0]!.test(text) && /^[ \t]+Reason:/m.test(text));
}

/** A describe whose indentation was lost: state lines flush left, single blanks after colons. */
const DESCRIBE_FLAT = [/^(?:State|Last State):[ \t]+(?:Waiting|Running|Terminated)\b/m, /^(?:Exit Code:[ \t]+\d+|Restart Count:[ \t]+\d+|Reason:[ \t]+\w+)/m];

/**
 * Container fields whose nesting was lost in the paste: a `State:`/`Last State:` line followed by
 * its `Reason:`/`Exit Code:` at the same indentation or less.
 */
function lostNesting(text: string): boolean {
  const lines = text.split('\n');
  return lines.some((l, i) => {
    const state = /^([ \t]*)(?:State|Last State):[ \t]+(?:Waiting|Running|Terminated)\b/.exec(l);
    if (!state) return false;
    const next = lines.slice(i + 1, i + 4).find((n) => n.trim() !== '');
    const field = next && /^([ \t]*)(?:Reason|Exit Code|Started|Message):/.exec(next);
    return !!field && field[1]!.replace(/\t/g, '  ').length <= state[1]!.replace(/\t/g, '  ').length;
  });
}

/** Event rows pasted without context: an Events: table, describe rows, or get events rows. */
const EVENTS_FRAGMENT = [
  /^[ \t]*Type[ \t]+Reason[ \t]+Age[ \t]+From[ \t]+Message[ \t]*$/m,
  /^[ \t]*FirstSeen[ \t]+LastSeen[ \t]+Count[ \t]+From/m,
  /^[ \t]*(?:Normal|Warning)[ \t]+[A-Z]\w+[ \t]+\S/m,
  /^(?:\S+[ \t]+)?\S+(?: \(x\d+ over \S+\))?[ \t]+(?:Normal|Warning)[ \t]+[A-Z]\w+[ \t]+[A-Za-z]+\/\S+/m,
];

const lines = async (text: () => Promise<string>) => splitLines(await text());

export const describeFragmentParser: Parser = {
  kind: 'describe-fragment',
  sniff({ text }) {
    if (!isDescribeFragment(text)) return undefined;
    // Under a `Name:` that no description signature claimed: a description cut to its containers.
    return describeHead(text) !== undefined ? { confidence: 0.95, reason: 'part of a kubectl describe pod (container fields)' } : { confidence: 0.6, reason: 'part of a kubectl describe pod (container fields)' };
  },
  parse: async ({ text, path }) => parseDescribeFragment(await lines(text), path),
};

export const describeFlatParser: Parser = {
  kind: 'describe-flat',
  sniff: ({ text }) => claim(DESCRIBE_FLAT.every((re) => re.test(text)) || lostNesting(text), 0.62, 'kubectl describe pod text that lost its indentation'),
  parse: async ({ text, path }) => parseFlatDescribe(await lines(text), path),
};

export const podStatusFragmentParser: Parser = {
  kind: 'pod-status-fragment',
  sniff: ({ text }) =>
    claim(
      /^\s{0,2}Reason:\s+[A-Z]\w+\s*$/m.test(text) && /^\s{0,2}(?:Status|Message):\s+\S/m.test(text) && !/^\s*(?:State|Last State):/m.test(text),
      0.65,
      "a pod's status lines (Status, Reason, Message) pasted on their own",
    ),
  parse: async ({ text, path }) => parsePodStatusFragment(await lines(text), path),
};

/** `REASON   MESSAGE`: a known event reason, then its message (columns cut out of an events table). */
function reasonPair(line: string): boolean {
  const m = /^([A-Z][A-Za-z]+)\s{2,}\S/.exec(line.trim());
  return m !== null && lookupReason(m[1]!)?.kind === 'event';
}

export const eventsFragmentParser: Parser = {
  kind: 'events-fragment',
  sniff({ text, hints }) {
    const head = text.split('\n', 200);
    // The parser's own row shapes: kubectl 1.x describe rows (tabs or blanks), the e2e dump; an
    // e2e test log is named like a log but is not a container's: its events are what it holds.
    const oldRows = head.some((l) => OLD_DESCRIBE_ROW.test(l) || OLD_SPACED_ROW.test(l));
    if (((EVENTS_FRAGMENT.some((re) => re.test(text)) || oldRows) && !hints.looksLikeLog) || head.some((l) => E2E_EVENT.test(l))) {
      return { confidence: 0.55, reason: 'events pasted without their table or pod' };
    }
    const messages = !hints.looksLikeLog && head.slice(0, 40).some((l) => reasonOfMessage(l.trim()) !== undefined || reasonPair(l));
    return claim(messages, 0.4, 'kubelet messages pasted on their own');
  },
  parse: async ({ text, path }) => parseEventsFragment(await lines(text), path),
};
