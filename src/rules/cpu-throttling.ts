import { probeKillOf } from '../knowledge/events.js';
import { millicores, uniqueEvidence, workloadName } from './context.js';
import type { Rule } from './types.js';

/** Probe failures that show slowness rather than refusal. */
const SLOW_PROBE = /timeout|deadline exceeded|Client\.Timeout|timed out/i;
/** Limits at or below this many millicores are tight for most runtimes' startup. */
const TIGHT_LIMIT = 500;

const rule: Rule = {
  id: 'cpu-throttling',
  category: 'cpu-throttling',
  check(ctx) {
    const limitRef = ctx.container.limits.cpu;
    const limit = millicores(limitRef?.value);
    if (!limitRef || limit === undefined || limit > TIGHT_LIMIT) return undefined;
    const slow = ctx.events.filter((e) => e.reason === 'Unhealthy' && SLOW_PROBE.test(e.message));
    const usage = millicores(ctx.container.usage?.cpu);
    const atLimit = usage !== undefined && usage >= 0.9 * limit;
    if (slow.length === 0 && !atLimit) return undefined;
    const killed = ctx.events.some((e) => e.reason === 'Killing' && probeKillOf(e.message) !== undefined) || (ctx.container.restartCount?.value ?? 0) > 0;
    if (!killed && !atLimit) return undefined;
    const confidence = atLimit && slow.length > 0 ? 0.95 : atLimit ? 0.7 : limit <= 250 ? 0.8 : 0.65;
    const suggestion = `${Math.min(2000, limit * 4)}m`;
    return {
      category: 'cpu-throttling',
      severity: 'error',
      confidence,
      summary: `Container ${ctx.container.name} is held to ${limitRef.value} of CPU${atLimit ? ` and uses ${ctx.container.usage!.cpu} of it` : ''}; its probes time out while it starts${killed ? ', so the kubelet keeps restarting it' : ''}.`,
      evidence: uniqueEvidence([limitRef.source, ctx.container.usage?.source, ...slow.slice(-2).map((e) => e.source)]),
      remediation: [
        `Raise resources.limits.cpu of container ${ctx.container.name} in ${workloadName(ctx)} from ${limitRef.value} to about ${suggestion} (or remove the limit and keep a request), then watch startup time.`,
        `Give startup room in the probes: a startupProbe, or a larger timeoutSeconds on the liveness probe.`,
      ],
    };
  },
};

export default rule;
