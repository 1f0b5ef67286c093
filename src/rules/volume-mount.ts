import { MOUNT_EVENT_REASONS } from '../knowledge/reasons.js';
import { uniqueEvidence, workloadName } from './context.js';
import type { Rule } from './types.js';

/** The kubelet could not prepare a volumeMount's subPath (CreateContainerConfigError). */
const SUBPATH = /failed to (?:prepare|create) subPath|subPath .*(?:no such file|not a directory)|error resolving symlinks in "[^"]*\/volumes\//;

const rule: Rule = {
  id: 'volume-mount',
  category: 'volume-mount',
  check(ctx) {
    const failures = ctx.events.filter(
      (e) => MOUNT_EVENT_REASONS.has(e.reason) || SUBPATH.test(e.message) || (e.reason === 'FailedScheduling' && /unbound (?:immediate )?PersistentVolumeClaims/.test(e.message)),
    );
    const stateSubPath = ctx.container.state?.status === 'waiting' && SUBPATH.test(ctx.container.state.message?.value ?? '') ? ctx.container.state.message : undefined;
    if (stateSubPath) failures.push({ type: 'event', subject: {}, reason: 'Failed', message: stateSubPath.value, count: 1, source: stateSubPath.source });
    if (failures.length === 0) return undefined;
    // Only a container that is still waiting to start is held up by its volumes.
    if (ctx.container.state?.status === 'running' || ctx.container.state?.status === 'terminated') return undefined;
    const volume = failures
      .map((e) => /for volume "([^"]+)"/.exec(e.message)?.[1] ?? /unmounted volumes=\[([^\]\s]+)/.exec(e.message)?.[1] ?? /for volumeMount "([^"]+)"/.exec(e.message)?.[1])
      .find(Boolean);
    if (volume && ctx.container.mounts.length > 0 && !ctx.container.mounts.some((m) => m.volume === volume) && !failures.some((e) => e.reason === 'FailedAttachVolume')) return undefined;
    const last = failures[failures.length - 1]!;
    const multiAttach = failures.some((e) => /Multi-Attach/.test(e.message));
    const claim = ctx.pod.volumes.find((v) => v.name === volume)?.refs.find((r) => r.kind === 'pvc')?.name;
    return {
      category: 'volume-mount',
      severity: 'critical',
      confidence: 0.88,
      summary: `Container ${ctx.container.name} cannot start: ${volume ? `volume ${volume}` : 'a volume'} of pod ${ctx.pod.name} could not be ${last.reason === 'FailedAttachVolume' ? 'attached' : 'mounted'} (${last.message.slice(0, 180)}).`,
      evidence: uniqueEvidence([...failures.slice(-2).map((e) => e.source), ctx.container.state?.reason?.source]),
      remediation: [
        multiAttach
          ? `The disk is still attached to another node: make sure only one pod uses the ReadWriteOnce claim${claim ? ` ${claim}` : ''} (scale ${workloadName(ctx)} to one replica, or wait for the old pod to go).`
          : claim
            ? `Check claim ${claim}: \`kubectl describe pvc ${claim} -n ${ctx.pod.namespace}\` (bound? storage class? provisioner events?).`
            : `Create or fix what volume ${volume ?? ''} refers to, per the event message, in ${workloadName(ctx)}.`,
        `Then watch the pod leave ContainerCreating: \`kubectl get pod ${ctx.pod.name} -n ${ctx.pod.namespace} -w\`.`,
      ],
    };
  },
};

export default rule;
