/**
 * The STATUS column of `kubectl get pods`: kubectl prints the pod's phase or reason, or the
 * first container's waiting or terminated reason (`Init:` in front for an init container's).
 */

/** STATUS words that are a container's terminated reason (the moment between crash and back-off). */
export const TERMINATED_STATUSES: ReadonlySet<string> = new Set(['OOMKilled', 'Error', 'Completed', 'ContainerCannotRun', 'StartError', 'DeadlineExceeded']);

/** STATUS words of a pod that is fine or simply on its way. */
export const HEALTHY_STATUSES: ReadonlySet<string> = new Set(['Running', 'Succeeded', 'Completed', 'Pending', 'ContainerCreating', 'PodInitializing', 'Terminating', 'Unknown', 'NotReady']);
