/**
 * Shared by liveness-probe and startup-probe: the kubelet's `Unhealthy` events
 * (`Liveness probe failed: ...`) and its `Killing` event (`Container api failed liveness probe,
 * will be restarted`; before 1.14 `Killing container with id docker://api:Container failed
 * liveness probe..`).
 */
import { probeKillOf } from '../knowledge/events.js';
import type { ContainerContext, Finding } from '../model/types.js';
import { describeProbe, probeOf, terminationEvidence, uniqueEvidence, workloadName } from './context.js';

const WORD = { liveness: 'Liveness', startup: 'Startup' } as const;

export function probeKill(ctx: ContainerContext, type: 'liveness' | 'startup'): Finding | undefined {
  const word = WORD[type];
  const probeFailure = new RegExp(`^(?:spec\\.\\w+\\{[^}]+\\}: )?${word} probe (?:failed|errored)`);
  const kills = ctx.events.filter((e) => e.reason === 'Killing' && probeKillOf(e.message) === type);
  const ownKills = kills.filter((e) => !/^(?:Init )?[Cc]ontainer (\S+)/.test(e.message) || e.message.includes(` ${ctx.container.name} `));
  // Unhealthy messages do not name the container: without a field path they belong to the pod,
  // and count for this container when it was the one killed, or the only one with such a probe.
  const withProbe = ctx.pod.containers.filter((c) => c.probes.some((p) => p.type === type));
  const podLevelIsOurs = ownKills.length > 0 || (withProbe.length === 1 && withProbe[0] === ctx.container);
  const failed = [...ctx.container.events, ...(podLevelIsOurs ? ctx.pod.events : [])].filter((e) => e.reason === 'Unhealthy' && probeFailure.test(e.message));
  if (failed.length === 0 && ownKills.length === 0) return undefined;
  // Restarts show in the count, a termination record, or the back-off that follows them: repeated
  // probe failures with a crash loop are the kills even when no Killing event was captured.
  const backOff =
    ctx.container.state?.reason?.value === 'CrashLoopBackOff' ||
    [...ctx.container.events, ...ctx.pod.events].some((e) => e.reason === 'BackOff' && /restarting failed/.test(e.message));
  const restarted = (ctx.container.restartCount?.value ?? 0) > 0 || ctx.lastTermination !== undefined || backOff;
  // Known only from its events (no state captured), repeated probe failures still tell.
  const stateUnknown = !ctx.container.state && !ctx.container.lastState;
  if (ownKills.length === 0 && !restarted && !stateUnknown) return undefined;

  const probe = probeOf(ctx, type);
  const timeouts = failed.some((e) => /timeout|deadline exceeded|Client\.Timeout/i.test(e.message));
  const refused = failed.some((e) => /connection refused/i.test(e.message));
  const lastFail = failed[failed.length - 1];
  const confidence = ownKills.length > 0 ? 0.93 : restarted ? 0.72 : 0.62;
  const remediation: string[] = [];
  if (probe) {
    const budget = (probe.delaySeconds ?? 0) + (probe.failureThreshold ?? 3) * (probe.periodSeconds ?? 10);
    remediation.push(
      `The ${type} probe (${describeProbe(probe)}) gives container ${ctx.container.name} about ${budget} s before a kill; ${
        refused ? 'the endpoint refused connections, so the process was not listening yet (or on another port)' : timeouts ? 'the probe timed out, so the endpoint answered too slowly' : 'the endpoint reported failure'
      }.`,
    );
    remediation.push(
      type === 'liveness'
        ? `If the application is only slow to start, add a startupProbe (or raise initialDelaySeconds) in ${workloadName(ctx)}; if it answers slowly under load, raise timeoutSeconds${probe.timeoutSeconds !== undefined ? ` (now ${probe.timeoutSeconds}s)` : ''} and failureThreshold.`
        : `Raise failureThreshold × periodSeconds of the startup probe in ${workloadName(ctx)} above the real startup time, or make startup faster.`,
    );
  } else {
    remediation.push(`Check the ${type} probe of container ${ctx.container.name} in ${workloadName(ctx)} against how long the application takes to answer.`);
  }
  remediation.push(`Confirm by hand: \`kubectl exec ${ctx.pod.name} -n ${ctx.pod.namespace} -c ${ctx.container.name} -- <probe command>\` while it starts.`);
  return {
    category: type === 'liveness' ? 'liveness-probe' : 'startup-probe',
    severity: 'critical',
    confidence,
    summary: `The kubelet restarted container ${ctx.container.name} because its ${type} probe kept failing${lastFail ? ` (${lastFail.message.replace(/^spec\.\w+\{[^}]+\}: /, '').slice(0, 160)})` : ''}.`,
    evidence: uniqueEvidence([...ownKills.slice(-1).map((e) => e.source), ...failed.slice(-2).map((e) => e.source), probe?.source, ...terminationEvidence(ctx)]),
    remediation,
  };
}
