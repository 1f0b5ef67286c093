/**
 * Kubernetes objects as `kubectl get -o yaml|json` prints them, or as bundles store them:
 * a single object, a typed list (`PodList`, `EventList`), `kind: List`, several YAML documents,
 * JSON with 2- or 4-space indent.
 *
 * ```yaml
 * apiVersion: v1
 * kind: Pod
 * metadata: {name: api-7d9f6b5c4-xk2p9, namespace: shop}
 * status:
 *   containerStatuses:
 *   - name: api
 *     restartCount: 5
 *     lastState:
 *       terminated: {exitCode: 137, reason: OOMKilled}
 * ```
 * Every value keeps the line it came from. `managedFields` are never read. Troubleshoot's
 * `***HIDDEN***` redaction marker, which makes plain YAML invalid, is read as a string.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { detach } from '../bundle/text.js';
import { newContainerFact } from '../model/build.js';
import { JsonSyntaxError, linesOf, parseJsonDocuments, type JsonValue } from './json-lines.js';
import type {
  ContainerFact,
  ContainerStateFact,
  EnvFromFact,
  EnvVarFact,
  EventFact,
  MountFact,
  NodeFact,
  VolumeFact,
  Fact,
  ObjectFact,
  OwnerRef,
  ParseIssue,
  PodFact,
  ProbeFact,
  SourceRef,
  Sourced,
} from '../model/types.js';
import type { ParseResult } from './result.js';
import { claim, type Parser } from './parser.js';
import { startsJson } from './json-lines.js';
import { CLUSTER_DUMP_LOG_MARKER, clusterDumpStreamParser } from './cluster-dump-logs.js';

const MARKER = /\*\*\*(HIDDEN|TOKEN_[A-Z0-9_]+)\*\*\*/g;
const MARKER_STANDIN = (_m: string, name: string) => `__PODMORTEM_${name}__`;
const STANDIN_BACK = /__PODMORTEM_(HIDDEN|TOKEN_[A-Z0-9_]+)__/g;

/**
 * A document read with line numbers: YAML nodes from the `yaml` package, or JSON values from
 * `json-lines.ts` (much faster on big lists). Nodes are opaque; everything goes through here.
 */
abstract class Reader {
  constructor(
    readonly artifact: string,
    readonly lines: string[],
  ) {}

  abstract lineOf(node: Node | undefined): number;
  /** The child at one key or index. */
  abstract child(node: Node | undefined, key: string | number): Node | undefined;
  abstract isMap(node: Node | undefined): boolean;
  abstract isSeq(node: Node | undefined): boolean;
  /** A scalar's value, or undefined for maps and sequences. */
  abstract value(node: Node | undefined): unknown;
  abstract keys(node: Node | undefined): string[];
  abstract elements(node: Node | undefined): Node[];

  source(node: Node | undefined): SourceRef {
    const line = this.lineOf(node);
    return { artifact: this.artifact, line, text: detach((this.lines[line - 1] ?? '').trimEnd()) };
  }

  /** Pod status fragments pasted without their `status:` key: `status` leads to themselves. */
  readonly bareStatus = new Set<Node>();

  get(node: Node | undefined, ...path: (string | number)[]): Node | undefined {
    let cur = node;
    for (const key of path) {
      if (key === 'status' && cur !== undefined && this.bareStatus.has(cur)) continue;
      cur = this.child(cur, key);
      if (cur === undefined) return undefined;
    }
    return cur;
  }

  scalar(node: Node | undefined, ...path: (string | number)[]): unknown {
    const v = this.value(this.get(node, ...path));
    return typeof v === 'string' ? v.replace(STANDIN_BACK, '***$1***') : v;
  }

  string(node: Node | undefined, ...path: (string | number)[]): string | undefined {
    const v = this.scalar(node, ...path);
    if (v === null || v === undefined || typeof v === 'object') return undefined;
    return String(v);
  }

  sourcedString(node: Node | undefined, ...path: (string | number)[]): Sourced<string> | undefined {
    const v = this.string(node, ...path);
    if (v === undefined || v === '') return undefined;
    return { value: v, source: this.source(this.get(node, ...path)) };
  }

  sourcedNumber(node: Node | undefined, ...path: (string | number)[]): Sourced<number> | undefined {
    const v = this.scalar(node, ...path);
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    if (!Number.isFinite(n)) return undefined;
    return { value: n, source: this.source(this.get(node, ...path)) };
  }

  items(node: Node | undefined, ...path: (string | number)[]): Node[] {
    return this.elements(this.get(node, ...path));
  }

  strings(node: Node | undefined, ...path: (string | number)[]): string[] {
    return this.items(node, ...path)
      .map((i) => this.value(i))
      .filter((v) => v !== undefined && v !== null && typeof v !== 'object')
      .map(String);
  }
}

/** Opaque document node: a YAML node, or a JSON value with the line it stands on. */
type Node = YamlNode | JsonNode;
interface JsonNode {
  json: JsonValue;
  line: number;
}

class YamlReader extends Reader {
  constructor(
    artifact: string,
    lines: string[],
    readonly counter: LineCounter,
  ) {
    super(artifact, lines);
  }
  lineOf(node: Node | undefined): number {
    const offset = (node as YamlNode | undefined)?.range?.[0];
    return offset === undefined ? 1 : this.counter.linePos(offset).line;
  }
  child(node: Node | undefined, key: string | number): Node | undefined {
    if (isMap(node)) return (node.get(key, true) as YamlNode | undefined) ?? undefined;
    if (isSeq(node) && typeof key === 'number') return (node.get(key, true) as YamlNode | undefined) ?? undefined;
    return undefined;
  }
  isMap(node: Node | undefined): boolean {
    return isMap(node);
  }
  isSeq(node: Node | undefined): boolean {
    return isSeq(node);
  }
  value(node: Node | undefined): unknown {
    return isScalar(node) ? node.value : undefined;
  }
  keys(node: Node | undefined): string[] {
    if (!isMap(node)) return [];
    return node.items.filter((p) => isScalar(p.key)).map((p) => String((p.key as { value: unknown }).value));
  }
  elements(node: Node | undefined): Node[] {
    return isSeq(node) ? (node.items as YamlNode[]) : [];
  }
}

class JsonReader extends Reader {
  private isObject(node: Node | undefined): node is JsonNode & { json: { [k: string]: JsonValue } } {
    const j = (node as JsonNode | undefined)?.json;
    return j !== null && typeof j === 'object' && !Array.isArray(j);
  }
  lineOf(node: Node | undefined): number {
    return (node as JsonNode | undefined)?.line ?? 1;
  }
  child(node: Node | undefined, key: string | number): Node | undefined {
    const j = (node as JsonNode | undefined)?.json;
    if (j === null || typeof j !== 'object') return undefined;
    if (Array.isArray(j)) {
      if (typeof key !== 'number' || key >= j.length) return undefined;
      return { json: j[key]!, line: linesOf(j)?.items?.[key] ?? (node as JsonNode).line };
    }
    const k = String(key);
    if (!Object.prototype.hasOwnProperty.call(j, k)) return undefined;
    return { json: j[k]!, line: linesOf(j)?.members?.get(k) ?? (node as JsonNode).line };
  }
  isMap(node: Node | undefined): boolean {
    return this.isObject(node);
  }
  isSeq(node: Node | undefined): boolean {
    return Array.isArray((node as JsonNode | undefined)?.json);
  }
  value(node: Node | undefined): unknown {
    const j = (node as JsonNode | undefined)?.json;
    return j !== null && typeof j === 'object' ? undefined : j;
  }
  keys(node: Node | undefined): string[] {
    return this.isObject(node) ? Object.keys(node.json) : [];
  }
  elements(node: Node | undefined): Node[] {
    const j = (node as JsonNode | undefined)?.json;
    if (!Array.isArray(j)) return [];
    const lines = linesOf(j)?.items;
    return j.map((v, i) => ({ json: v, line: lines?.[i] ?? (node as JsonNode).line }));
  }
}

export function parseManifests(text: string, artifact: string, format: 'yaml' | 'json', namespaceHint?: string): ParseResult {
  const facts: Fact[] = [];
  const issues: ParseIssue[] = [];
  const lines = text.split('\n');
  text = blankPreamble(text, lines, format);
  if (format === 'json') {
    // Members pasted out of an object (`"lastState": {...},`): read them as the object they were in.
    // The brace goes before the first character, so every line keeps its number.
    if (/^\s*"/.test(text)) text = `{${text.replace(/,\s*$/, '')}}`;
    const reader = new JsonReader(artifact, lines);
    let docs: JsonValue[] = [];
    try {
      docs = parseJsonDocuments(text);
    } catch (err) {
      // Broken JSON: the yaml package still recovers what precedes the damage.
      if (!(err instanceof JsonSyntaxError)) throw err;
      issues.push({ line: err.line, message: err.message, fatal: true });
      return readYaml(text, artifact, lines, namespaceHint, facts, issues, true);
    }
    for (const doc of docs) readObject(reader, { json: doc, line: linesOf(doc)?.line ?? 1 }, undefined, namespaceHint, facts, issues);
    return { facts, issues };
  }
  return readYaml(text, artifact, lines, namespaceHint, facts, issues, false);
}

function readYaml(text: string, artifact: string, lines: string[], namespaceHint: string | undefined, facts: Fact[], issues: ParseIssue[], salvage: boolean): ParseResult {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text.replace(MARKER, MARKER_STANDIN), { lineCounter: counter, uniqueKeys: false });
  const reader = new YamlReader(artifact, lines, counter);
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (!salvage) {
      for (const err of doc.errors) {
        issues.push({ line: err.linePos?.[0]?.line ?? 1, message: `${err.code}: ${err.message.split('\n')[0]}`, fatal: true });
      }
    }
    if (doc.errors.length > 0 && !doc.contents) continue;
    readObject(reader, doc.contents ?? undefined, undefined, namespaceHint, facts, issues);
  }
  return { facts, issues };
}

/**
 * Output pasted after a command line or a tool's header (`$ kubectl get pod x -o yaml`) is still
 * an object: lines before the first `apiVersion:`/`kind:`/`---` (YAML) are blanked, which keeps
 * every line number where it was.
 */
function blankPreamble(text: string, lines: string[], format: 'yaml' | 'json'): string {
  if (format === 'json') {
    const start = lines.findIndex((l) => /^[{[]\s*$/.test(l) || /^\{\s*"(?:apiVersion|kind|items|metadata)"/.test(l));
    if (start <= 0) return text;
    return [...lines.slice(0, start).map(() => ''), ...lines.slice(start)].join('\n');
  }
  const start = lines.findIndex((l) => /^(?:---\s*$|apiVersion:|kind:)/.test(l));
  if (start <= 0) return text;
  return [...lines.slice(0, start).map(() => ''), ...lines.slice(start)].join('\n');
}

function readObject(
  r: Reader,
  node: Node | undefined,
  itemKind: string | undefined,
  namespaceHint: string | undefined,
  facts: Fact[],
  issues: ParseIssue[],
): void {
  if (r.isSeq(node)) {
    // Troubleshoot writes custom resources as a bare sequence of objects.
    for (const item of r.elements(node)) readObject(r, item, itemKind, namespaceHint, facts, issues);
    return;
  }
  if (!r.isMap(node)) return;
  // One container's status pasted alone (`lastState:`/`state:` with what they hold).
  if (r.get(node, 'metadata') === undefined && (r.isMap(r.get(node, 'lastState')) || r.isMap(r.get(node, 'state'))) && r.get(node, 'containerStatuses') === undefined) {
    const pod: PodFact = { type: 'pod', origin: 'fragment', name: '', containers: [readContainer(r, undefined, node, r.string(node, 'name') ?? '', false)], conditions: [], volumes: [], source: r.source(node) };
    facts.push(pod);
    return;
  }
  // A Pod pasted without apiVersion/kind still shows itself by its fields; its containerStatuses
  // may come without even their `status:` key.
  if (r.get(node, 'containerStatuses') !== undefined || r.get(node, 'initContainerStatuses') !== undefined) r.bareStatus.add(node!);
  const looksLikePod = ['containerStatuses', 'initContainerStatuses', 'phase', 'reason'].some((k) => r.get(node, 'status', k) !== undefined) || r.get(node, 'spec', 'containers') !== undefined;
  const kind = r.string(node, 'kind') ?? itemKind ?? (looksLikePod ? 'Pod' : undefined);
  if (!kind) return;
  if (kind.endsWith('List')) {
    const inner = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    for (const item of r.items(node, 'items')) readObject(r, item, inner, namespaceHint, facts, issues);
    return;
  }
  if (kind === 'Pod') {
    const pod = readPod(r, node, namespaceHint);
    if (pod) facts.push(pod);
    else issues.push({ line: r.lineOf(node), message: 'Pod without metadata.name' });
    return;
  }
  if (kind === 'Node') {
    const nodeFact = readNode(r, node);
    if (nodeFact) facts.push(nodeFact);
    return;
  }
  if (kind === 'Event') {
    const event = readEvent(r, node, namespaceHint);
    if (event) facts.push(event);
    return;
  }
  const name = r.string(node, 'metadata', 'name');
  if (!name) return;
  const obj: ObjectFact = { type: 'object', kind, name, source: r.source(r.get(node, 'metadata', 'name')) };
  const ns = r.string(node, 'metadata', 'namespace') ?? namespaceHint;
  if (ns) obj.namespace = ns;
  const owner = readOwner(r, node);
  if (owner) obj.owner = owner.value;
  if (kind === 'Secret' || kind === 'ConfigMap') {
    const keys = new Set<string>();
    for (const field of ['data', 'stringData', 'binaryData']) {
      const map = r.get(node, field);
      for (const key of r.keys(map)) keys.add(key);
    }
    obj.keys = [...keys];
  }
  facts.push(obj);
}

function readOwner(r: Reader, node: Node | undefined): Sourced<OwnerRef> | undefined {
  const refs = r.items(node, 'metadata', 'ownerReferences');
  const ref = refs.find((o) => r.scalar(o, 'controller') === true) ?? refs[0];
  if (!ref) return undefined;
  const kind = r.string(ref, 'kind');
  const name = r.string(ref, 'name');
  if (!kind || !name) return undefined;
  return { value: { kind, name }, source: r.source(r.get(ref, 'name')) };
}

function readPod(r: Reader, node: Node | undefined, namespaceHint: string | undefined): PodFact | undefined {
  const nameNode = r.get(node, 'metadata', 'name') ?? r.get(node, 'status') ?? r.get(node, 'spec');
  const name = r.string(node, 'metadata', 'name') ?? '';
  // A named kind without a name is broken; a headless fragment simply has none.
  if (!name && r.string(node, 'kind') !== undefined) return undefined;
  const pod: PodFact = { type: 'pod', origin: name ? 'object' : 'fragment', name, containers: [], conditions: [], volumes: [], source: r.source(nameNode) };
  const qos = r.string(node, 'status', 'qosClass');
  if (qos) pod.qosClass = qos;
  for (const cond of r.items(node, 'status', 'conditions')) {
    const type = r.string(cond, 'type');
    const status = r.string(cond, 'status');
    if (!type || !status) continue;
    const c: PodFact['conditions'][number] = { type, status, source: r.source(r.get(cond, 'type')) };
    const reason = r.string(cond, 'reason');
    if (reason) c.reason = reason;
    const message = r.string(cond, 'message');
    if (message) c.message = message;
    pod.conditions.push(c);
  }
  for (const vol of r.items(node, 'spec', 'volumes')) {
    const v = readVolume(r, vol);
    if (v) pod.volumes.push(v);
  }
  const ns = r.string(node, 'metadata', 'namespace') ?? namespaceHint;
  if (ns) pod.namespace = ns;
  const uid = r.string(node, 'metadata', 'uid');
  if (uid) pod.uid = uid;
  const nodeName = r.string(node, 'spec', 'nodeName');
  if (nodeName) pod.node = nodeName;
  const phase = r.sourcedString(node, 'status', 'phase');
  if (phase) pod.phase = phase;
  const reason = r.sourcedString(node, 'status', 'reason');
  if (reason) pod.reason = reason;
  const message = r.sourcedString(node, 'status', 'message');
  if (message) pod.message = message;
  const owner = readOwner(r, node);
  if (owner) pod.owner = owner;
  pod.restartPolicy = r.string(node, 'spec', 'restartPolicy') ?? 'Always';
  for (const [specKey, statusKey, init] of [
    ['initContainers', 'initContainerStatuses', true],
    ['containers', 'containerStatuses', false],
  ] as const) {
    const statuses = r.items(node, 'status', statusKey);
    const byName = new Map(statuses.map((s) => [r.string(s, 'name') ?? '', s]));
    const seen = new Set<string>();
    for (const spec of r.items(node, 'spec', specKey)) {
      const cname = r.string(spec, 'name');
      if (!cname) continue;
      seen.add(cname);
      pod.containers.push(readContainer(r, spec, byName.get(cname), cname, init));
    }
    // A status without a spec (a list that kept status only) still tells what happened.
    for (const [cname, status] of byName) {
      // A pasted status cut before its `name:` still belongs to a container of a fragment pod.
      if ((cname || !name) && !seen.has(cname)) pod.containers.push(readContainer(r, undefined, status, cname, init));
    }
  }
  return pod;
}

function readContainer(r: Reader, spec: Node | undefined, status: Node | undefined, name: string, init: boolean): ContainerFact {
  const c = newContainerFact(name, init, r.source(r.get(spec ?? status, 'name')));
  if (init && r.string(spec, 'restartPolicy') === 'Always') c.sidecar = true;
  for (const e of r.items(spec, 'envFrom')) {
    for (const [refKey, kind] of [
      ['secretRef', 'secret'],
      ['configMapRef', 'configmap'],
    ] as const) {
      const ref = r.get(e, refKey);
      const refName = r.string(ref, 'name');
      if (!r.isMap(ref) || !refName) continue;
      const from: EnvFromFact = { kind, name: refName, optional: r.scalar(ref, 'optional') === true, source: r.source(r.get(ref, 'name')) };
      const prefix = r.string(e, 'prefix');
      if (prefix) from.prefix = prefix;
      c.envFrom.push(from);
    }
  }
  for (const m of r.items(spec, 'volumeMounts')) {
    const path = r.string(m, 'mountPath');
    const volume = r.string(m, 'name');
    if (!path || !volume) continue;
    const mount: MountFact = { path, volume, readOnly: r.scalar(m, 'readOnly') === true, source: r.source(r.get(m, 'mountPath')) };
    const sub = r.string(m, 'subPath');
    if (sub) mount.subPath = sub;
    c.mounts.push(mount);
  }
  const image = r.sourcedString(spec, 'image') ?? r.sourcedString(status, 'image');
  if (image) c.image = image;
  for (const key of ['command', 'args'] as const) {
    const list = r.strings(spec, key);
    if (list.length > 0) c[key] = { value: list, source: r.source(r.get(spec, key)) };
  }
  for (const [key, target] of [
    ['limits', c.limits],
    ['requests', c.requests],
  ] as const) {
    const map = r.get(spec, 'resources', key);
    for (const key of r.keys(map)) {
      const v = r.sourcedString(map, key);
      if (v) target[key] = v;
    }
  }
  for (const [key, type] of [
    ['livenessProbe', 'liveness'],
    ['readinessProbe', 'readiness'],
    ['startupProbe', 'startup'],
  ] as const) {
    const p = r.get(spec, key);
    if (p && r.isMap(p)) c.probes.push(readProbe(r, p, type));
  }
  for (const e of r.items(spec, 'env')) {
    const envName = r.string(e, 'name');
    if (!envName) continue;
    const env: EnvVarFact = { name: envName, source: r.source(r.get(e, 'name')) };
    const value = r.string(e, 'value');
    if (value !== undefined) env.value = value;
    for (const [refKey, kind] of [
      ['secretKeyRef', 'secret'],
      ['configMapKeyRef', 'configmap'],
    ] as const) {
      const ref = r.get(e, 'valueFrom', refKey);
      if (r.isMap(ref)) {
        env.from = { kind, name: r.string(ref, 'name') ?? '', key: r.string(ref, 'key') ?? '', optional: r.scalar(ref, 'optional') === true };
      }
    }
    c.env.push(env);
  }
  if (status) {
    const state = readState(r, r.get(status, 'state'));
    if (state) c.state = state;
    const last = readState(r, r.get(status, 'lastState'));
    if (last) c.lastState = last;
    const ready = r.get(status, 'ready');
    const readyValue = r.value(ready);
    if (typeof readyValue === 'boolean') c.ready = { value: readyValue, source: r.source(ready) };
    const restarts = r.sourcedNumber(status, 'restartCount');
    if (restarts) c.restartCount = restarts;
  }
  return c;
}

function readNode(r: Reader, node: Node | undefined): NodeFact | undefined {
  const name = r.string(node, 'metadata', 'name');
  if (!name) return undefined;
  const fact: NodeFact = {
    type: 'node',
    origin: 'object',
    name,
    conditions: [],
    taints: [],
    capacity: stringMap(r, r.get(node, 'status', 'capacity')),
    allocatable: stringMap(r, r.get(node, 'status', 'allocatable')),
    allocated: {},
    pods: [],
    source: r.source(r.get(node, 'metadata', 'name')),
  };
  for (const c of r.items(node, 'status', 'conditions')) {
    const type = r.string(c, 'type');
    const status = r.string(c, 'status');
    if (!type || !status) continue;
    const cond: NodeFact['conditions'][number] = { type, status, source: r.source(r.get(c, 'type')) };
    const reason = r.string(c, 'reason');
    if (reason) cond.reason = reason;
    const message = r.string(c, 'message');
    if (message) cond.message = message;
    fact.conditions.push(cond);
  }
  for (const t of r.items(node, 'spec', 'taints')) {
    const key = r.string(t, 'key');
    if (!key) continue;
    const value = r.string(t, 'value');
    fact.taints.push({ value: `${key}${value ? `=${value}` : ''}:${r.string(t, 'effect') ?? ''}`, source: r.source(r.get(t, 'key')) });
  }
  return fact;
}

function stringMap(r: Reader, map: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of r.keys(map)) {
    const v = r.string(map, key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Secret, ConfigMap, PVC and projected volumes keep what they reference; a missing `optional` means required. */
function readVolume(r: Reader, vol: Node): VolumeFact | undefined {
  const name = r.string(vol, 'name');
  if (!name || !r.isMap(vol)) return undefined;
  const kind = r.keys(vol).find((k) => k !== 'name') ?? 'unknown';
  const volume: VolumeFact = { name, kind, refs: [], source: r.source(r.get(vol, 'name')) };
  const optional = (n: Node | undefined) => r.scalar(n, 'optional') === true;
  const secret = r.get(vol, 'secret');
  const secretName = r.string(secret, 'secretName');
  if (secretName) volume.refs.push({ kind: 'secret', name: secretName, optional: optional(secret) });
  const cm = r.get(vol, 'configMap');
  const cmName = r.string(cm, 'name');
  if (cmName) volume.refs.push({ kind: 'configmap', name: cmName, optional: optional(cm) });
  const claim = r.string(vol, 'persistentVolumeClaim', 'claimName');
  if (claim) volume.refs.push({ kind: 'pvc', name: claim, optional: false });
  for (const src of r.items(vol, 'projected', 'sources')) {
    const ps = r.get(src, 'secret');
    const pc = r.get(src, 'configMap');
    const psName = r.string(ps, 'name');
    const pcName = r.string(pc, 'name');
    if (psName) volume.refs.push({ kind: 'secret', name: psName, optional: optional(ps) });
    if (pcName) volume.refs.push({ kind: 'configmap', name: pcName, optional: optional(pc) });
  }
  return volume;
}

function readProbe(r: Reader, p: Node, type: ProbeFact['type']): ProbeFact {
  let action = 'unknown';
  const http = r.get(p, 'httpGet');
  const tcp = r.get(p, 'tcpSocket');
  const exec = r.get(p, 'exec');
  const grpc = r.get(p, 'grpc');
  if (r.isMap(http)) {
    const scheme = (r.string(http, 'scheme') ?? 'HTTP').toLowerCase();
    action = `http-get ${scheme}://${r.string(http, 'host') ?? ''}:${r.string(http, 'port') ?? ''}${r.string(http, 'path') ?? ''}`;
  } else if (r.isMap(tcp)) action = `tcp-socket ${r.string(tcp, 'host') ?? ''}:${r.string(tcp, 'port') ?? ''}`;
  else if (r.isMap(exec)) action = `exec [${r.strings(exec, 'command').join(' ')}]`;
  else if (r.isMap(grpc)) action = `grpc <pod>:${r.string(grpc, 'port') ?? ''} ${r.string(grpc, 'service') ?? ''}`.trimEnd();
  const num = (key: string, fallback: number) => {
    const v = r.scalar(p, key);
    return typeof v === 'number' ? v : fallback;
  };
  return {
    type,
    action,
    delaySeconds: num('initialDelaySeconds', 0),
    timeoutSeconds: num('timeoutSeconds', 1),
    periodSeconds: num('periodSeconds', 10),
    successThreshold: num('successThreshold', 1),
    failureThreshold: num('failureThreshold', 3),
    source: r.source(p),
  };
}

function readState(r: Reader, node: Node | undefined): ContainerStateFact | undefined {
  if (!r.isMap(node)) return undefined;
  for (const status of ['terminated', 'waiting', 'running'] as const) {
    const s = r.get(node, status);
    if (!r.isMap(s)) continue;
    const state: ContainerStateFact = { status, source: r.source(s) };
    const reason = r.sourcedString(s, 'reason');
    if (reason) state.reason = reason;
    const message = r.sourcedString(s, 'message');
    if (message) state.message = message;
    const exitCode = r.sourcedNumber(s, 'exitCode');
    if (exitCode) state.exitCode = exitCode;
    const signal = r.sourcedNumber(s, 'signal');
    if (signal && signal.value > 0) state.signal = signal;
    const started = r.sourcedString(s, 'startedAt');
    if (started) state.startedAt = started;
    const finished = r.sourcedString(s, 'finishedAt');
    if (finished) state.finishedAt = finished;
    return state;
  }
  return undefined;
}

/** core/v1 and events.k8s.io/v1 events, normalised to the core names. */
function readEvent(r: Reader, node: Node | undefined, namespaceHint: string | undefined): EventFact | undefined {
  const about = r.get(node, 'involvedObject') ?? r.get(node, 'regarding');
  const reason = r.string(node, 'reason');
  if (!reason) return undefined;
  const messageNode = r.get(node, 'message') ?? r.get(node, 'note');
  const messageValue = r.value(messageNode);
  const message = messageValue === undefined || messageValue === null ? '' : String(messageValue);
  const count =
    r.sourcedNumber(node, 'series', 'count')?.value ?? r.sourcedNumber(node, 'count')?.value ?? r.sourcedNumber(node, 'deprecatedCount')?.value ?? 1;
  const event: EventFact = {
    type: 'event',
    subject: {},
    reason,
    message,
    count: count > 0 ? count : 1,
    source: r.source(messageValue !== undefined ? messageNode : r.get(node, 'reason')),
  };
  const eventType = r.string(node, 'type');
  if (eventType) event.eventType = eventType;
  const kind = r.string(about, 'kind');
  const name = r.string(about, 'name');
  const ns = r.string(about, 'namespace') ?? r.string(node, 'metadata', 'namespace') ?? namespaceHint;
  const fieldPath = r.string(about, 'fieldPath');
  if (kind) event.subject.kind = kind;
  if (name) event.subject.name = name;
  if (ns) event.subject.namespace = ns;
  if (fieldPath) event.subject.fieldPath = fieldPath;
  const last =
    r.string(node, 'series', 'lastObservedTime') ??
    r.string(node, 'lastTimestamp') ??
    r.string(node, 'deprecatedLastTimestamp') ??
    r.string(node, 'eventTime') ??
    r.string(node, 'metadata', 'creationTimestamp');
  const first = r.string(node, 'firstTimestamp') ?? r.string(node, 'deprecatedFirstTimestamp') ?? r.string(node, 'eventTime');
  if (last) event.lastSeen = last;
  if (first) event.firstSeen = first;
  return event;
}

/** A YAML object: `apiVersion:` or `kind:` at column 0 (after an optional `---`). */
const YAML_OBJECT_START = /^(?:- )?(?:apiVersion|kind):[ \t]*\S/m;
const YAML_KIND = /^(?:- )?kind:[ \t]*\S|^\s+kind:[ \t]*\S/m;
/** A Pod object pasted without its head: top-level `status:` or `spec:`. */
const YAML_POD_FRAGMENT = /^(?:status|spec):[ \t]*$/m;

export const manifestYamlParser: Parser = {
  kind: 'manifest-yaml',
  sniff({ text }) {
    if (YAML_OBJECT_START.test(text) && YAML_KIND.test(text)) return { confidence: 0.84, reason: 'YAML with apiVersion and kind' };
    if (YAML_POD_FRAGMENT.test(text) && /^[ \t]+(?:phase|containerStatuses|containers|initContainers|restartCount):/m.test(text)) {
      return { confidence: 0.83, reason: 'part of a Pod object in YAML (no apiVersion/kind)' };
    }
    const firstKey = text.trimStart().split('\n', 1)[0] ?? '';
    const statuses = /^(?:initC|c)ontainerStatuses:[ \t]*$/.test(firstKey) || (/^(?:lastState|state):[ \t]*$/.test(firstKey) && /^[ \t]+(?:terminated|waiting|running):/m.test(text));
    return claim(statuses, 0.81, 'the containerStatuses of a Pod in YAML');
  },
  parse: async ({ text, path, hints }) => parseManifests(await text(), path, 'yaml', hints.namespace),
};

export const manifestJsonParser: Parser = {
  kind: 'manifest-json',
  sniff({ text }) {
    if (/^"(?:initContainerStatuses|containerStatuses|lastState|state|status)"\s*:/.test(text.trimStart())) {
      return { confidence: 0.82, reason: 'part of a Pod object in JSON (members pasted without their braces)' };
    }
    return claim(startsJson(text) && /"apiVersion"\s*:/.test(text) && /"kind"\s*:/.test(text), 0.79, 'JSON with apiVersion and kind');
  },
  async parse(input) {
    const json = await input.text();
    // JSON documents with log sections between them, further down than detection looked (a
    // NodeList longer than the head comes first): the stdout form of kubectl cluster-info dump,
    // handed to its parser.
    if (CLUSTER_DUMP_LOG_MARKER.test(json)) return clusterDumpStreamParser.parse({ ...input, text: async () => json });
    return parseManifests(json, input.path, 'json', input.hints.namespace);
  },
};
