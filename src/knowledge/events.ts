/**
 * Kubelet event reasons and the message shapes that name a container. Used to attach events
 * from `kubectl describe` (which prints no field path) to their container.
 */

/** Message patterns whose first group is the container name (kubelet `pkg/kubelet/events`). */
export const CONTAINER_IN_MESSAGE: RegExp[] = [
  /^Back-off restarting failed (?:docker )?container (\S+?)(?: in pod |$)/,
  /^(?:Init )?[Cc]ontainer (\S+?) (?:failed (?:liveness|startup|readiness) probe|definition changed)/,
  /^(?:Created|Started|Stopping|Killing) container:? (\S+)$/,
  /^Killing container with id \w+:\/\/([^:]+):/,
  /restarting failed container=(\S+) pod=/,
];

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
