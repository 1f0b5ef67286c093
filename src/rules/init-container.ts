import { previousLogsCommand, terminationEvidence, uniqueEvidence } from './context.js';
import type { Rule } from './types.js';

/**
 * An init container (not a sidecar) that fails holds the whole pod back. This rule names that;
 * the engine adds what the other rules found about the init container as the secondary cause.
 */
const rule: Rule = {
  id: 'init-container',
  category: 'init-container',
  check(ctx) {
    const { container, pod } = ctx;
    if (!container.init || container.sidecar) return undefined;
    const waiting = container.state?.status === 'waiting' ? container.state.reason : undefined;
    const blocked = pod.containers.filter((c) => !c.init).map((c) => c.name);
    return {
      category: 'init-container',
      severity: 'critical',
      confidence: 0.99,
      summary: `Init container ${container.name} keeps failing, so ${blocked.length ? `app container${blocked.length > 1 ? 's' : ''} ${blocked.join(', ')}` : 'the app'} of pod ${pod.name} never start${blocked.length > 1 ? '' : 's'}.`,
      evidence: uniqueEvidence([
        waiting?.source,
        ...terminationEvidence(ctx, true),
        container.restartCount?.source,
        // Known from the kubelet's events only: quote its last warning.
        ...(waiting || ctx.lastTermination ? [] : [[...container.events].reverse().find((e) => e.eventType === 'Warning')?.source]),
      ]),
      remediation: [`Read why it fails: \`${previousLogsCommand(ctx)}\`, and fix that first; the app containers start once every init container exits 0.`],
    };
  },
};

export default rule;
