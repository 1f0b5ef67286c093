/** Readers over a `ContainerContext` that several rules share. */
import type { ContainerContext, EventFact, LogMatch, ProbeFact, SourceRef } from '../model/types.js';
import { describeExitCode } from '../knowledge/exit-codes.js';

/** `Deployment api` / `StatefulSet db` / `pod api-7d9f6b5c4-xk2p9`: what to edit to fix it. */
export function workloadName(ctx: ContainerContext): string {
  const { pod } = ctx;
  const owner = pod.topOwner ?? pod.owner?.value;
  if (owner && owner.kind !== 'Node') return `${owner.kind} ${owner.name}`;
  return `pod ${pod.name}`;
}

/** The log lines matching any of these signature ids, in log order. */
export function logMatches(ctx: ContainerContext, ...ids: string[]): LogMatch[] {
  return ctx.log?.matches.filter((m) => ids.includes(m.signature)) ?? [];
}

/** A log line as evidence. */
export function logEvidence(ctx: ContainerContext, line: { line: number; text: string }): SourceRef {
  return { artifact: ctx.log?.artifact ?? '', line: line.line, text: line.text };
}

/** The last matching line of a signature group: the final error of the last crash. */
export function lastMatch(ctx: ContainerContext, ...ids: string[]): LogMatch | undefined {
  const all = logMatches(ctx, ...ids);
  return all[all.length - 1];
}

/** A text the kubelet or runtime wrote about the container, with the line it stands on. */
export interface SourcedText {
  text: string;
  source: SourceRef;
  /** Where it came from: a waiting or terminated state message, or an event's reason. */
  from: string;
}

/**
 * Every message the kubelet and runtime left about this container: its waiting and termination
 * messages and its own and its pod's event messages. Rules search these for known shapes.
 */
export function kubeletTexts(ctx: ContainerContext): SourcedText[] {
  const out: SourcedText[] = [];
  const { container } = ctx;
  for (const state of [container.state, container.lastState]) {
    if (state?.message) out.push({ text: state.message.value, source: state.message.source, from: `${state.status} message` });
  }
  for (const e of ctx.events) out.push({ text: e.message, source: e.source, from: e.reason });
  return out;
}

/** The first kubelet text matching `re`, with its match. */
export function findKubeletText(ctx: ContainerContext, re: RegExp): { hit: SourcedText; match: RegExpExecArray } | undefined {
  for (const hit of kubeletTexts(ctx)) {
    const match = re.exec(hit.text);
    if (match) return { hit, match };
  }
  return undefined;
}

/** Events of this container or its pod with one of these reasons. */
export function eventsWithReason(ctx: ContainerContext, ...reasons: string[]): EventFact[] {
  return ctx.events.filter((e) => reasons.includes(e.reason));
}

/** The termination lines worth quoting: reason, exit code, and the message when there is one. */
export function terminationEvidence(ctx: ContainerContext, withMessage = false): SourceRef[] {
  const last = ctx.lastTermination;
  if (!last) return [];
  const out: SourceRef[] = [];
  if (last.reason) out.push(last.reason.source);
  if (last.exitCode && !sameLine(out, last.exitCode.source)) out.push(last.exitCode.source);
  if (withMessage && last.message && !sameLine(out, last.message.source)) out.push(last.message.source);
  if (out.length === 0) out.push(last.source);
  return out;
}

/**
 * True when the bundle holds no termination of the failed instance (a log pasted alone, or next
 * to a pod listing or a describe cut short): then the log is the only account of the crash, and
 * a rule may read its lines as the failure, with less confidence than when an exit confirms them.
 */
export function logIsTheRecord(ctx: ContainerContext): boolean {
  return !ctx.lastTermination && ctx.container.state?.status !== 'running';
}

/** `exit 137: killed with SIGKILL ...` or undefined. */
export function exitText(ctx: ContainerContext): string | undefined {
  const code = ctx.lastTermination?.exitCode?.value;
  return code === undefined ? undefined : describeExitCode(code);
}

function sameLine(list: SourceRef[], ref: SourceRef): boolean {
  return list.some((r) => r.artifact === ref.artifact && r.line === ref.line);
}

/** Evidence without duplicates (the same line quoted twice reads badly in a ticket). */
export function uniqueEvidence(refs: (SourceRef | undefined)[]): SourceRef[] {
  const out: SourceRef[] = [];
  for (const r of refs) if (r && !sameLine(out, r)) out.push(r);
  return out;
}

/** The probe of a type, if the container has one. */
export function probeOf(ctx: ContainerContext, type: ProbeFact['type']): ProbeFact | undefined {
  return ctx.container.probes.find((p) => p.type === type);
}

/** `http-get http://:8080/health, delay 0s, timeout 1s, every 10s, 3 failures` */
export function describeProbe(p: ProbeFact): string {
  const parts = [p.action];
  if (p.delaySeconds !== undefined) parts.push(`initialDelaySeconds ${p.delaySeconds}`);
  if (p.timeoutSeconds !== undefined) parts.push(`timeoutSeconds ${p.timeoutSeconds}`);
  if (p.periodSeconds !== undefined) parts.push(`periodSeconds ${p.periodSeconds}`);
  if (p.failureThreshold !== undefined) parts.push(`failureThreshold ${p.failureThreshold}`);
  return parts.join(', ');
}

/**
 * The `kubectl logs --previous` command for this container, with its real names. A namespace or
 * container the bundle does not name is left out (kubectl then uses the current namespace and
 * the pod's default container); a pod it does not name stays a placeholder to fill in.
 */
export function previousLogsCommand(ctx: ContainerContext): string {
  const ns = ctx.pod.namespace.startsWith('<') ? '' : ` -n ${ctx.pod.namespace}`;
  const container = ctx.container.name.startsWith('<') ? '' : ` -c ${ctx.container.name}`;
  return `kubectl logs ${ctx.pod.name}${ns}${container} --previous`;
}

/** Parses a CPU quantity (`250m`, `0.5`, `2`) to millicores. */
export function millicores(q: string | undefined): number | undefined {
  if (!q) return undefined;
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(q.trim());
  if (!m) return undefined;
  return m[2] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
}
