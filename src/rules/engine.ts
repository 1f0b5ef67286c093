/**
 * The rule engine: runs every rule on every failing container, keeps one primary root cause
 * per container (the others as contributing), and attaches the crash-loop symptoms (BackOff
 * events, a CrashLoopBackOff wait) to it. A symptom is never a cause; a healthy container is
 * never diagnosed.
 */
import { LOST_BY_RUNTIME_REASONS, NODE_POD_REASONS, PROGRESS_WAITING_REASONS, STUCK_CREATING_REASONS } from '../knowledge/reasons.js';
import { probeKillOf, SYMPTOM_REASONS } from '../knowledge/events.js';
import type {
  ContainerContext,
  ContainerModel,
  ContainerStateFact,
  Diagnosis,
  EventFact,
  Finding,
  Incident,
  PodModel,
  Severity,
  SourceRef,
} from '../model/types.js';
import { SEVERITIES } from '../model/types.js';
import { showsCrash } from '../knowledge/log-signatures.js';

import { RULES } from './index.js';
import { calibrated } from './calibration.js';
import { shareAcrossReplicas } from './replicas.js';
import type { Rule } from './types.js';

/** A secondary cause must itself be at least this likely (a rule that stepped back, at 0.5, is not one). */
const SECONDARY_CONFIDENCE = 0.6;
/**
 * A diagnosis whose every evidence line the signal scan found in text no parser recognised
 * (`SourceRef.loose`) states this share of the rule's confidence: the line says the same, but
 * nothing around it confirms which container and which run it belongs to.
 */
const LOOSE_CONFIDENCE_FACTOR = 0.8;

/** `artifact:line` of every line the signal scan read (states, events, and the lines of its logs). */
function looseLines(incident: Incident): Set<string> {
  const out = new Set<string>();
  const add = (s: { artifact: string; line: number }) => out.add(`${s.artifact}:${s.line}`);
  for (const pod of incident.pods) {
    for (const e of [...pod.events, ...pod.containers.flatMap((c) => c.events)]) if (e.source.loose) add(e.source);
    for (const c of pod.containers) {
      for (const state of [c.state, c.lastState]) {
        if (!state?.source.loose) continue;
        for (const s of [state.source, state.reason?.source, state.exitCode?.source]) if (s) add(s);
      }
      for (const log of Object.values(c.logs)) {
        if (!log?.loose) continue;
        for (const l of [...log.matches, ...log.tail]) add({ artifact: log.artifact, line: l.line });
      }
    }
  }
  return out;
}

/** The container's most recent termination. */
export function lastTermination(c: ContainerModel): ContainerStateFact | undefined {
  if (c.state?.status === 'terminated') return c.state;
  if (c.lastState?.status === 'terminated') return c.lastState;
  return undefined;
}

/**
 * Whether a container has failed: it waits for a reason other than starting up, it ended with a
 * non-zero code (or, under restartPolicy Always, ended at all), or it restarted after a failure.
 */
export function isFailing(c: ContainerModel, pod: PodModel): boolean {
  const state = c.state;
  if (pod.reason && NODE_POD_REASONS.has(pod.reason.value) && state?.status !== 'running') return true;
  // Known only from fragments (events, a log, part of a describe): failing when they show trouble.
  if (!state && !c.lastState) return showsTrouble(c, pod);
  if (state?.status === 'waiting' && state.reason && !PROGRESS_WAITING_REASONS.has(state.reason.value)) return true;
  // Stuck creating because a volume cannot be mounted: only the kubelet's events say so.
  if (state?.status === 'waiting' && state.reason?.value === 'ContainerCreating' && pod.events.some((e) => STUCK_CREATING_REASONS.has(e.reason))) return true;
  if (pod.reason && NODE_POD_REASONS.has(pod.reason.value) && state?.status !== 'running') return true;
  if (state?.status === 'terminated') {
    const code = state.exitCode?.value;
    if (code !== undefined && code !== 0) return true;
    if (state.reason && !['Completed'].includes(state.reason.value) && code === undefined) return true;
    // A finished app container under restartPolicy Always will be restarted: that is a loop.
    if (!c.init && pod.restartPolicy === 'Always' && (c.restartCount?.value ?? 0) > 0) return true;
    return false;
  }
  // A last state exists only after a restart, even when the restart count was not captured.
  const restarts = c.restartCount?.value ?? (c.lastState ? 1 : 0);
  if (restarts > 0 && c.lastState?.status === 'terminated') {
    const code = c.lastState.exitCode?.value;
    const reason = c.lastState.reason?.value;
    // Running and ready again after the node or runtime restarted it, or after a clean exit:
    // the container is healthy; those restarts were not its own failure.
    const healthyNow = state?.status === 'running' && c.ready?.value !== false;
    if (healthyNow && ((reason !== undefined && LOST_BY_RUNTIME_REASONS.has(reason)) || code === 0)) return false;
    if (reason === 'OOMKilled') return true;
    if (code !== undefined && code !== 0) return true;
    if (code === 0 && !c.init && pod.restartPolicy === 'Always') return true;
  }
  return false;
}

/** Event reasons that report trouble even where old events carry no type. */
const TROUBLE_REASONS = /^(?:Failed\w*|Unhealthy|BackOff|Evicted|Killing|OOMKilling|NodeNotReady)$/;

/** Warning events, a restart, or a crash line in the log: enough to look for a cause. */
function showsTrouble(c: ContainerModel, pod: PodModel): boolean {
  if ((c.restartCount?.value ?? 0) > 0) return true;
  const events = [...c.events, ...(pod.synthetic || pod.containers.length === 1 ? pod.events : [])];
  // A failing readiness probe takes the pod out of its Services; it never restarts the container.
  const troubling = (e: EventFact) => !(e.reason === 'Unhealthy' && /^Readiness probe/.test(e.message));
  // The kubelet files a probe kill as a Normal event; it is a restart all the same.
  const probeKill = (e: EventFact) => e.reason === 'Killing' && probeKillOf(e.message) !== undefined;
  if (events.some((e) => probeKill(e) || (troubling(e) && (e.eventType === 'Warning' || SYMPTOM_REASONS.has(e.reason) || (e.eventType === undefined && TROUBLE_REASONS.test(e.reason)))))) return true;
  const log = c.logs.previous ?? c.logs.unknown ?? c.logs.current;
  return showsCrash(log?.matches ?? []) || log?.notCaptured !== undefined;
}

export function buildContext(pod: PodModel, container: ContainerModel, incident: Incident): ContainerContext {
  const ctx: ContainerContext = {
    pod,
    container,
    events: [...container.events, ...pod.events],
    incident,
  };
  const last = lastTermination(container);
  if (last) ctx.lastTermination = last;
  const running = container.state?.status === 'running';
  // The failed instance's log: the previous one when captured; the current one when the
  // container is not running (during a crash loop `kubectl logs` returns the last crash).
  const log = [container.logs.previous, container.logs.unknown, running ? undefined : container.logs.current, container.logs.termination].find(
    (l) => l !== undefined && (l.totalLines > 0 || l.notCaptured),
  );
  if (log) ctx.log = log;
  return ctx;
}

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

function symptomsOf(ctx: ContainerContext): SourceRef[] {
  const out: SourceRef[] = [];
  const waiting = ctx.container.state;
  if (waiting?.status === 'waiting' && waiting.reason && SYMPTOM_REASONS.has(waiting.reason.value)) out.push(waiting.reason.source);
  for (const e of ctx.container.events) if (SYMPTOM_REASONS.has(e.reason)) out.push(e.source);
  return out;
}

/**
 * Replaced pods of one owner tend to fail the same way (six controller-manager pods that could
 * not mount client-ca): keep one diagnosis and say how many pods it stands for.
 */
function collapseVanished(diagnoses: Diagnosis[]): Diagnosis[] {
  const seen = new Map<string, { d: Diagnosis; more: number }>();
  const out: Diagnosis[] = [];
  for (const d of diagnoses) {
    if (d.severity !== 'info' || !/is no longer in the bundle/.test(d.summary)) {
      out.push(d);
      continue;
    }
    const owner = d.pod.replace(/-[a-z0-9]{4,10}$/, '').replace(/-[a-z0-9]{6,10}$/, '');
    const key = `${d.namespace}|${owner}|${d.container}|${d.category}|${d.summary.replaceAll(d.pod, '')}`;
    const hit = seen.get(key);
    if (hit) {
      hit.more++;
      continue;
    }
    seen.set(key, { d, more: 0 });
    out.push(d);
  }
  for (const { d, more } of seen.values()) {
    if (more > 0) d.summary += ` ${more} more replaced pod${more > 1 ? 's' : ''} of ${d.pod.replace(/-[a-z0-9]{4,10}$/, '')} failed the same way.`;
  }
  return out;
}

export interface DiagnoseOptions {
  rules?: ReadonlyMap<string, Rule>;
}

/** Every failing container's diagnosis, most severe first. */
export function diagnose(incident: Incident, options: DiagnoseOptions = {}): Diagnosis[] {
  const rules = [...(options.rules ?? RULES).values()];
  const diagnoses: Diagnosis[] = [];
  const loose = looseLines(incident);
  for (const pod of incident.pods) {
    for (const container of pod.containers) {
      if (!isFailing(container, pod)) continue;
      const ctx = buildContext(pod, container, incident);
      const found: { rule: Rule; finding: Finding }[] = [];
      for (const rule of rules) {
        const finding = rule.check(ctx);
        if (finding) found.push({ rule, finding });
      }
      const causes = found.filter((f) => f.rule.category !== 'unknown');
      const ranked = (causes.length > 0 ? causes : found).sort(
        (a, b) => b.finding.confidence - a.finding.confidence || severityRank(a.finding.severity) - severityRank(b.finding.severity),
      );
      const primary = ranked[0];
      if (!primary) continue;
      const others = ranked.filter((r) => r !== primary && r.finding.category !== primary.finding.category);
      const second = others.find((r) => r.finding.confidence >= SECONDARY_CONFIDENCE);
      let finding: Finding = primary.finding;
      if (primary.rule.category === 'init-container' && second) {
        // An init container's own cause (a missing Secret, a wrong command) rides along as the secondary.
        finding = {
          ...finding,
          summary: `${finding.summary} Its own cause: ${second.finding.summary}`,
          evidence: [...finding.evidence, ...second.finding.evidence.filter((e) => !finding.evidence.some((f) => f.artifact === e.artifact && f.line === e.line))],
          remediation: [...second.finding.remediation, ...finding.remediation],
          secondary: second.finding.category,
        };
      }
      const recovered = container.state?.status === 'running' && container.ready?.value === true;
      let severity: Severity = recovered && severityRank(finding.severity) < severityRank('warning') ? 'warning' : finding.severity;
      if (pod.vanished) {
        // The pod is gone (replaced or deleted): worth knowing, not an outage by itself.
        severity = 'info';
        finding = { ...finding, summary: `${finding.summary} Pod ${pod.name} is no longer in the bundle (deleted or replaced); only its events remain.` };
      }
      if (finding.evidence.length > 0 && finding.evidence.every((e) => loose.has(`${e.artifact}:${e.line}`))) {
        finding = { ...finding, confidence: Math.round(finding.confidence * LOOSE_CONFIDENCE_FACTOR * 100) / 100 };
      }
      const secondary = finding.secondary ?? second?.finding.category ?? null;
      diagnoses.push({
        ...finding,
        severity,
        namespace: pod.namespace,
        pod: pod.name,
        container: container.name,
        init: container.init,
        ruleId: primary.rule.id,
        secondary,
        symptoms: symptomsOf(ctx),
        contributing: ranked.slice(1).map((r) => ({ ruleId: r.rule.id, category: r.finding.category, confidence: r.finding.confidence })),
      });
    }
  }
  // A cause the bundle proves comes before a container whose cause it does not show.
  const unexplained = (d: Diagnosis) => (d.category === 'unknown' ? 1 : 0);
  const stated = collapseVanished(shareAcrossReplicas(diagnoses, incident)).map((d) => ({ ...d, confidence: calibrated(d.confidence) }));
  return stated.sort(
    (a, b) =>
      unexplained(a) - unexplained(b) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      b.confidence - a.confidence ||
      `${a.namespace}/${a.pod}/${a.container}`.localeCompare(`${b.namespace}/${b.pod}/${b.container}`),
  );
}
