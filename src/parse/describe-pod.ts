/**
 * `kubectl describe pod` text (one or several pods per file).
 *
 * ```
 * Name:             api-7d9f6b5c4-xk2p9
 * Namespace:        shop
 * Node:             worker-2/10.0.3.17
 * Status:           Running
 * Controlled By:  ReplicaSet/api-7d9f6b5c4
 * Containers:
 *   api:
 *     Image:          registry.example.com/shop/api:1.14.2
 *     State:          Waiting
 *       Reason:       CrashLoopBackOff
 *     Last State:     Terminated
 *       Reason:       OOMKilled
 *       Exit Code:    137
 *     Ready:          False
 *     Restart Count:  5
 *     Limits:
 *       memory:  256Mi
 * Events:
 *   Type     Reason   Age                  From     Message
 *   ----     ------   ----                 ----     -------
 *   Warning  BackOff  12s (x24 over 5m2s)  kubelet  Back-off restarting failed container api in pod ...
 * ```
 */
import { newContainerFact } from '../model/build.js';
import type {
  ContainerFact,
  ContainerStateFact,
  EnvFromFact,
  EnvVarFact,
  MountFact,
  VolumeFact,
  EventFact,
  ParseIssue,
  PodFact,
  ProbeFact,
  SourceRef,
  Sourced,
} from '../model/types.js';
import {
  child,
  valueOf,
  type DescribeLine,
  type DescribeNode,
  lineSource,
  readDescriptions,
  describeHead,
} from './describe-tree.js';
import { claim, type Parser } from './parser.js';
import { splitLines } from '../bundle/text.js';
import { parseDescribeEvents } from './describe-events.js';
import type { ParseResult } from './result.js';

export function parseDescribePod(lines: string[], artifact: string): ParseResult {
  return readDescriptions(lines, (_chunk, tree) => podFromTree(tree, artifact));
}

/** Keys only a pod description has at its top level; a workload's description prints a Pod Template. */
const POD_KEYS = /^(?:Containers|Init Containers|Start Time|QoS Class|QoS Tier|Priority|Priority Class Name|Service Account|Node|Nominated Node Name):/m;
const WORKLOAD_KEYS = /^(?:Pod Template|Replicas|Selector|Pods Statuses|StrategyType|Completions|Parallelism):/m;

export const describePodParser: Parser = {
  kind: 'describe-pod',
  sniff({ text }) {
    const head = describeHead(text);
    return claim(head !== undefined && POD_KEYS.test(head) && !WORKLOAD_KEYS.test(head), 0.96, 'kubectl describe pod text');
  },
  parse: async ({ text, path }) => parseDescribePod(splitLines(await text()), path),
};

/** One description's key tree → its pod and its events. */
export function podFromTree(tree: DescribeNode[], artifact: string): ParseResult {
  const facts: ParseResult['facts'] = [];
  const issues: ParseIssue[] = [];
  const pod = readPod(tree, artifact, issues);
  if (!pod) return { facts, issues };
  facts.push(pod);
  const events = tree.find((n) => n.key === 'Events');
  if (events) {
    const subject = { kind: 'Pod', name: pod.name, ...(pod.namespace ? { namespace: pod.namespace } : {}) };
    const read = parseDescribeEvents(events, artifact, subject);
    facts.push(...read.events);
    issues.push(...read.issues);
  }
  return { facts, issues };
}

const src = lineSource;

function sourced<T>(artifact: string, node: DescribeNode, value: T): Sourced<T> {
  return { value, source: src(artifact, node) };
}

function str(artifact: string, node: DescribeNode | undefined): Sourced<string> | undefined {
  const v = valueOf(node);
  return node && v !== undefined ? sourced(artifact, node, v) : undefined;
}

function readPod(tree: DescribeNode[], artifact: string, issues: ParseIssue[]): PodFact | undefined {
  const top = (key: string) => tree.find((n) => n.key === key);
  const nameNode = top('Name');
  if (!nameNode || !valueOf(nameNode)) return undefined;
  const pod: PodFact = {
    type: 'pod',
    origin: 'describe',
    name: nameNode.value,
    containers: [],
    conditions: readConditions(top('Conditions'), artifact),
    volumes: (top('Volumes')?.children ?? []).map((v) => readVolume(v, artifact)),
    source: src(artifact, nameNode),
  };
  const qos = valueOf(top('QoS Class') ?? top('QoS Tier'));
  if (qos) pod.qosClass = qos;
  const ns = valueOf(top('Namespace'));
  if (ns) pod.namespace = ns;
  const node = valueOf(top('Node'));
  if (node && node !== '/') pod.node = node.split('/')[0]!;
  const status = str(artifact, top('Status'));
  if (status) pod.phase = status;
  const reason = str(artifact, top('Reason'));
  if (reason) pod.reason = reason;
  const message = str(artifact, top('Message'));
  if (message) pod.message = message;
  const ownerNode = top('Controlled By') ?? top('Controllers');
  const owner = valueOf(ownerNode);
  if (ownerNode && owner && owner.includes('/')) {
    const [kind, ...rest] = owner.split('/');
    pod.owner = sourced(artifact, ownerNode, { kind: kind!, name: rest.join('/') });
  }
  for (const [key, init] of [
    ['Init Containers', true],
    ['Containers', false],
  ] as const) {
    const section = top(key);
    if (!section) continue;
    for (const c of section.children) {
      pod.containers.push(readContainer(c, init, artifact, issues));
    }
  }
  if (pod.containers.length === 0 && !top('Containers')) {
    issues.push({ line: nameNode.line, message: `pod ${pod.name}: no Containers section (the description may be cut short)`, fatal: true });
  } else if (!TRAILING_SECTIONS.some((key) => top(key))) {
    const last = lastLine(tree);
    issues.push({
      line: last,
      message: `pod ${pod.name}: the description stops at line ${last}, before its Conditions, Volumes, QoS Class and Events: the file looks cut short`,
      fatal: true,
    });
  }
  return pod;
}

/** Sections kubectl prints after the containers; a description with none of them was cut short. */
const TRAILING_SECTIONS = ['Conditions', 'Volumes', 'QoS Class', 'QoS Tier', 'Node-Selectors', 'Tolerations', 'Events'];

function lastLine(nodes: DescribeNode[]): number {
  let max = 0;
  const walk = (n: DescribeNode) => {
    max = Math.max(max, n.line, ...n.items.map((i) => i.line));
    n.children.forEach(walk);
  };
  nodes.forEach(walk);
  return max;
}

function readContainer(node: DescribeNode, init: boolean, artifact: string, issues: ParseIssue[]): ContainerFact {
  const c = newContainerFact(node.key, init, src(artifact, node));
  const image = str(artifact, child(node, 'Image'));
  if (image) c.image = image;
  for (const key of ['Command', 'Args'] as const) {
    const n = child(node, key);
    if (n) {
      const items = n.items.map((i) => i.raw.trim());
      const value = valueOf(n) ? [n.value, ...items] : items;
      c[key === 'Command' ? 'command' : 'args'] = sourced(artifact, n, value);
    }
  }
  const state = readState(child(node, 'State'), artifact, issues);
  if (state) c.state = state;
  const last = readState(child(node, 'Last State'), artifact, issues);
  if (last) c.lastState = last;
  const ready = child(node, 'Ready');
  if (ready && valueOf(ready)) c.ready = sourced(artifact, ready, ready.value === 'True');
  const restarts = child(node, 'Restart Count');
  if (restarts && valueOf(restarts)) {
    const n = Number.parseInt(restarts.value, 10);
    if (Number.isFinite(n)) c.restartCount = sourced(artifact, restarts, n);
    else issues.push({ line: restarts.line, message: `Restart Count is not a number: ${restarts.value}` });
  }
  for (const [key, target] of [
    ['Limits', c.limits],
    ['Requests', c.requests],
  ] as const) {
    for (const r of child(node, key)?.children ?? []) {
      const v = valueOf(r);
      if (v) target[r.key] = sourced(artifact, r, v);
    }
  }
  for (const [key, type] of [
    ['Liveness', 'liveness'],
    ['Readiness', 'readiness'],
    ['Startup', 'startup'],
  ] as const) {
    const p = child(node, key);
    if (p && valueOf(p)) c.probes.push(parseProbeSummary(type, p.value, src(artifact, p)));
  }
  const env = child(node, 'Environment') ?? child(node, 'Environment Variables');
  for (const e of env?.children ?? []) c.env.push(parseEnvLine(e, artifact));
  const envFrom = child(node, 'Environment Variables from');
  for (const line of [...(envFrom?.items ?? []), ...(envFrom?.children ?? []).map((n) => ({ line: n.line, raw: n.raw }))]) {
    const ref = ENV_FROM.exec(line.raw.trim());
    if (!ref) continue;
    const from: EnvFromFact = { kind: ref[2] === 'Secret' ? 'secret' : 'configmap', name: ref[1]!, optional: ref[4] === 'true', source: src(artifact, line) };
    if (ref[3]) from.prefix = ref[3];
    c.envFrom.push(from);
  }
  const mounts = child(node, 'Mounts');
  for (const line of mounts?.items ?? []) {
    const m = MOUNT.exec(line.raw.trim());
    if (!m) continue;
    const mount: MountFact = { path: m[1]!, volume: m[2]!, readOnly: m[3]!.startsWith('ro'), source: src(artifact, line) };
    const sub = /path="([^"]*)"/.exec(m[3]!);
    if (sub) mount.subPath = sub[1]!;
    c.mounts.push(mount);
  }
  return c;
}

/** `app-config  ConfigMap  Optional: false`, `db-secret  Secret with prefix 'DB_'  Optional: true` */
const ENV_FROM = /^(\S+)\s+(ConfigMap|Secret)(?: with prefix '([^']*)')?\s+Optional:\s*(true|false)/;
/** `/var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-2vlp9 (ro)` */
const MOUNT = /^(\S.*?) from (\S+) \(((?:rw|ro)[^)]*)\)$/;

/** The Conditions table: `  Type  Status` then one row per condition (`Ready  False `). */
function readConditions(node: DescribeNode | undefined, artifact: string): PodFact['conditions'] {
  const out: PodFact['conditions'] = [];
  for (const row of node?.items ?? []) {
    const cells = row.raw.trim().split(/\s+/);
    if (cells.length < 2 || (cells[0] === 'Type' && cells[1] === 'Status') || /^-+$/.test(cells[0]!)) continue;
    out.push({ type: cells[0]!, status: cells[1]!, source: src(artifact, row) });
  }
  return out;
}

/** Volume `Type:` texts as kubectl prints them, to the API's volume kinds. */
const VOLUME_KINDS: [RegExp, string][] = [
  [/^Secret\b/, 'secret'],
  [/^ConfigMap\b/, 'configMap'],
  [/^Projected\b/, 'projected'],
  [/^EmptyDir\b/, 'emptyDir'],
  [/^PersistentVolumeClaim\b/, 'persistentVolumeClaim'],
  [/^HostPath\b/, 'hostPath'],
  [/^DownwardAPI\b/, 'downwardAPI'],
  [/^CSI\b/, 'csi'],
  [/^NFS\b/, 'nfs'],
];

function readVolume(node: DescribeNode, artifact: string): VolumeFact {
  const typeText = child(node, 'Type')?.value ?? '';
  const kind = VOLUME_KINDS.find(([re]) => re.test(typeText))?.[1] ?? (typeText.split(' ')[0] ?? 'unknown');
  const volume: VolumeFact = { name: node.key, kind, refs: [], source: src(artifact, node) };
  // Projected volumes list `SecretName:`/`ConfigMapName:` each followed by its own `Optional:`.
  let pending: VolumeFact['refs'][number] | undefined;
  for (const c of node.children) {
    const v = valueOf(c);
    if (!v) continue;
    if (c.key === 'SecretName') pending = { kind: 'secret', name: v, optional: false };
    else if (c.key === 'ConfigMapName' || (c.key === 'Name' && kind === 'configMap')) pending = { kind: 'configmap', name: v, optional: false };
    else if (c.key === 'ClaimName') pending = { kind: 'pvc', name: v, optional: false };
    else if ((c.key === 'Optional' || c.key === 'ConfigMapOptional' || c.key === 'SecretOptional') && volume.refs.length > 0) {
      volume.refs[volume.refs.length - 1]!.optional = v === 'true';
      continue;
    } else continue;
    volume.refs.push(pending);
  }
  return volume;
}

const STATE_WORDS: Record<string, ContainerStateFact['status']> = {
  Running: 'running',
  Waiting: 'waiting',
  Terminated: 'terminated',
};

function readState(node: DescribeNode | undefined, artifact: string, issues: ParseIssue[]): ContainerStateFact | undefined {
  if (!node) return undefined;
  const status = STATE_WORDS[node.value];
  if (!status) {
    if (node.value !== '') issues.push({ line: node.line, message: `unknown container state "${node.value}"` });
    return undefined;
  }
  const state: ContainerStateFact = { status, source: src(artifact, node) };
  const reason = str(artifact, child(node, 'Reason'));
  if (reason) state.reason = reason;
  const messageNode = child(node, 'Message');
  if (messageNode) {
    const text = [messageNode.value, ...messageNode.items.map((i) => i.raw)].join('\n').trim();
    if (text) state.message = sourced(artifact, messageNode, text);
    if (messageNode.items.length > 0) {
      state.messageLines = [{ line: messageNode.line, text: messageNode.raw.trimEnd() }, ...messageNode.items.map((i) => ({ line: i.line, text: i.raw.trimEnd() }))];
    }
  }
  for (const [key, field] of [
    ['Exit Code', 'exitCode'],
    ['Signal', 'signal'],
  ] as const) {
    const n = child(node, key);
    if (n && valueOf(n)) {
      const v = Number.parseInt(n.value, 10);
      if (Number.isFinite(v)) state[field] = sourced(artifact, n, v);
      else issues.push({ line: n.line, message: `${key} is not a number: ${n.value}` });
    }
  }
  const started = str(artifact, child(node, 'Started'));
  if (started) state.startedAt = started;
  const finished = str(artifact, child(node, 'Finished'));
  if (finished) state.finishedAt = finished;
  return state;
}

/**
 * A probe's one-line summary: `http-get http://:8080/health delay=15s timeout=1s period=20s
 * #success=1 #failure=3` (kubectl ≤ 1.36) or `... successThreshold=1 failureThreshold=3` (1.37+).
 */
export function parseProbeSummary(type: ProbeFact['type'], text: string, source: SourceRef): ProbeFact {
  const probe: ProbeFact = { type, action: text.replace(/\s+(?:delay|timeout|period)=.*$/, '').trim(), source };
  const num = (re: RegExp) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const fields: [keyof ProbeFact, RegExp][] = [
    ['delaySeconds', /\bdelay=(\d+)s/],
    ['timeoutSeconds', /\btimeout=(\d+)s/],
    ['periodSeconds', /\bperiod=(\d+)s/],
    ['successThreshold', /(?:#success|successThreshold)=(\d+)/],
    ['failureThreshold', /(?:#failure|failureThreshold)=(\d+)/],
  ];
  for (const [field, re] of fields) {
    const v = num(re);
    if (v !== undefined) (probe as unknown as Record<string, unknown>)[field] = v;
  }
  return probe;
}

const SECRET_REF = /^<set to the key '([^']*)' in secret '([^']*)'>(?:\s+Optional:\s*(true|false))?/;
const CONFIGMAP_REF = /^<set to the key '([^']*)' of config map '([^']*)'>(?:\s+Optional:\s*(true|false))?/;

function parseEnvLine(node: DescribeNode, artifact: string): EnvVarFact {
  const env: EnvVarFact = { name: node.key, source: src(artifact, node) };
  const secret = SECRET_REF.exec(node.value);
  const cm = secret ? null : CONFIGMAP_REF.exec(node.value);
  const ref = secret ?? cm;
  if (ref) {
    env.from = { kind: secret ? 'secret' : 'configmap', key: ref[1]!, name: ref[2]!, optional: ref[3] === 'true' };
  } else {
    env.value = [node.value, ...node.items.map((i: DescribeLine) => i.raw.trim())].join('\n');
  }
  return env;
}

export type { EventFact };
