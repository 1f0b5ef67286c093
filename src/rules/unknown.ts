import { previousLogsCommand } from './context.js';
import type { Rule } from './types.js';

/**
 * The fallback: the container is failing but no rule could prove why. It names exactly what to
 * capture next, with the pod's real names. The engine uses it only when nothing else fired.
 */
const rule: Rule = {
  id: 'unknown',
  category: 'unknown',
  check(ctx) {
    const { pod, container } = ctx;
    const ns = pod.namespace;
    const what: string[] = [];
    if (!ctx.lastTermination) what.push('no termination record');
    if (!ctx.log) what.push('no log of the failed instance');
    else if (ctx.log.notCaptured) what.push(`the log was not captured (${ctx.log.notCaptured})`);
    if (ctx.events.length === 0) what.push('no events');
    // Quote what little there is: the state, or else the latest event or log line. A container
    // pieced together from fragments has no line of its own to cite.
    const lastEvent = ctx.events[ctx.events.length - 1]?.source;
    const lastLog = ctx.log?.tail[ctx.log.tail.length - 1];
    const candidates = [ctx.lastTermination?.source, container.state?.source, lastEvent, lastLog && ctx.log ? { artifact: ctx.log.artifact, line: lastLog.line, text: lastLog.text } : undefined, container.source];
    const first = candidates.find((c) => c !== undefined && c.line >= 1 && c.artifact !== '');
    const evidence = first ? [first] : [];
    // What the kubelet's events do show: restarts without a kill of its own mean the process
    // ends by itself (an exit code or its log will say whether cleanly or with an error).
    const count = (reason: string) => ctx.events.filter((e) => e.reason === reason).reduce((n, e) => n + (e.count || 1), 0);
    const starts = count('Started');
    const backoffs = count('BackOff');
    const killed = ctx.events.some((e) => /^(?:Killing|Unhealthy|OOMKilling|Evicted|Preempting)$/.test(e.reason));
    const shown = starts > 1 && backoffs > 0 && !killed ? ` The events show ${starts} starts and back-off with no kill by the kubelet: the process ends by itself, cleanly (exit 0: not a long-running command) or with an error; its exit code and last log lines tell which.` : '';
    return {
      category: 'unknown',
      severity: 'warning',
      confidence: 0.1,
      summary: `Container ${container.name} is failing, but the bundle does not show why${what.length ? ` (${what.join(', ')})` : ''}.${shown}`,
      evidence,
      remediation: [
        previousLogsCommand(ctx),
        `kubectl describe pod ${pod.name} -n ${ns}`,
        `kubectl get events -n ${ns} --field-selector involvedObject.name=${pod.name}`,
        `kubectl get pod ${pod.name} -n ${ns} -o yaml`,
      ],
    };
  },
};

export default rule;
