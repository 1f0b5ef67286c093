/**
 * Kubelet event reasons and the message shapes that name a container. Used to attach events
 * from `kubectl describe` (which prints no field path) to their container.
 */

/** Message patterns whose first group is the container name (kubelet `pkg/kubelet/events`). */
export const CONTAINER_IN_MESSAGE: RegExp[] = [
  // `Back-off restarting ...` is the kubelet's message; consoles that print reason and message
  // as one line show `BackOff restarting ...`.
  /^Back-?[Oo]ff restarting failed (?:docker )?container (\S+?)(?: in pod |$)/,
  /^(?:Init )?[Cc]ontainer (\S+?) (?:failed (?:liveness|startup|readiness) probe|definition changed)/,
  /^(?:Created|Started|Stopping|Killing) container:? (\S+)$/,
  /^Killing container with id \w+:\/\/([^:]+):/,
  /restarting failed container=(\S+) pod=/,
  // The kubelet's sync errors (FailedSync events of old kubelets, kubelet journals):
  // failed to "StartContainer" for "web" with CrashLoopBackOff: "..."
  /failed to \\?"(?:StartContainer|InitContainer|RunInitContainer|CreateContainer|KillContainer)\\?" for \\?"([^"\\]+)\\?"/,
  /^(?:Error: )?failed to (?:start|create) container \\?"([^"\\]+)\\?"/,
  // The kubelet's config errors name both: (pod: "web-0_shop(8c1f...)", container: web)
  // (YAML folds the message at any blank, so the two may be a line apart.)
  /\(pod: \\?"[^"\\]+\\?",\s+container: ([^)\s]+)\)/,
  // Evictions: The node was low on resource: memory. Container web was using 30332Ki, ...
  /\bContainer (\S+) was using \S+, (?:which exceeds|request is)/,
  // ... or over its own ephemeral-storage limit: Container web exceeded its local ephemeral storage limit "1Gi".
  /\bContainer (\S+) exceeded its local ephemeral storage limit\b/,
  // Lifecycle hooks: Exec lifecycle hook ([...]) for Container "web" in Pod "web-0_shop(8c1f...)" failed
  /lifecycle hook \(.*\) for Container \\?"([^"\\]+)\\?" in Pod /,
];

/**
 * Message patterns that name the pod as the kubelet formats it, `name_namespace(uid)`:
 * `(pod: "web-0_shop(8c1f...)", container: web)`, `Back-off restarting failed container web in
 * pod web-0_shop(8c1f...)`, klog's `pod="shop/web-0"`.
 */
const POD_IN_MESSAGE: RegExp[] = [
  /\bpod:? \\?"([a-z0-9][-a-z0-9.]*)_([a-z0-9][-a-z0-9]*)\(/,
  /\bin [Pp]od \\?"?([a-z0-9][-a-z0-9.]*)_([a-z0-9][-a-z0-9]*)\(/,
  /\bpod=\\?"([a-z0-9][-a-z0-9]*)\/([a-z0-9][-a-z0-9.]*)\\?"/,
];

/** The pod (and its namespace) an event message names, if any. */
export function podFromMessage(message: string): { name: string; namespace: string } | undefined {
  for (const [i, re] of POD_IN_MESSAGE.entries()) {
    const m = re.exec(message);
    // klog's key=value form puts the namespace first.
    if (m) return i === 2 ? { namespace: m[1]!, name: m[2]! } : { name: m[1]!, namespace: m[2]! };
  }
  return undefined;
}

/** Messages that say the container they name is an init container. */
const INIT_IN_MESSAGE = /failed to \\?"InitContainer\\?"|RunInitContainerError|^Init container |init container \\?"/;

/** Whether the message names its container as an init container. */
export function initFromMessage(message: string): boolean {
  return INIT_IN_MESSAGE.test(message);
}

/**
 * The kubelet's `Killing` message for a probe kill: `Container api failed liveness probe, will be
 * restarted` (1.14 on), `Killing container with id docker://api:Container failed liveness probe..`
 * (before). The group is the probe type.
 */
const PROBE_KILL = /\b[Cc]ontainer (?:\S+ )?failed (liveness|startup) probe\b/;

/** Which probe a kill message says failed, if it is a probe kill. */
export function probeKillOf(message: string): 'liveness' | 'startup' | undefined {
  return PROBE_KILL.exec(message)?.[1] as 'liveness' | 'startup' | undefined;
}

/** Reasons that are symptoms of a crash loop, never its cause. */
export const SYMPTOM_REASONS = new Set(['BackOff', 'CrashLoopBackOff']);

/** `spec.containers{api}` → `api`. */
export function containerFromFieldPath(fieldPath: string | undefined): string | undefined {
  const m = /^spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]+)\}/.exec(fieldPath ?? '');
  return m?.[1];
}

/** The container an event message names, if any. */
export function containerFromMessage(message: string): string | undefined {
  const text = message.replace(/^spec\.\w+\{[^}]+\}: /, '');
  for (const re of CONTAINER_IN_MESSAGE) {
    const m = re.exec(text);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/**
 * The kubelet's refusals of a container whose security context asks for a non-root user
 * (verifyRunAsNonRoot): the image runs as root, names its user by name, or runAsUser is 0.
 */
export const RUN_AS_NON_ROOT = /container has runAsNonRoot and image (?:will run as root|has non-numeric user)|container's runAsUser breaks non-root policy/;

/**
 * Kubelet messages by shape, to the event reason the kubelet files them under: for messages
 * pasted without their event row.
 */
export const MESSAGE_REASONS: [RegExp, string][] = [
  [/^Back-?[Oo]ff restarting failed (?:docker )?container/, 'BackOff'],
  [/^Back-off pulling image/, 'BackOff'],
  [/^(?:Liveness|Readiness|Startup) probe (?:failed|errored)/, 'Unhealthy'],
  [/^(?:Container \S+ failed (?:liveness|startup) probe, will be restarted|Container failed liveness probe)/, 'Killing'],
  [/^(?:MountVolume\.\w+ failed|Unable to (?:attach or )?mount volumes)/, 'FailedMount'],
  [/^(?:AttachVolume\.Attach failed|Multi-Attach error)/, 'FailedAttachVolume'],
  [/^Failed to pull image|^Error: (?:ErrImagePull|ImagePullBackOff|InvalidImageName)/, 'Failed'],
  [/^Error: (?:secrets? |configmaps? |couldn'?t find key|failed to (?:start|create) container|failed to create containerd task|failed to create shim|OCI runtime)/i, 'Failed'],
  [/^(?:Error: )?(?:failed to (?:create|start) (?:containerd task|shim task|container)|(?:Error response from daemon: )?OCI runtime (?:create|start) failed|error during container init|.{0,80}starting container process caused)/i, 'Failed'],
  [new RegExp(`^(?:Error: )?(?:${RUN_AS_NON_ROOT.source})`), 'Failed'],
  [/^Failed to create pod sandbox/, 'FailedCreatePodSandBox'],
  [/^Error syncing pod/, 'FailedSync'],
  [/^The node was low on resource/, 'Evicted'],
  [/^\d+\/\d+ nodes are available/, 'FailedScheduling'],
  [/^Successfully assigned \S+ to \S/, 'Scheduled'],
  [/^(?:Exec|HTTP) lifecycle hook \(.*\) for Container \\?"[^"\\]+\\?" in Pod \\?"[^"\\]+\\?" failed/, 'FailedPostStartHook'],
];

/** Reasons of the messages above that the kubelet or scheduler files as Normal events. */
export const NORMAL_MESSAGE_REASONS = new Set(['Scheduled']);

/**
 * The reason a bare kubelet message would carry, if it has a known shape. The message may come
 * with its field path (`spec.containers{web}: `) or as a YAML status field (`message: '...`).
 */
export function reasonOfMessage(message: string): string | undefined {
  const text = message.replace(/^spec\.\w+\{[^}]+\}: /, '').replace(/^message: ?['"]?/, '');
  return MESSAGE_REASONS.find(([re]) => re.test(text))?.[1];
}
