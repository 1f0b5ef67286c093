import { describeExitCode } from '../knowledge/exit-codes.js';
import type { SourceRef } from '../model/types.js';
import { logEvidence, logMatches, workloadName } from './context.js';
import type { Rule } from './types.js';

/** Events that name another sender of a SIGKILL: the kubelet after a probe, eviction, preemption, a stop. */
const OTHER_KILLERS = /^(?:Killing|Unhealthy|Evicted|Preempting|Preempted|NodeNotReady|NodeShutdown)\b|failed (?:liveness|startup) probe|Liveness probe failed|Startup probe failed/;

/** Suggests a new limit: double the old one, in the same unit. */
export function suggestLimit(limit: string | undefined): string | undefined {
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(limit ?? '');
  if (!m) return undefined;
  const n = Number(m[1]) * 2;
  return `${Number.isInteger(n) ? n : n.toFixed(1)}${m[2]}`;
}

const rule: Rule = {
  id: 'oom-killed',
  category: 'oom-killed',
  check(ctx) {
    const last = ctx.lastTermination;
    // The kernel's own OOM-killer line (dmesg, a node journal) pasted with no termination record.
    const kernelLines = logMatches(ctx, 'kernel-oom-kill');
    const kernel = kernelLines.filter((m) => /Kill(?:ed)? process/.test(m.text)).pop() ?? kernelLines[kernelLines.length - 1];
    if (kernel && (!last || last.reason?.value === undefined)) {
      return {
        category: 'oom-killed',
        severity: 'critical',
        confidence: 0.8,
        summary: `The kernel's OOM killer killed a process of container ${ctx.container.name}: ${(kernel.message ?? kernel.text).trim().slice(0, 160)}`,
        evidence: [logEvidence(ctx, kernel)],
        remediation: [
          `Raise resources.limits.memory of container ${ctx.container.name} in ${workloadName(ctx)} above its real peak, or find what drives its memory use; \`Memory cgroup out of memory\` is the container's own limit, a plain \`Out of memory\` the node's memory.`,
          `Compare the peak with \`kubectl top pod ${ctx.pod.name} -n ${ctx.pod.namespace} --containers\` under load before picking the new value.`,
        ],
      };
    }
    if (!last) return undefined;
    // SIGKILL (137) without OOMKilled: the runtime does not always say so (an OOM-killed child
    // process, old Docker and cgroup v1 runtimes report `Error`). When nothing else in the
    // bundle sent the kill (no probe kill, eviction, preemption or deletion), the kernel's OOM
    // killer is the likely sender.
    // A container whose spec is in the bundle and sets no memory limit has no cgroup limit of
    // its own to hit: then the kill more likely came from the kubelet (its events expire).
    const c = ctx.container;
    const specKnown = Object.keys(c.limits).length + Object.keys(c.requests).length + c.mounts.length + c.probes.length + c.env.length > 0;
    const unnamedKill =
      last.reason?.value !== 'OOMKilled' &&
      last.exitCode?.value === 137 &&
      (c.limits.memory !== undefined || !specKnown) &&
      !ctx.events.some((e) => OTHER_KILLERS.test(`${e.reason} ${e.message}`));
    if (last.reason?.value !== 'OOMKilled' && !unnamedKill) return undefined;
    const { container } = ctx;
    const limit = container.limits.memory?.value;
    const evidence: SourceRef[] = last.reason ? [last.reason.source] : [];
    if (last.exitCode && !evidence.some((e) => e.line === last.exitCode!.source.line && e.artifact === last.exitCode!.source.artifact)) evidence.push(last.exitCode.source);
    if (container.limits.memory) evidence.push(container.limits.memory.source);
    const kills = ctx.events.filter((e) => e.reason === 'OOMKilling' || e.reason === 'SystemOOM');
    evidence.push(...kills.map((e) => e.source));
    const code = last.exitCode?.value;
    const suggestion = suggestLimit(limit);
    const where = workloadName(ctx);
    const remediation = [
      limit
        ? `Raise resources.limits.memory of container ${container.name} in ${where} from ${limit}${suggestion ? ` to about ${suggestion}` : ''}, or find what drives its peak use.`
        : `Set an explicit resources.limits.memory for container ${container.name} in ${where} above its real peak; without one, the node's memory bounds it.`,
      `Compare the peak with \`kubectl top pod ${ctx.pod.name} -n ${ctx.pod.namespace} --containers\` under load before picking the new value.`,
    ];
    return {
      category: 'oom-killed',
      severity: 'critical',
      confidence: unnamedKill ? (ctx.events.length > 0 ? 0.62 : 0.5) : code === 137 ? 0.97 : 0.9,
      summary: unnamedKill
        ? `Container ${container.name} was killed with SIGKILL (exit 137, reported as ${last.reason?.value ?? 'no reason'}) and nothing in the bundle sent that kill: most likely the kernel's OOM killer${limit ? ` at its ${limit} memory limit` : ''}.`
        : `Container ${container.name} was OOM-killed${limit ? ` at its ${limit} memory limit` : ''}${code !== undefined ? ` (${describeExitCode(code)})` : ''}.`,
      evidence,
      remediation,
    };
  },
};

export default rule;
