/**
 * The data every stage passes on. Facts come out of `src/parse/`, the `Incident` out of
 * `src/model/correlate.ts`; rules read a `ContainerContext` and answer a `Finding`.
 *
 * Every value read from the bundle is `Sourced`: it remembers the artifact path, the 1-based
 * line and the text of that line, so a finding can quote its proof.
 */

/** Where a value was read: the artifact path inside the bundle, its 1-based line, the line's text. */
export interface SourceRef {
  artifact: string;
  line: number;
  text: string;
  /**
   * Read by the signal scan out of text no parser recognised (`src/parse/signal-scan.ts`): a
   * diagnosis that rests on such lines alone states less confidence.
   */
  loose?: true;
}

/** A value together with the line that gave it. */
export interface Sourced<T> {
  value: T;
  source: SourceRef;
}

/** The root-cause ids of `reference/taxonomy.md`, verbatim. */
export const CATEGORY_IDS = [
  'app-crash',
  'missing-secret',
  'missing-configmap',
  'bad-config-value',
  'oom-killed',
  'runtime-heap-oom',
  'liveness-probe',
  'startup-probe',
  'dependency-unavailable',
  'dependency-auth',
  'wrong-command',
  'permission-denied',
  'exits-immediately',
  'exec-format',
  'segfault',
  'cpu-throttling',
  'node-issue',
  'volume-mount',
  'image-pull',
  'init-container',
  'unknown',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

// ---------------------------------------------------------------------------------------------
// Facts: what one artifact says, before anything is merged.
// ---------------------------------------------------------------------------------------------

/** One of a container's states (`state` or `lastState` in the API, `State:`/`Last State:` in describe). */
export interface ContainerStateFact {
  status: 'running' | 'waiting' | 'terminated';
  reason?: Sourced<string>;
  message?: Sourced<string>;
  /** A multi-line describe `Message:` line by line, each at its own line of the file. */
  messageLines?: LogLine[];
  exitCode?: Sourced<number>;
  signal?: Sourced<number>;
  startedAt?: Sourced<string>;
  finishedAt?: Sourced<string>;
  /** The `State:` line, or the object's `state:` key. */
  source: SourceRef;
}

export interface ProbeFact {
  type: 'liveness' | 'readiness' | 'startup';
  /** `http-get http://:8080/health`, `tcp-socket :5432`, `exec [...]`, `grpc ...` */
  action: string;
  delaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  source: SourceRef;
}

/** An environment variable; values that come from a Secret or ConfigMap name it. */
export interface EnvVarFact {
  name: string;
  value?: string;
  from?: { kind: 'secret' | 'configmap'; name: string; key: string; optional: boolean };
  source: SourceRef;
}

/** `envFrom`: every key of a ConfigMap or Secret as variables. */
export interface EnvFromFact {
  kind: 'secret' | 'configmap';
  name: string;
  prefix?: string;
  optional: boolean;
  source: SourceRef;
}

/** `/var/run/secrets/... from kube-api-access-x (ro)` */
export interface MountFact {
  path: string;
  volume: string;
  readOnly: boolean;
  subPath?: string;
  source: SourceRef;
}

/** A pod volume and, for Secret/ConfigMap/PVC volumes, what it references. */
export interface VolumeFact {
  name: string;
  /** `secret`, `configMap`, `projected`, `emptyDir`, `persistentVolumeClaim`, `hostPath`, ... */
  kind: string;
  /** Secrets, ConfigMaps and claims the volume needs (projected volumes may name several). */
  refs: { kind: 'secret' | 'configmap' | 'pvc'; name: string; optional: boolean }[];
  source: SourceRef;
}

export interface ContainerFact {
  name: string;
  init: boolean;
  /** `restartPolicy: Always` on an init container: a sidecar (Kubernetes 1.28+). */
  sidecar?: boolean;
  image?: Sourced<string>;
  command?: Sourced<string[]>;
  args?: Sourced<string[]>;
  state?: ContainerStateFact;
  lastState?: ContainerStateFact;
  ready?: Sourced<boolean>;
  restartCount?: Sourced<number>;
  limits: Record<string, Sourced<string>>;
  requests: Record<string, Sourced<string>>;
  probes: ProbeFact[];
  env: EnvVarFact[];
  envFrom: EnvFromFact[];
  mounts: MountFact[];
  /** The container's own `source`: its `  name:` line in describe, or `- name:` in a manifest. */
  source: SourceRef;
}

export interface OwnerRef {
  kind: string;
  name: string;
}

export interface PodFact {
  type: 'pod';
  /**
   * `describe` for `kubectl describe` text, `object` for a Pod manifest (YAML/JSON), `fragment`
   * for a piece pasted without its pod (the name may then be empty).
   */
  origin: 'describe' | 'object' | 'fragment';
  namespace?: string;
  name: string;
  uid?: string;
  node?: string;
  phase?: Sourced<string>;
  reason?: Sourced<string>;
  message?: Sourced<string>;
  owner?: Sourced<OwnerRef>;
  restartPolicy?: string;
  qosClass?: string;
  conditions: { type: string; status: string; reason?: string; message?: string; source: SourceRef }[];
  volumes: VolumeFact[];
  containers: ContainerFact[];
  /** The pod's name line. */
  source: SourceRef;
}

/** The object an event is about: `involvedObject` / OBJECT column / the described pod. */
export interface EventSubject {
  kind?: string;
  name?: string;
  namespace?: string;
  /** `spec.containers{api}` and the like. */
  fieldPath?: string;
}

export interface EventFact {
  type: 'event';
  subject: EventSubject;
  eventType?: string;
  reason: string;
  message: string;
  count: number;
  /** Relative age text as printed (`87s`, `5m`), or an ISO time from an object. */
  lastSeen?: string;
  firstSeen?: string;
  source: SourceRef;
}

/** A log line kept by the scanner, with its 1-based line number in the artifact. */
export interface LogLine {
  line: number;
  text: string;
}

/** What the log scanner kept of one container log: a bounded tail plus the lines that matched. */
export interface LogFact {
  type: 'log';
  artifact: string;
  namespace?: string;
  pod?: string;
  container?: string;
  /** True for `--previous`, false for the current instance, undefined when the bundle does not say. */
  previous?: boolean;
  totalLines: number;
  /** The last lines of the log, at most `LOG_TAIL_LINES`. */
  tail: LogLine[];
  /** Lines matching a failure signature, with their signature id. */
  matches: LogMatch[];
  /** `kubectl logs` answered with an error instead of a log (e.g. previous container not found). */
  notCaptured?: string;
  /** When the log is one output of a pasted session: its first and last line in the file. */
  lines?: [number, number];
  /** Lines the signal scan found in text no parser recognised (see `SourceRef.loose`). */
  loose?: true;
  /**
   * Kubelet messages the log relays (a deploy tool's or a web console's view of a pod:
   * `[event: pod web-0] Error: secret "db" not found`). They count as the pod's events only when
   * no container takes the log: a container's own log that prints such a line is its output.
   */
  relayed?: EventFact[];
}

export interface LogMatch extends LogLine {
  signature: string;
  /** The message without timestamp, stream tag or colour codes, when it differs from `text`. */
  message?: string;
}

/** Any other Kubernetes object kept by name (owners, Secrets and ConfigMaps that exist, ...). */
export interface ObjectFact {
  type: 'object';
  kind: string;
  namespace?: string;
  name: string;
  owner?: OwnerRef;
  /** Secret/ConfigMap keys, names only (never values). */
  keys?: string[];
  /**
   * For a support bundle's existence check (`secrets/<ns>/<name>.json`, kind `SecretCheck` or
   * `ConfigMapCheck`): whether the object, and the key asked about, exist.
   */
  exists?: boolean;
  key?: string;
  keyExists?: boolean;
  source: SourceRef;
}

/** A node condition row (`MemoryPressure False KubeletHasSufficientMemory ...`). */
export interface NodeConditionFact {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  source: SourceRef;
}

/** A node, from `kubectl describe node` or a Node object. */
export interface NodeFact {
  type: 'node';
  origin: 'describe' | 'object';
  name: string;
  conditions: NodeConditionFact[];
  /** `node.kubernetes.io/disk-pressure:NoSchedule` */
  taints: Sourced<string>[];
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  /** `Allocated resources` rows: resource → requests/limits as printed (`5039m (15%)`). */
  allocated: Record<string, { requests: string; limits: string }>;
  /** `Non-terminated Pods` rows. */
  pods: { namespace: string; name: string; source: SourceRef }[];
  source: SourceRef;
}

/** One row of a `kubectl get pods` table. */
export interface PodRowFact {
  type: 'pod-row';
  namespace?: string;
  name: string;
  /** `1/2` */
  ready?: string;
  /** STATUS as printed: `CrashLoopBackOff`, `Init:Error`, `OOMKilled`, `Running`, ... */
  status: Sourced<string>;
  restarts?: number;
  /** `32s` from `7 (32s ago)`. */
  lastRestartAgo?: string;
  age?: string;
  node?: string;
  ip?: string;
  source: SourceRef;
}

/** One row of `kubectl top pod` (per pod, or per container with `--containers`). */
export interface UsageFact {
  type: 'usage';
  namespace?: string;
  pod: string;
  container?: string;
  /** As printed: `29m` */
  cpu?: string;
  /** As printed: `553Mi` */
  memory?: string;
  source: SourceRef;
}

export type Fact = PodFact | EventFact | LogFact | ObjectFact | NodeFact | PodRowFact | UsageFact;

/** A problem met while parsing one artifact: the line and what was wrong. Never thrown. */
export interface ParseIssue {
  line: number;
  message: string;
  /** The artifact is broken (cut short, not valid syntax): what was read before is kept, but the file counts as an error. */
  fatal?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Inventory: what happened to every entry of the bundle.
// ---------------------------------------------------------------------------------------------

export type InventoryStatus = 'parsed' | 'partial' | 'skipped' | 'error';

export interface InventoryEntry {
  path: string;
  kind: string;
  status: InventoryStatus;
  reason?: string;
  namespace?: string;
  pod?: string;
  container?: string;
  issues?: ParseIssue[];
  /** For one output of a pasted session: its first and last line (1-based) in the file. */
  lines?: [number, number];
  /** The command line pasted above that output. */
  command?: string;
  /** A file that holds several outputs (kind `session`): each of them. */
  segments?: InventoryEntry[];
}

// ---------------------------------------------------------------------------------------------
// The incident: everything correlated per namespace / pod / container.
// ---------------------------------------------------------------------------------------------

/** A container with everything the bundle says about it, merged from all its sources. */
export interface ContainerModel extends ContainerFact {
  /** `kubectl top` figures when the bundle has them. */
  usage?: UsageFact;
  /** Events whose field path or message names this container. */
  events: EventFact[];
  /**
   * `previous`/`current`/`unknown` instance logs from the bundle; `termination` is the log tail
   * the kubelet kept in the last termination message (terminationMessagePolicy
   * FallbackToLogsOnError), read when no log of the failed instance was captured.
   */
  logs: { current?: LogFact; previous?: LogFact; unknown?: LogFact; termination?: LogFact };
  source: SourceRef;
}

export interface PodModel {
  namespace: string;
  name: string;
  /**
   * The bundle never names this pod: it was put together from fragments (a pasted container
   * block, events or a log). Its name and namespace are the placeholders `<pod>`, `<namespace>`.
   */
  synthetic?: boolean;
  /**
   * Known only from its events: the pod was deleted or replaced before the capture (a rollout,
   * a node drain), but what happened to it is still on record.
   */
  vanished?: boolean;
  uid?: string;
  node?: string;
  phase?: Sourced<string>;
  reason?: Sourced<string>;
  message?: Sourced<string>;
  owner?: Sourced<OwnerRef>;
  /** The owner's owner, when the bundle holds it (ReplicaSet to Deployment). */
  topOwner?: OwnerRef;
  restartPolicy: string;
  qosClass?: string;
  conditions: PodFact['conditions'];
  volumes: VolumeFact[];
  /** `kubectl get pods` rows seen for this pod. */
  rows: PodRowFact[];
  containers: ContainerModel[];
  /** Events about the pod as a whole (no container field path). */
  events: EventFact[];
  /** Every artifact that described this pod. */
  artifacts: string[];
  source: SourceRef;
}

export interface NodeModel extends Omit<NodeFact, 'type' | 'origin'> {
  /** Events about the node (NodeNotReady, OOMKilling, EvictionThresholdMet, ...). */
  events: EventFact[];
  artifacts: string[];
}

export interface Incident {
  pods: PodModel[];
  nodes: NodeModel[];
  /** Events about pods the bundle does not otherwise hold (deleted, replaced, or not collected). */
  orphanEvents: EventFact[];
  /** Objects seen in the bundle, by `kind/namespace/name`. */
  objects: ObjectFact[];
  /** Disagreements between sources, and facts that could not be placed. */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Rules and their findings.
// ---------------------------------------------------------------------------------------------

/** Everything a rule may read about one container. */
export interface ContainerContext {
  pod: PodModel;
  container: ContainerModel;
  /** The most recent termination: `lastState` when terminated, else a terminated `state`. */
  lastTermination?: ContainerStateFact;
  /** Container events first, then the pod's own events. */
  events: EventFact[];
  /** The log of the instance that failed: previous when captured, else current. */
  log?: LogFact;
  incident: Incident;
}

export interface Finding {
  category: CategoryId;
  severity: Severity;
  /** 0..1 */
  confidence: number;
  summary: string;
  evidence: SourceRef[];
  remediation: string[];
  secondary?: CategoryId;
}

/** The answer for one failing container: a primary cause, maybe a secondary one. */
export interface Diagnosis extends Omit<Finding, 'secondary'> {
  namespace: string;
  pod: string;
  container: string;
  init: boolean;
  ruleId: string;
  secondary: CategoryId | null;
  /** Symptom lines (BackOff, CrashLoopBackOff) that attach to this cause. */
  symptoms: SourceRef[];
  /** Other rules that fired for the same container, weaker than the primary. */
  contributing: { ruleId: string; category: CategoryId; confidence: number }[];
}
