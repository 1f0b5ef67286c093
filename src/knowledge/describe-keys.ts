/**
 * The keys `kubectl describe pod` prints, by level, in the order it prints them
 * (k8s.io/kubectl/pkg/describe). The describe readers rebuild nesting and find where a message
 * ends from these; they are defined here once.
 */

/** Keys of a pod description, at its top level. */
export const POD_KEYS: ReadonlySet<string> = new Set(['Name', 'Namespace', 'Priority', 'Priority Class Name', 'Runtime Class Name', 'Service Account', 'Node', 'Start Time', 'Labels', 'Annotations', 'Status', 'Reason', 'Message', 'SeccompProfile', 'IP', 'IPs', 'Controlled By', 'Controllers', 'NominatedNodeName', 'Init Containers', 'Containers', 'Conditions', 'Volumes', 'QoS Class', 'Node-Selectors', 'Tolerations', 'Events']);

/** The pod's sections: top-level keys that never occur inside a container's fields. */
export const POD_SECTION_KEYS: ReadonlySet<string> = new Set(['Init Containers', 'Containers', 'Conditions', 'Volumes', 'QoS Class', 'Node-Selectors', 'Tolerations', 'Events']);

/** A container's keys, in print order. */
export const CONTAINER_KEY_ORDER: readonly string[] = ['Container ID', 'Image', 'Image ID', 'Port', 'Ports', 'Host Port', 'Host Ports', 'Command', 'Args', 'State', 'Last State', 'Ready', 'Restart Count', 'Limits', 'Requests', 'Liveness', 'Readiness', 'Startup', 'Environment Variables from', 'Environment', 'Mounts'];
export const CONTAINER_KEYS: ReadonlySet<string> = new Set(CONTAINER_KEY_ORDER);

/** A state's fields (under `State:` and `Last State:`), in print order. */
export const STATE_KEYS: ReadonlySet<string> = new Set(['Reason', 'Message', 'Exit Code', 'Signal', 'Started', 'Finished']);

/**
 * Keys that may follow a state's multi-line `Message:`, whose continuation lines start at
 * column 0: the state fields after it, the container's keys from `State` on, the pod's sections.
 */
export const KEYS_AFTER_MESSAGE: ReadonlySet<string> = new Set([
  ...[...STATE_KEYS].filter((k) => k !== 'Message'),
  ...CONTAINER_KEY_ORDER.slice(CONTAINER_KEY_ORDER.indexOf('State')),
  ...[...POD_SECTION_KEYS].filter((k) => !/Containers$/.test(k)),
]);
