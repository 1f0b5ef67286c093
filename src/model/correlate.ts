/**
 * The correlate stage: merges the facts of every artifact into one `Incident`, per namespace,
 * pod and container. Pod objects (YAML/JSON) win over describe text where both say something;
 * a disagreement is kept as a note. Events attach by involved object and field path (or, for
 * describe tables, by the container the message names); logs by their path hints, else by the
 * single pod described next to them.
 */
import { containerFromFieldPath, containerFromMessage, initFromMessage, podFromMessage } from '../knowledge/events.js';
import { showsCrash } from '../knowledge/log-signatures.js';
import { PROGRESS_WAITING_REASONS } from '../knowledge/reasons.js';
import { HEALTHY_STATUSES, TERMINATED_STATUSES } from '../knowledge/statuses.js';
import { LogScanner } from '../parse/container-log.js';
import { newContainerModel, newPodModel } from './build.js';
import type {
  ContainerFact,
  ContainerModel,
  EventFact,
  Fact,
  Incident,
  LogFact,
  NodeFact,
  NodeModel,
  ObjectFact,
  PodFact,
  PodModel,
  PodRowFact,
  UsageFact,
} from './types.js';

const DEFAULT_NAMESPACE = 'default';

const podKey = (namespace: string, name: string) => `${namespace}/${name}`;
const dirOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/** Where each log ended up, for the inventory. */
export interface LogPlacement {
  log: LogFact;
  pod?: PodModel;
  container?: ContainerModel;
  reason?: string;
}

export interface Correlation {
  incident: Incident;
  placements: LogPlacement[];
}

export function correlate(facts: Fact[]): Correlation {
  const notes: string[] = [];
  const pods = new Map<string, PodModel>();
  const objects: ObjectFact[] = [];
  const events: EventFact[] = [];
  const logs: LogFact[] = [];
  const nodes = new Map<string, NodeModel>();
  const rows: PodRowFact[] = [];
  const usage: UsageFact[] = [];

  // Objects first so describe text merges into them, not the other way round.
  const podFacts = facts.filter((f): f is PodFact => f.type === 'pod');
  podFacts.sort((a, b) => (a.origin === b.origin ? 0 : a.origin === 'object' ? -1 : 1));
  for (const fact of podFacts) if (fact.name !== '') mergePod(pods, fact, notes);
  for (const fact of facts) {
    if (fact.type === 'event') events.push(fact);
    else if (fact.type === 'log') logs.push(fact);
    else if (fact.type === 'object') objects.push(fact);
    else if (fact.type === 'node') mergeNode(nodes, fact);
    else if (fact.type === 'pod-row') rows.push(fact);
    else if (fact.type === 'usage') usage.push(fact);
  }
  for (const row of rows) if (row.name) mergeRow(pods, row);
  // Fragments (a container block pasted without its pod) join the one pod they can belong to:
  // the only pod named, or the only one in trouble in a listing.
  const synthetic = new SyntheticPod(pods);
  for (const fact of podFacts) if (fact.name === '') mergeFragment(pods, synthetic, fact, notes);
  for (const u of usage) attachUsage(pods, u);

  resolveOwners([...pods.values()], objects);
  // A STATUS value pasted on its own names no pod: it tells which kind of container failed.
  for (const row of rows) if (!row.name) applyBareStatus(row, synthetic);
  // Pods known from a listing get their stand-in container before events and logs look for one;
  // a pod known from its spec alone (the manifest that was applied) takes its one container's
  // state from its row.
  for (const pod of pods.values()) {
    if (pod.containers.length === 0) placeholderContainer(pod);
    else rowStateOfSpecOnly(pod) || rowStateOfLaterListing(pod);
  }
  nameFromMessages(events);
  nameFromScheduling(events);
  const orphanEvents = attachEvents(pods, events, nodes, synthetic, notes);
  for (const pod of vanishedPods(orphanEvents, pods)) pods.set(podKey(pod.namespace, pod.name), pod);
  const placements = logs.map((log) => placeLog(log, pods, synthetic, notes));
  relayedEvents(placements, pods, nodes, synthetic, notes, orphanEvents);
  // Logs that no pod could take, in a paste (pods known from a listing at most, not a collected
  // bundle where a stray text file is no container's log), are still crashes to explain: each
  // becomes a subject of its own, named by its command line or file. One such log beside
  // nothing else is the paste's one unnamed pod.
  // A log whose command line names its pod (`kubectl logs web-0 -c app`) is that pod's, in any bundle.
  const unplaced = placements.filter((p) => !p.container && (listingsOnly(pods) || (p.log.lines !== undefined && p.log.pod !== undefined)) && showsCrash(p.log.matches));
  for (const p of unplaced) {
    const alone = unplaced.length === 1 && !p.log.pod;
    p.pod = alone ? synthetic.get(p.log.namespace) : synthetic.named(p.log.namespace, p.log.pod ?? subjectName(p.log));
    p.container = synthetic.container(p.pod, p.log.container ?? '<container>');
    notes.push(`${p.log.artifact}${p.log.lines ? ` (lines ${p.log.lines[0]}-${p.log.lines[1]})` : ''}: ${p.reason ?? 'no pod to attach it to'}; analysed as the log of a container the bundle does not otherwise show.`);
    delete p.reason;
  }
  for (const p of placements) {
    if (!p.container) continue;
    const slot = p.log.previous === true ? 'previous' : p.log.previous === false ? 'current' : 'unknown';
    const taken = p.container.logs[slot];
    // Prefer a log with content over an empty one (must-gather writes empty previous.log files),
    // and one that shows a crash over one that does not.
    if (!taken || (taken.totalLines === 0 && p.log.totalLines > 0) || (showsCrash(p.log.matches) && !showsCrash(taken.matches))) p.container.logs[slot] = p.log;
    else if (taken !== p.log) notes.push(`${p.log.artifact}${p.log.lines ? ` (lines ${p.log.lines[0]}-${p.log.lines[1]})` : ''}: a second ${slot} log of ${p.pod?.name ?? '?'}/${p.container.name}; the one read first (${taken.artifact}) is analysed.`);
  }

  for (const pod of [...pods.values()]) {
    if (pod.containers.length === 0) placeholderContainer(pod);
    nameFromOwnMessages(pod, synthetic);
    for (const c of pod.containers) attachTerminationLog(c) || attachHookOutput(c);
  }

  const incident: Incident = {
    nodes: [...nodes.values()].sort((a, b) => a.name.localeCompare(b.name)),
    pods: [...pods.values()].sort((a, b) => podKey(a.namespace, a.name).localeCompare(podKey(b.namespace, b.name))),
    objects,
    orphanEvents,
    notes,
  };
  return { incident, placements };
}

function emptyContainer(fact: ContainerFact): ContainerModel {
  return { ...fact, name: fact.name || '<container>', events: [], logs: {} };
}

function mergePod(pods: Map<string, PodModel>, fact: PodFact, notes: string[]): void {
  const namespace = fact.namespace ?? DEFAULT_NAMESPACE;
  const key = podKey(namespace, fact.name);
  const existing = pods.get(key);
  if (!existing) {
    const pod: PodModel = {
      namespace,
      name: fact.name,
      restartPolicy: fact.restartPolicy ?? 'Always',
      conditions: fact.conditions,
      volumes: fact.volumes,
      rows: [],
      containers: fact.containers.map(emptyContainer),
      events: [],
      artifacts: [fact.source.artifact],
      source: fact.source,
    };
    for (const field of ['uid', 'node', 'phase', 'reason', 'message', 'owner', 'qosClass'] as const) {
      if (fact[field] !== undefined) (pod as unknown as Record<string, unknown>)[field] = fact[field];
    }
    pods.set(key, pod);
    return;
  }
  if (!existing.artifacts.includes(fact.source.artifact)) existing.artifacts.push(fact.source.artifact);
  // Fill what the earlier (stronger) source left empty.
  if (existing.conditions.length === 0) existing.conditions = fact.conditions;
  if (existing.volumes.length === 0) existing.volumes = fact.volumes;
  for (const field of ['uid', 'node', 'phase', 'reason', 'message', 'owner', 'qosClass'] as const) {
    if (existing[field] === undefined && fact[field] !== undefined) (existing as unknown as Record<string, unknown>)[field] = fact[field];
  }
  for (const c of fact.containers) {
    const target = existing.containers.find((x) => x.name === c.name && x.init === c.init);
    if (!target) {
      existing.containers.push(emptyContainer(c));
      continue;
    }
    mergeContainer(target, c, `${key}/${c.name}`, notes);
  }
}

/** Fills gaps in `target` from a weaker source and notes where the two disagree. */
function mergeContainer(target: ContainerModel, weaker: ContainerFact, where: string, notes: string[]): void {
  const fields = ['image', 'command', 'args', 'state', 'lastState', 'ready', 'restartCount'] as const;
  for (const field of fields) {
    const theirs = weaker[field];
    if (theirs === undefined) continue;
    const ours = target[field];
    if (ours === undefined) {
      (target as unknown as Record<string, unknown>)[field] = theirs;
      continue;
    }
    const a = summarise(ours);
    const b = summarise(theirs);
    if (a !== b) {
      notes.push(
        `${where}: ${field} differs: ${a} (${sourceOf(ours)}) vs ${b} (${sourceOf(theirs)}); kept the first, from the structured object`,
      );
    }
  }
  for (const key of Object.keys(weaker.limits)) target.limits[key] ??= weaker.limits[key]!;
  for (const key of Object.keys(weaker.requests)) target.requests[key] ??= weaker.requests[key]!;
  if (target.probes.length === 0) target.probes = weaker.probes;
  if (target.env.length === 0) target.env = weaker.env;
  if (target.envFrom.length === 0) target.envFrom = weaker.envFrom;
  if (target.mounts.length === 0) target.mounts = weaker.mounts;
}

function summarise(v: unknown): string {
  const o = v as { value?: unknown; status?: string; reason?: { value: string }; exitCode?: { value: number } };
  if (o.status) return [o.status, o.reason?.value, o.exitCode?.value].filter((x) => x !== undefined).join(' ');
  return JSON.stringify(o.value);
}

function sourceOf(v: unknown): string {
  const o = v as { source?: { artifact: string; line: number } };
  return o.source ? `${o.source.artifact}:${o.source.line}` : '?';
}

/**
 * Pods the bundle no longer holds but whose warnings it kept (a replaced pod's FailedMount):
 * each becomes a pod marked `vanished`, its containers named by the events where they can be.
 */
function vanishedPods(orphans: EventFact[], pods: Map<string, PodModel>): PodModel[] {
  const groups = new Map<string, EventFact[]>();
  for (const e of orphans) {
    if (!e.subject.name) continue;
    const key = podKey(e.subject.namespace ?? DEFAULT_NAMESPACE, e.subject.name);
    if (pods.has(key)) continue;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const out: PodModel[] = [];
  for (const events of groups.values()) {
    // Scheduling trouble of a pod that was since replaced is the scheduler's past, not a failure.
    if (!events.some((e) => e.eventType === 'Warning' && e.reason !== 'FailedScheduling')) continue;
    const first = events[0]!;
    const pod: PodModel = { ...newPodModel(first.subject.namespace ?? DEFAULT_NAMESPACE, first.subject.name!, first.source, [...new Set(events.map((e) => e.source.artifact))]), vanished: true };
    for (const e of events) {
      const cname = containerFromFieldPath(e.subject.fieldPath) ?? containerFromMessage(e.message);
      let c = cname ? pod.containers.find((x) => x.name === cname) : undefined;
      if (cname && !c) {
        c = newContainerModel(cname, /initContainers/.test(e.subject.fieldPath ?? ''), e.source);
        pod.containers.push(c);
      }
      (c ? c.events : pod.events).push(e);
    }
    if (pod.containers.length === 0) {
      pod.containers.push(newContainerModel('<container>', false, first.source));
    }
    out.push(pod);
  }
  return out;
}

/**
 * A pod known only by a `kubectl get pods` row or a status without containers still failed in
 * some container: stand one in, with what the row's STATUS says (kubectl prints the first
 * non-running container's waiting or terminated reason there, `Init:` for init containers).
 */
function placeholderContainer(pod: PodModel): void {
  const row = pod.rows[pod.rows.length - 1];
  const status = row?.status.value ?? '';
  if (!row && !pod.reason) return;
  const init = status.startsWith('Init:');
  const c = newContainerModel(init ? '<init container>' : '<container>', init, row?.source ?? pod.source);
  if (row) stateFromRow(c, row);
  if (row) lastEndFromHistory(c, pod.rows);
  pod.containers.push(c);
}

/**
 * A pod pasted without its names may still print them in its own messages: an eviction's
 * `Container web was using 30332Ki, which exceeds its request of 0`, the kubelet's config error
 * `(pod: "web-0_shop(8c1f...)", container: web)` in a waiting state. The lone stand-in container
 * and the made-up pod take those names.
 */
function nameFromOwnMessages(pod: PodModel, synthetic: SyntheticPod): void {
  const messages = [pod.message, ...pod.containers.flatMap((c) => [c.state?.message, c.lastState?.message])].filter((m) => m !== undefined).map((m) => m.value);
  const [standIn, ...others] = pod.containers;
  const container = messages.map(containerFromMessage).find((n) => n !== undefined);
  if (container && standIn && others.length === 0 && standIn.name === '<container>') standIn.name = container;
  const named = messages.map(podFromMessage).find((n) => n !== undefined);
  if (named && pod.synthetic && pod.name === '<pod>') synthetic.get(named.namespace, named.name);
}

/**
 * Rows of one pod printed again and again (`kubectl get pods -w`, or listings taken one after
 * another) are a history of its STATUS: a `Completed`, `Error` or `OOMKilled` row before the
 * last one is how the last run ended, when the last row itself names no ending.
 */
function lastEndFromHistory(c: ContainerModel, rows: PodRowFact[]): void {
  const last = rows[rows.length - 1];
  if (!last || rows.length < 2 || c.lastState || HEALTHY_STATUSES.has(last.status.value)) return;
  // One output's rows only: listings in other files of a collected bundle are not one history.
  const history = rows.slice(0, -1).filter((r) => r.source.artifact === last.source.artifact);
  const ended = history.reverse().find((r) => TERMINATED_STATUSES.has(r.status.value.replace(/^Init:/, '')));
  if (!ended) return;
  const word = ended.status.value.replace(/^Init:/, '');
  c.lastState = { status: 'terminated', reason: { value: word, source: ended.source }, source: ended.source };
  if (word === 'Completed') c.lastState.exitCode = { value: 0, source: ended.source };
}

/**
 * A pod whose containers carry no status (its manifest) and a listing row: with a single
 * container and no init containers, the row's STATUS and RESTARTS are that container's.
 */
function rowStateOfSpecOnly(pod: PodModel): boolean {
  const row = pod.rows[pod.rows.length - 1];
  const [only, ...more] = pod.containers;
  if (!row || !only || more.length > 0 || only.init || only.state || only.lastState || only.restartCount) return false;
  if (row.status.value.startsWith('Init:')) return false;
  stateFromRow(only, row);
  return true;
}

/**
 * A session that printed a pod's status and later listed it failing (`-o jsonpath=...`, then
 * `kubectl get pods -w`): further down the same file is later in time. When the last row shows a
 * failure of the pod's only init container (`Init:...`) or only app container while that
 * container's printed state was fine, the row's state is the newer one.
 */
function rowStateOfLaterListing(pod: PodModel): void {
  const row = pod.rows[pod.rows.length - 1];
  if (!row || HEALTHY_STATUSES.has(row.status.value) || /^Init:\d+\/\d+$/.test(row.status.value)) return;
  const init = row.status.value.startsWith('Init:');
  const [only, ...more] = pod.containers.filter((c) => c.init === init && !c.sidecar);
  if (!only || more.length > 0) return;
  const printed = only.state?.source ?? only.source;
  const fine = !only.state || only.state.status === 'running' || (only.state.status === 'terminated' && (only.state.exitCode?.value ?? 0) === 0);
  if (!fine || printed.artifact !== row.source.artifact || printed.line >= row.source.line) return;
  stateFromRow(only, row);
  lastEndFromHistory(only, pod.rows);
}

/** What a listing row's STATUS and RESTARTS say of the container kubectl summarised there. */
function stateFromRow(c: ContainerModel, row: PodRowFact): void {
  const status = row.status.value;
  const word = status.startsWith('Init:') ? status.slice('Init:'.length) : status;
  const source = row.source;
  if (row.restarts !== undefined) c.restartCount = { value: row.restarts, source };
  if (TERMINATED_STATUSES.has(word)) {
    c.state = { status: 'waiting', reason: { value: 'CrashLoopBackOff', source }, source };
    c.lastState = { status: 'terminated', reason: { value: word, source }, source };
  } else if (/^[A-Z][A-Za-z]+$/.test(word) && !HEALTHY_STATUSES.has(word)) {
    c.state = { status: 'waiting', reason: { value: word, source }, source };
  } else if (word === 'Running') {
    c.state = { status: 'running', source };
  }
}


/**
 * With terminationMessagePolicy FallbackToLogsOnError the kubelet keeps the log tail (80 lines,
 * 2 KiB) in the termination message: read it as the failed instance's log when none was captured.
 */
function attachTerminationLog(c: ContainerModel): boolean {
  const last = c.lastState?.status === 'terminated' ? c.lastState : c.state?.status === 'terminated' ? c.state : undefined;
  const message = last?.message;
  if (!last || !message || c.logs.previous || c.logs.unknown) return false;
  const lines = message.value.split('\n');
  if (lines.length < 2) return false;
  const scanner = new LogScanner({ artifact: message.source.artifact, container: c.name, previous: true });
  if (last.messageLines) for (const l of last.messageLines) scanner.push(l.text, l.line);
  else for (const text of lines) scanner.push(text, message.source.line, message.source.text);
  c.logs.termination = scanner.finish();
  return true;
}

/**
 * A lifecycle hook that failed: the kubelet's event quotes what the hook printed (`Exec lifecycle
 * hook ([...]) for Container "mgr" in Pod "..." failed - error: ..., message: "chown: ...\n"`).
 * That output is the container's last words when no log was captured.
 */
function attachHookOutput(c: ContainerModel): void {
  if (c.logs.previous || c.logs.unknown || c.logs.termination) return;
  const hook = c.events.find((e) => /^Failed(?:PostStart|PreStop)Hook$/.test(e.reason) && /, message: "/.test(e.message));
  if (!hook) return;
  const printed = /, message: "((?:[^"\\]|\\.)*)"?/.exec(hook.message)?.[1] ?? '';
  const scanner = new LogScanner({ artifact: hook.source.artifact, container: c.name, previous: true });
  for (const text of printed.split('\\n')) if (text.trim()) scanner.push(text.replace(/\\(["\\])/g, '$1'), hook.source.line, hook.source.text);
  c.logs.termination = scanner.finish();
}

function resolveOwners(pods: PodModel[], objects: ObjectFact[]): void {
  const byKey = new Map(objects.map((o) => [`${o.kind}/${o.namespace ?? ''}/${o.name}`, o]));
  for (const pod of pods) {
    const owner = pod.owner?.value;
    if (!owner) continue;
    const obj = byKey.get(`${owner.kind}/${pod.namespace}/${owner.name}`);
    if (obj?.owner) pod.topOwner = obj.owner;
    else if (owner.kind === 'ReplicaSet') {
      // A ReplicaSet made by a Deployment is named <deployment>-<pod-template-hash>.
      const m = /^(.+)-[a-z0-9]{6,10}$/.exec(owner.name);
      if (m) pod.topOwner = { kind: 'Deployment', name: m[1]! };
    }
  }
}

function mergeNode(nodes: Map<string, NodeModel>, fact: NodeFact): void {
  const existing = nodes.get(fact.name);
  if (!existing) {
    const { type: _type, origin: _origin, ...rest } = fact;
    nodes.set(fact.name, { ...rest, events: [], artifacts: [fact.source.artifact] });
    return;
  }
  if (!existing.artifacts.includes(fact.source.artifact)) existing.artifacts.push(fact.source.artifact);
  if (existing.conditions.length === 0) existing.conditions = fact.conditions;
  if (existing.taints.length === 0) existing.taints = fact.taints;
  if (existing.pods.length === 0) existing.pods = fact.pods;
  for (const key of ['capacity', 'allocatable', 'allocated'] as const) {
    if (Object.keys(existing[key]).length === 0) (existing as unknown as Record<string, unknown>)[key] = fact[key];
  }
}

/** A `kubectl get pods` row: the pod's printed status, and a pod of its own when nothing else describes it. */
function mergeRow(pods: Map<string, PodModel>, row: PodRowFact): void {
  const namespace = row.namespace ?? DEFAULT_NAMESPACE;
  const key = podKey(namespace, row.name);
  let pod = pods.get(key) ?? (row.namespace ? undefined : [...pods.values()].find((p) => p.name === row.name));
  if (!pod) {
    pod = newPodModel(namespace, row.name, row.source, [row.source.artifact]);
    if (row.node) pod.node = row.node;
    pods.set(key, pod);
  }
  pod.rows.push(row);
  if (!pod.node && row.node) pod.node = row.node;
}

function attachUsage(pods: Map<string, PodModel>, u: UsageFact): void {
  const pod = u.namespace ? pods.get(podKey(u.namespace, u.pod)) : [...pods.values()].find((p) => p.name === u.pod);
  if (!pod) return;
  const container = u.container ? pod.containers.find((c) => c.name === u.container) : pod.containers.filter((c) => !c.init).length === 1 ? pod.containers.find((c) => !c.init) : undefined;
  if (container) container.usage = u;
}

/** Attaches events to pods, containers and nodes; returns the pod events whose pod is not in the bundle. */
function attachEvents(podMap: Map<string, PodModel>, events: EventFact[], nodes: Map<string, NodeModel>, synthetic: SyntheticPod, notes: string[]): EventFact[] {
  const orphans: EventFact[] = [];
  const byName = new Map<string, PodModel[]>();
  for (const pod of podMap.values()) byName.set(pod.name, [...(byName.get(pod.name) ?? []), pod]);
  const seen = new Set<string>();
  for (const event of events) {
    const { kind, name, namespace, fieldPath } = event.subject;
    if (name && kind?.toLowerCase() === 'node') {
      const node = nodes.get(name);
      if (node && !node.events.some((e) => e.reason === event.reason && e.message === event.message)) node.events.push(event);
      continue;
    }
    if (kind && kind.toLowerCase() !== 'pod') continue;
    // An event pasted without its row names no object: it belongs to the bundle's only pod, or
    // to the only one in trouble when a listing names several.
    let candidates = name ? (byName.get(name) ?? []).filter((p) => !namespace || p.namespace === namespace) : synthetic.single();
    if (!name && candidates.length === 0) {
      const troubled = onlyTroubled([...podMap.values()]);
      if (troubled) {
        candidates = [troubled];
        const note = `${event.source.artifact}: events that name no pod are read as those of ${troubled.namespace}/${troubled.name}, the only pod in trouble.`;
        if (!notes.includes(note)) notes.push(note);
      }
    }
    // A bundle of events alone: the pod they name is known from them only.
    if (candidates.length === 0 && name && [...podMap.values()].every((p) => p.synthetic)) {
      candidates = [synthetic.named(namespace, name)];
      byName.set(name, [...(byName.get(name) ?? []), candidates[0]!]);
    }
    const pod = candidates[0];
    if (!pod) {
      if (!kind || kind.toLowerCase() === 'pod') orphans.push(event);
      continue;
    }
    // The same event often arrives twice (describe table and events file): keep one.
    const key = `${pod.namespace}/${pod.name}|${event.reason}|${event.message}|${fieldPath ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cname = containerFromFieldPath(fieldPath) ?? containerFromMessage(event.message);
    let container = cname ? pod.containers.find((c) => c.name === cname) : undefined;
    // A pod known from its listing row: its one stand-in is the failing container, the one a
    // warning names (a Normal `Started container x` may be a healthy sidecar's).
    const [standIn, ...others] = pod.containers;
    const warns = event.eventType === 'Warning' || event.reason === 'BackOff' || event.reason === 'Killing';
    if (!container && cname && warns && !pod.synthetic && standIn && others.length === 0 && standIn.name.startsWith('<')) {
      standIn.name = cname;
      container = standIn;
    }
    if (pod.synthetic) {
      container = cname ? synthetic.container(pod, cname) : (container ?? synthetic.onlyContainer(pod));
      if (cname && (/initContainers/.test(fieldPath ?? '') || initFromMessage(event.message))) container.init = true;
    }
    (container ? container.events : pod.events).push(event);
  }
  return orphans;
}

/**
 * Kubelet messages relayed in a log that no container takes (a deploy tool's, a web console's
 * view of the pods) are those pods' events: named by the message or the relay, or the bundle's
 * one pod. The log itself stays unattached.
 */
function relayedEvents(placements: LogPlacement[], pods: Map<string, PodModel>, nodes: Map<string, NodeModel>, synthetic: SyntheticPod, notes: string[], orphanEvents: EventFact[]): void {
  const relaying = placements.filter((p) => !p.container && p.log.relayed);
  if (relaying.length === 0) return;
  const events = relaying.flatMap((p) => p.log.relayed!);
  nameFromMessages(events);
  nameFromScheduling(events);
  const orphans = attachEvents(pods, events, nodes, synthetic, notes);
  for (const pod of vanishedPods(orphans, pods)) pods.set(podKey(pod.namespace, pod.name), pod);
  orphanEvents.push(...orphans.filter((e) => !pods.has(podKey(e.subject.namespace ?? DEFAULT_NAMESPACE, e.subject.name ?? ''))));
  for (const p of relaying) {
    const n = p.log.relayed!.length;
    p.reason = `${p.reason ?? 'no container takes it'}; the ${n} kubelet message${n === 1 ? '' : 's'} it relays ${n === 1 ? 'was' : 'were'} read as events`;
  }
}

/** The name of a subject known only from its log: the file, and where in it for a session's output. */
function subjectName(log: LogFact): string {
  const file = log.artifact.slice(log.artifact.lastIndexOf('/') + 1);
  return `<log ${file}${log.lines ? `:${log.lines[0]}` : ''}>`;
}

function placeLog(log: LogFact, pods: Map<string, PodModel>, synthetic: SyntheticPod, notes: string[]): LogPlacement {
  let pod: PodModel | undefined;
  if (log.pod) {
    pod = log.namespace ? pods.get(podKey(log.namespace, log.pod)) : [...pods.values()].find((p) => p.name === log.pod);
    if (!pod) {
      // The path may carry a collector name rather than the pod's: fall through to the folder rule.
      pod = undefined;
    }
  }
  if (!pod && log.pod && [...pods.values()].every((p) => p.synthetic)) {
    // A log whose command line names its pod, in a paste that describes no pod: that pod's (the
    // pod made up for unnamed events beside it takes the name).
    pod = synthetic.named(log.namespace, log.pod);
    return { log, pod, container: synthetic.container(pod, log.container ?? '<container>') };
  }
  if (!pod) {
    const dir = dirOf(log.artifact);
    const neighbours = [...pods.values()].filter((p) => p.artifacts.some((a) => dirOf(a) === dir));
    // The pod made up for unnamed pieces takes the name the log's command line gives it.
    if (neighbours.length === 1 && log.pod && neighbours[0]!.synthetic && neighbours[0]!.name === '<pod>') pod = synthetic.get(log.namespace, log.pod);
    else if (neighbours.length === 1) pod = neighbours[0];
    else if (neighbours.length === 0 && pods.size === 1) pod = [...pods.values()][0];
    else if (!log.pod) {
      // `kubectl get pods` and `kubectl logs` pasted together: the log is the failing pod's.
      // Beside it in its folder; or anywhere in a paste made only of listings.
      const troubled = onlyTroubled(neighbours.length > 0 ? neighbours : listingsOnly(pods) ? [...pods.values()] : []);
      if (troubled) {
        pod = troubled;
        notes.push(`${log.artifact} names no pod: read as the log of ${troubled.namespace}/${troubled.name}, the only pod in trouble beside it.`);
      }
    }
    else if (pods.size === 0 || (pods.size === 1 && [...pods.values()][0]!.synthetic)) {
      // A log on its own: analyse it as the log of a container the bundle does not describe.
      pod = pods.size === 0 || [...pods.values()][0]!.name === '<pod>' ? synthetic.get(log.namespace, log.pod) : synthetic.named(log.namespace, log.pod);
      const container = synthetic.container(pod, log.container ?? '<container>');
      return { log, pod, container };
    }
  }
  if (!pod) {
    const reason = log.pod ? `no pod ${log.namespace ? `${log.namespace}/` : ''}${log.pod} in the bundle` : 'no single pod to attach this log to';
    return { log, reason };
  }
  const container = pickContainer(pod, log);
  if (!container) return { log, pod, reason: `pod ${pod.name} has several containers and the path names none of them` };
  return { log, pod, container };
}

/** Events pasted without their row: the kubelet's message often names the pod (`web-0_shop(uid)`). */
function nameFromMessages(events: EventFact[]): void {
  for (const e of events) {
    if (e.subject.name || e.subject.kind) continue;
    const named = podFromMessage(e.message);
    if (named) e.subject = { ...e.subject, name: named.name, namespace: e.subject.namespace ?? named.namespace };
  }
}

/**
 * Events pasted without their pod (a describe's Events table on its own) often hold the
 * scheduler's `Successfully assigned shop/web-0 to node-1`: when the rows of one file name a
 * single pod that way, they are that pod's.
 */
function nameFromScheduling(events: EventFact[]): void {
  const byArtifact = new Map<string, EventFact[]>();
  for (const e of events) if (!e.subject.name && !e.subject.kind) byArtifact.set(e.source.artifact, [...(byArtifact.get(e.source.artifact) ?? []), e]);
  for (const group of byArtifact.values()) {
    const named = new Set(group.map((e) => (e.reason === 'Scheduled' ? /^Successfully assigned (?:([a-z0-9][-a-z0-9]*)\/)?([a-z0-9][-a-z0-9.]*) to /.exec(e.message) : null)).filter((m) => m !== null).map((m) => `${m[1] ?? ''}/${m[2]}`));
    if (named.size !== 1) continue;
    const [ns, name] = [...named][0]!.split('/') as [string, string];
    for (const e of group) e.subject = { ...e.subject, name, ...(ns ? { namespace: ns } : {}) };
  }
}

/**
 * A paste rather than a collected bundle: every pod is known from a listing row at most (its
 * containers are stand-ins), none from an object or a describe, none made up for fragments.
 */
function listingsOnly(pods: Map<string, PodModel>): boolean {
  return [...pods.values()].every((p) => !p.synthetic && p.containers.every((c) => c.name.startsWith('<')));
}

/**
 * The one pod of these that shows trouble (a failing STATUS, a waiting or crashed container,
 * fewer containers ready than it has), when exactly one does.
 */
function onlyTroubled(pods: PodModel[]): PodModel | undefined {
  const troubled = pods.filter((p) => !p.synthetic && inTrouble(p));
  return troubled.length === 1 ? troubled[0] : undefined;
}

function inTrouble(pod: PodModel): boolean {
  const row = pod.rows[pod.rows.length - 1];
  if (row) {
    const status = row.status.value;
    const [ready, total] = (row.ready ?? '').split('/').map(Number);
    if ((!HEALTHY_STATUSES.has(status) && !/^Init:\d+\/\d+$/.test(status)) || (status === 'Running' && ready !== undefined && total !== undefined && ready < total)) return true;
  }
  if (pod.reason?.value === 'Evicted') return true;
  return pod.containers.some(
    (c) =>
      (c.state?.status === 'waiting' && c.state.reason !== undefined && !PROGRESS_WAITING_REASONS.has(c.state.reason.value)) ||
      (c.state?.status === 'terminated' && (c.state.exitCode?.value ?? 0) !== 0),
  );
}

/**
 * The pod made up for fragments that name none: at most one per bundle, created on first need.
 */
class SyntheticPod {
  private pod: PodModel | undefined;
  constructor(private readonly pods: Map<string, PodModel>) {}

  get(namespace?: string, name?: string): PodModel {
    if (this.pod) {
      // The first fragment to name the pod (or its namespace) names it for all.
      if ((name && this.pod.name === '<pod>') || (namespace && this.pod.namespace === '<namespace>')) {
        this.pods.delete(podKey(this.pod.namespace, this.pod.name));
        if (name && this.pod.name === '<pod>') this.pod.name = name;
        if (namespace && this.pod.namespace === '<namespace>') this.pod.namespace = namespace;
        this.pods.set(podKey(this.pod.namespace, this.pod.name), this.pod);
      }
      return this.pod;
    }
    const pod: PodModel = { ...newPodModel(namespace ?? '<namespace>', name ?? '<pod>', { artifact: '', line: 0, text: '' }, []), synthetic: true };
    this.pod = pod;
    this.pods.set(podKey(pod.namespace, pod.name), pod);
    return pod;
  }

  /**
   * The pod of events that name it, in a bundle with no pod objects (a kubelet log names many):
   * the unnamed synthetic pod takes the first name, each further name gets a pod of its own.
   */
  named(namespace: string | undefined, name: string): PodModel {
    if (!this.pod || this.pod.name === '<pod>' || (this.pod.name === name && (!namespace || this.pod.namespace === namespace || this.pod.namespace === '<namespace>'))) {
      return this.get(namespace, name);
    }
    const key = podKey(namespace ?? '<namespace>', name);
    const known = this.pods.get(key);
    if (known) return known;
    const pod: PodModel = { ...newPodModel(namespace ?? '<namespace>', name, { artifact: '', line: 0, text: '' }, []), synthetic: true };
    this.pods.set(key, pod);
    return pod;
  }

  /** The pods an unnamed event can belong to: the only pod, or a new synthetic one. */
  single(): PodModel[] {
    if (this.pods.size === 1) return [...this.pods.values()];
    if (this.pods.size === 0) return [this.get()];
    return [];
  }

  /** A container of a synthetic pod, by name; `<container>` stands for one never named. */
  container(pod: PodModel, name: string): ContainerModel {
    let c = pod.containers.find((x) => x.name === name);
    if (!c && name !== '<container>') c = pod.containers.find((x) => x.name === '<container>');
    if (c) {
      if (c.name === '<container>' && name !== '<container>') c.name = name;
      return c;
    }
    c = newContainerModel(name, false, pod.source);
    pod.containers.push(c);
    return c;
  }

  onlyContainer(pod: PodModel): ContainerModel {
    return pod.containers.length === 1 ? pod.containers[0]! : this.container(pod, '<container>');
  }
}

function applyBareStatus(row: PodRowFact, synthetic: SyntheticPod): void {
  const pod = synthetic.single()[0];
  if (!pod) return;
  pod.rows.push(row);
  if (!row.status.value.startsWith('Init:')) return;
  const c = pod.containers.length === 1 ? pod.containers[0]! : synthetic.container(pod, '<init container>');
  if (pod.synthetic || c.name.startsWith('<')) c.init = true;
}

/** A pasted container block joins the bundle's only named pod, or the synthetic one. */
function mergeFragment(pods: Map<string, PodModel>, synthetic: SyntheticPod, fact: PodFact, notes: string[]): void {
  const named = [...pods.values()].filter((p) => !p.synthetic);
  const pod = named.length === 1 ? named[0]! : (onlyTroubled(named) ?? synthetic.get(fact.namespace));
  if (!pod.artifacts.includes(fact.source.artifact)) pod.artifacts.push(fact.source.artifact);
  if (pod.source.line === 0) pod.source = fact.source;
  for (const f of ['phase', 'reason', 'message', 'owner', 'node', 'qosClass'] as const) {
    if (pod[f] === undefined && fact[f] !== undefined) (pod as unknown as Record<string, unknown>)[f] = fact[f];
  }
  for (const c of fact.containers) {
    const app = pod.containers.filter((x) => !x.init);
    const target = c.name ? pod.containers.find((x) => x.name === c.name) : app.length === 1 ? app[0] : pod.synthetic ? synthetic.container(pod, '<container>') : undefined;
    if (!target) {
      pod.containers.push(emptyContainer({ ...c, name: c.name || '<container>' }));
      continue;
    }
    if (target.source.line === 0) target.source = c.source;
    mergeContainer(target, { ...c, name: target.name }, `${pod.namespace}/${pod.name}/${target.name}`, notes);
  }
}

function pickContainer(pod: PodModel, log: LogFact): ContainerModel | undefined {
  if (log.container) {
    const named = pod.containers.find((c) => c.name === log.container);
    if (named) return named;
    // A pod known from its listing row: its one stand-in is the container whose log was asked for.
    const [standIn, ...others] = pod.containers;
    if (standIn && others.length === 0 && standIn.name.startsWith('<')) {
      standIn.name = log.container;
      return standIn;
    }
  }
  const file = log.artifact.slice(log.artifact.lastIndexOf('/') + 1);
  const inName = pod.containers
    .filter((c) => file.includes(c.name))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (inName) return inName;
  const app = pod.containers.filter((c) => !c.init);
  if (app.length === 1 && pod.containers.length === 1) return app[0];
  const failing = pod.containers.filter(
    (c) => c.lastState?.status === 'terminated' || c.state?.status === 'waiting' || (c.restartCount?.value ?? 0) > 0,
  );
  if (failing.length === 1) return failing[0];
  if (app.length === 1) return app[0];
  return undefined;
}
