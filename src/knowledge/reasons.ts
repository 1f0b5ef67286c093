/**
 * Container waiting and termination reasons and kubelet event reasons: what each means and the
 * category it points to (`symptom` when it is a consequence, never a cause). Read by the rules
 * and by `podmortem explain`.
 */
import type { CategoryId } from '../model/types.js';

export interface ReasonInfo {
  reason: string;
  /** Where the reason appears. */
  kind: 'waiting' | 'terminated' | 'event' | 'pod';
  meaning: string;
  /** The category it points to, or `symptom`. */
  points: CategoryId | 'symptom' | 'depends';
  /** For `depends`: which message shapes lead where. */
  detail?: string;
}

const rows: ReasonInfo[] = [
  // Waiting reasons.
  { reason: 'CrashLoopBackOff', kind: 'waiting', meaning: 'the container keeps exiting and the kubelet waits (10 s doubling to 5 min) before the next start', points: 'symptom' },
  { reason: 'CreateContainerConfigError', kind: 'waiting', meaning: 'the kubelet cannot build the container config: a referenced Secret/ConfigMap or key is missing, or runAsNonRoot cannot be satisfied', points: 'depends', detail: 'secret "x" not found / couldn\'t find key k in Secret: missing-secret; configmap "x" not found: missing-configmap; runAsNonRoot and image will run as root: permission-denied. kubectl describe does not print the message: read the Failed event (Error: ...) or the pod YAML.' },
  { reason: 'CreateContainerError', kind: 'waiting', meaning: 'the runtime failed to create the container (name conflict, mount or device problem)', points: 'node-issue' },
  { reason: 'RunContainerError', kind: 'waiting', meaning: 'the runtime created the container but could not start its process (missing executable, permission, runtime error)', points: 'depends', detail: 'executable file not found in $PATH / no such file or directory: wrong-command; permission denied: permission-denied; exec format error: exec-format; other OCI runtime errors: node-issue.' },
  { reason: 'ErrImagePull', kind: 'waiting', meaning: 'the last image pull failed', points: 'image-pull' },
  { reason: 'ImagePullBackOff', kind: 'waiting', meaning: 'image pulls keep failing and the kubelet waits before the next try', points: 'image-pull' },
  { reason: 'InvalidImageName', kind: 'waiting', meaning: 'the image reference cannot be parsed', points: 'image-pull' },
  { reason: 'RunInitContainerError', kind: 'waiting', meaning: 'an init container exited non-zero (old kubelets; newer ones show Init:Error / Init:CrashLoopBackOff)', points: 'init-container' },
  { reason: 'ErrImageNeverPull', kind: 'waiting', meaning: 'imagePullPolicy Never and the image is not on the node', points: 'image-pull' },
  { reason: 'ImageInspectError', kind: 'waiting', meaning: 'the runtime could not inspect the pulled image', points: 'image-pull' },
  { reason: 'RegistryUnavailable', kind: 'waiting', meaning: 'the registry could not be reached', points: 'image-pull' },
  { reason: 'ContainerCreating', kind: 'waiting', meaning: 'the container is being created; if it stays, look at FailedMount and sandbox events', points: 'depends' },
  { reason: 'PodInitializing', kind: 'waiting', meaning: 'init containers have not finished yet', points: 'depends' },
  { reason: 'PostStartHookError', kind: 'waiting', meaning: 'the postStart hook failed, so the container was killed', points: 'app-crash' },
  { reason: 'CreatePodSandboxError', kind: 'waiting', meaning: 'the pod sandbox (network namespace) could not be created', points: 'node-issue' },
  // Termination reasons.
  { reason: 'OOMKilled', kind: 'terminated', meaning: 'the kernel killed the container for exceeding its memory limit', points: 'oom-killed' },
  { reason: 'Error', kind: 'terminated', meaning: 'the process exited with a non-zero code; the code and the log say why', points: 'depends', detail: 'read the exit code (podmortem explain <code>) and the last lines of the previous log.' },
  { reason: 'Completed', kind: 'terminated', meaning: 'the process exited with code 0', points: 'exits-immediately' },
  { reason: 'StartError', kind: 'terminated', meaning: 'containerd could not start the process (exit 128); the message says why', points: 'depends', detail: 'executable file not found in $PATH: wrong-command; permission denied: permission-denied; other runtime errors: node-issue.' },
  { reason: 'ContainerCannotRun', kind: 'terminated', meaning: 'dockershim could not run the process (exit 127 not found, 126 not executable)', points: 'depends' },
  { reason: 'Unknown', kind: 'terminated', meaning: 'the runtime lost the container status, usually across a node or runtime restart (exit 255)', points: 'node-issue' },
  { reason: 'ContainerStatusUnknown', kind: 'terminated', meaning: 'the container vanished when the pod was terminated or the node was lost (exit 137)', points: 'node-issue' },
  // Pod reasons.
  { reason: 'Evicted', kind: 'pod', meaning: 'the kubelet evicted the pod to reclaim a node resource (memory, disk, PIDs)', points: 'node-issue' },
  { reason: 'NodeLost', kind: 'pod', meaning: 'the node stopped reporting', points: 'node-issue' },
  { reason: 'OutOfcpu', kind: 'pod', meaning: 'the node refused the pod at admission: not enough CPU', points: 'node-issue' },
  { reason: 'OutOfmemory', kind: 'pod', meaning: 'the node refused the pod at admission: not enough memory', points: 'node-issue' },
  { reason: 'DeadlineExceeded', kind: 'pod', meaning: 'activeDeadlineSeconds passed', points: 'depends' },
  { reason: 'UnexpectedAdmissionError', kind: 'pod', meaning: 'the kubelet refused the pod at admission (device plugin, topology)', points: 'node-issue' },
  { reason: 'OutOfpods', kind: 'pod', meaning: 'the node refused the pod at admission: its pod limit is reached', points: 'node-issue' },
  { reason: 'NodeAffinity', kind: 'pod', meaning: 'the node refused the pod at admission: its labels no longer match the pod\'s node affinity', points: 'node-issue' },
  { reason: 'Terminated', kind: 'pod', meaning: 'the node shut down gracefully and ended the pod', points: 'node-issue' },
  { reason: 'Shutdown', kind: 'pod', meaning: 'the node shut down and ended the pod', points: 'node-issue' },
  // Events.
  { reason: 'BackOff', kind: 'event', meaning: 'the kubelet is waiting before restarting a failed container (or before pulling an image again)', points: 'symptom' },
  { reason: 'Failed', kind: 'event', meaning: 'creating or starting the container failed; the message (Error: ...) says why', points: 'depends', detail: 'Error: secret/configmap "x" not found: missing-secret/missing-configmap; Failed to pull image / ErrImagePull: image-pull; OCI runtime errors: see RunContainerError.' },
  { reason: 'Unhealthy', kind: 'event', meaning: 'a liveness, readiness or startup probe failed', points: 'depends', detail: 'with a Killing event (failed liveness probe): liveness-probe; failed startup probe: startup-probe; readiness failures restart nothing.' },
  { reason: 'Killing', kind: 'event', meaning: 'the kubelet stopped the container (failed liveness/startup probe, deletion, eviction)', points: 'depends', detail: 'failed liveness probe: liveness-probe; failed startup probe: startup-probe; Stopping container: a deletion, eviction or rollout.' },
  { reason: 'FailedMount', kind: 'event', meaning: 'a volume could not be mounted', points: 'volume-mount' },
  { reason: 'FailedAttachVolume', kind: 'event', meaning: 'a volume could not be attached to the node', points: 'volume-mount' },
  { reason: 'FailedMapVolume', kind: 'event', meaning: 'a block volume could not be mapped into the pod', points: 'volume-mount' },
  { reason: 'FailedScheduling', kind: 'event', meaning: 'the scheduler found no node for the pod', points: 'depends' },
  { reason: 'FailedCreatePodSandBox', kind: 'event', meaning: 'the pod sandbox could not be created (CNI, runtime)', points: 'node-issue' },
  { reason: 'SandboxChanged', kind: 'event', meaning: 'the pod sandbox died and is recreated', points: 'node-issue' },
  {
    reason: 'FailedSync',
    kind: 'event',
    meaning: 'old kubelets (before 1.6 or so) filed every failed pod sync under this reason; the message names the real trouble (`failed to "StartContainer" for "web" with CrashLoopBackOff`)',
    points: 'depends',
    detail: 'read the reason after "with": CrashLoopBackOff is a symptom; CreateContainerConfigError, RunInitContainerError, ErrImagePull and the rest point where those reasons do.',
  },
  { reason: 'OOMKilling', kind: 'event', meaning: 'the node saw a kernel OOM kill', points: 'oom-killed' },
  { reason: 'SystemOOM', kind: 'event', meaning: 'the node ran out of memory and the kernel killed a process', points: 'oom-killed' },
  { reason: 'EvictionThresholdMet', kind: 'event', meaning: 'the node reached an eviction threshold and is reclaiming a resource', points: 'node-issue' },
  { reason: 'NodeNotReady', kind: 'event', meaning: 'the node stopped being Ready', points: 'node-issue' },
  { reason: 'Preempting', kind: 'event', meaning: 'the kubelet stopped the pod to make room for a pod of higher priority', points: 'node-issue' },
  { reason: 'NodeShutdown', kind: 'event', meaning: 'the node is shutting down and stops its pods', points: 'node-issue' },
  { reason: 'FailedPostStartHook', kind: 'event', meaning: 'the postStart hook failed', points: 'app-crash' },
  { reason: 'ProbeWarning', kind: 'event', meaning: 'a probe answered with a warning (a redirect): not a failure', points: 'depends' },
];

export const REASONS: ReadonlyMap<string, ReasonInfo> = new Map(rows.map((r) => [r.reason.toLowerCase(), r]));

export function lookupReason(reason: string): ReasonInfo | undefined {
  return REASONS.get(reason.toLowerCase());
}

/** Waiting reasons that mean the image was never pulled. */
export const IMAGE_PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'ImageInspectError', 'RegistryUnavailable', 'SignatureValidationFailed']);

const reasonsWhere = (test: (r: ReasonInfo) => boolean): ReadonlySet<string> => new Set(rows.filter(test).map((r) => r.reason));

/** Pod reasons with which the node refused, evicted or dropped the pod: every container of it ends. */
export const NODE_POD_REASONS = reasonsWhere((r) => r.kind === 'pod' && r.points === 'node-issue');
/** Termination reasons of a container the runtime lost (node or runtime restart), not one that failed. */
export const LOST_BY_RUNTIME_REASONS = reasonsWhere((r) => r.kind === 'terminated' && r.points === 'node-issue');
/** Termination reasons that name who ended the process, other than its own non-zero exit (`Error`). */
export const NOT_APP_EXIT_REASONS = reasonsWhere((r) => r.kind === 'terminated' && r.reason !== 'Error');
/** Events that report a volume that could not be attached, mapped or mounted. */
export const MOUNT_EVENT_REASONS = reasonsWhere((r) => r.kind === 'event' && r.points === 'volume-mount');
/** Events of the node or the runtime about the pod (sandbox, readiness of the node, preemption). */
export const NODE_EVENT_REASONS = new Set([...reasonsWhere((r) => r.kind === 'event' && r.points === 'node-issue'), 'Evicted']);
/** Events that keep a container in ContainerCreating: its volumes, or its sandbox. */
export const STUCK_CREATING_REASONS = new Set([...MOUNT_EVENT_REASONS, 'FailedCreatePodSandBox']);
/** Waiting reasons of a container that is simply on its way up. */
export const PROGRESS_WAITING_REASONS: ReadonlySet<string> = new Set(['ContainerCreating', 'PodInitializing']);
/** Node conditions that mean the node is short of a resource. */
export const NODE_PRESSURE_CONDITIONS: ReadonlySet<string> = new Set(['MemoryPressure', 'DiskPressure', 'PIDPressure']);
