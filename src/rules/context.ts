/** Small readers over a `ContainerContext` that several rules share. */
import type { ContainerContext, LogMatch, SourceRef } from '../model/types.js';

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
