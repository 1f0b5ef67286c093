import { LOST_BY_RUNTIME_REASONS, NODE_EVENT_REASONS, NODE_POD_REASONS, NODE_PRESSURE_CONDITIONS } from '../knowledge/reasons.js';
import type { SourceRef } from '../model/types.js';
import { findKubeletText, lastMatch, logEvidence, logIsTheRecord, terminationEvidence, uniqueEvidence } from './context.js';
import type { Rule } from './types.js';

/** Runtime failures not caused by the spec (a missing command or permission has rules of its own). */
const RUNTIME_FAILURE =
  /failed to start shim: |OCI runtime (?:create|start|exec) failed(?!.*(?:executable file not found|no such file or directory|permission denied|exec format error))|failed to create shim task(?!.*(?:executable file not found|no such file or directory|permission denied|exec format error))|failed to reserve (?:container|sandbox) name|Failed to create pod sandbox|error reading from server: EOF|context deadline exceeded.*(?:runtime|containerd|cri-o)|cgroup/;

const rule: Rule = {
  id: 'node-issue',
  category: 'node-issue',
  check(ctx) {
    const { pod, container } = ctx;
    const evidence: (SourceRef | undefined)[] = [];
    let confidence = 0;
    let why = '';
    if (pod.reason && NODE_POD_REASONS.has(pod.reason.value)) {
      evidence.push(pod.reason.source, pod.message?.source);
      confidence = 0.95;
      why = `the node ${pod.reason.value === 'Evicted' ? 'evicted the pod' : `rejected or lost the pod (${pod.reason.value})`}${pod.message ? `: ${pod.message.value.slice(0, 160)}` : ''}`;
    }
    const last = ctx.lastTermination;
    const lostStatus = last?.reason && LOST_BY_RUNTIME_REASONS.has(last.reason.value);
    if (!confidence && lostStatus) {
      evidence.push(...terminationEvidence(ctx, true));
      confidence = last.reason!.value === 'Unknown' ? 0.78 : 0.85;
      why = `the runtime lost the container (${last.reason!.value}), which happens when the node or its container runtime restarts`;
    }
    const runtime = findKubeletText(ctx, RUNTIME_FAILURE);
    if (!confidence && runtime) {
      evidence.push(runtime.hit.source);
      confidence = 0.8;
      why = `the container runtime on the node failed: ${runtime.hit.text.slice(0, 160)}`;
    }
    const nodeEvents = ctx.events.filter((e) => NODE_EVENT_REASONS.has(e.reason));
    if (!confidence && nodeEvents.length > 0 && container.state?.status !== 'running') {
      evidence.push(...nodeEvents.slice(-2).map((e) => e.source));
      confidence = 0.75;
      const e = nodeEvents[nodeEvents.length - 1]!;
      why = `the node reported ${e.reason}${e.message ? ` (${e.message.replace(/\s+/g, ' ').trim().slice(0, 160)})` : ''}`;
    }
    const unschedulable = ctx.events.filter((e) => e.reason === 'FailedScheduling' && !/PersistentVolumeClaim/.test(e.message));
    if (!confidence && unschedulable.length > 0 && !container.state && !last) {
      const e = unschedulable[unschedulable.length - 1]!;
      evidence.push(e.source);
      confidence = 0.6;
      why = `no node could take the pod (${e.message.replace(/\s+/g, ' ').slice(0, 200)})`;
    }
    if (!confidence && container.state?.status === 'waiting' && container.state.reason?.value === 'CreateContainerError') {
      evidence.push(container.state.reason.source, container.state.message?.source);
      confidence = 0.6;
      why = 'the runtime could not create the container';
    }
    // The process ran into a limit the node sets (open files, inotify instances, processes, disk).
    const limit = lastMatch(ctx, 'node-limits');
    const code = last?.exitCode?.value;
    if (!confidence && limit && (logIsTheRecord(ctx) || (code !== undefined && code !== 0 && code !== 137 && code !== 143))) {
      evidence.push(...terminationEvidence(ctx), logEvidence(ctx, limit));
      confidence = logIsTheRecord(ctx) ? 0.62 : 0.72;
      why = `the process hit a limit set on the node: ${(limit.message ?? limit.text).trim().slice(0, 160)}`;
    }
    // The node's own state, when the bundle has it, strengthens or starts the case.
    const node = ctx.incident.nodes.find((n) => n.name === pod.node);
    const bad = node?.conditions.filter((c) => (NODE_PRESSURE_CONDITIONS.has(c.type) && c.status === 'True') || (c.type === 'Ready' && c.status !== 'True')) ?? [];
    if (bad.length > 0) {
      evidence.push(...bad.map((c) => c.source));
      if (confidence) confidence = Math.min(0.97, confidence + 0.05);
      else if (last || container.state?.status === 'waiting') {
        confidence = 0.55;
        why = `node ${node!.name} reports ${bad.map((c) => `${c.type}=${c.status}`).join(', ')}`;
      }
    }
    if (!confidence) return undefined;
    return {
      category: 'node-issue',
      severity: 'critical',
      confidence,
      summary: `Container ${container.name} failed because of its node${pod.node ? ` ${pod.node}` : ''}: ${why}.`,
      evidence: uniqueEvidence(evidence),
      remediation: [
        ...(limit && confidence && why.startsWith('the process hit') ? [limitAdvice(limit.text)] : []),
        `Look at the node: \`kubectl describe node ${pod.node ?? '<node>'}\` (conditions, events, allocated resources) and its kubelet/runtime logs.`,
        `Free or add the resource under pressure (disk, memory), or drain and replace the node; then delete pod ${pod.name} so it is scheduled again.`,
        `Give the pod requests that match its real use, so the scheduler does not overcommit the node.`,
      ],
    };
  },
};

/** What to raise or free for the limit a log line names. */
function limitAdvice(line: string): string {
  if (/inotify|max_user_/i.test(line) || /watcher/i.test(line)) {
    return 'Raise the inotify limits on the node (sysctl fs.inotify.max_user_instances and fs.inotify.max_user_watches): every process watching files shares them.';
  }
  if (/open files|EMFILE|ENFILE/.test(line)) {
    return "Raise the open-file limit: the container runtime's LimitNOFILE on the node (and fs.inotify.max_user_instances if the process watches files), or find the descriptor leak.";
  }
  if (/space left|ENOSPC/.test(line)) {
    return 'Free disk where the process writes: the node (root file system, images, emptyDir) or the volume mounted there; set ephemeral-storage requests so the scheduler sees the use.';
  }
  return 'Raise the process limit of the node (kernel.pid_max, the kubelet podPidsLimit) or find what forks without end.';
}

export default rule;
