/**
 * The root-cause categories of `reference/taxonomy.md`: a title, and what each means, how to
 * fix it and how to prevent it. Rules take their docs from here; `podmortem rules` and
 * `podmortem explain` print them.
 */
import type { CategoryId } from '../model/types.js';

export interface CategoryDoc {
  title: string;
  means: string;
  fix: string;
  prevent: string;
}

export const CATEGORIES: Record<CategoryId, CategoryDoc> = {
  'app-crash': {
    title: 'The application exited with an error',
    means:
      'The main process ended on its own with a non-zero exit code: an unhandled exception, a panic, a failed migration or a missing file. The kubelet restarts it and, after repeated failures, waits longer and longer between tries (CrashLoopBackOff).',
    fix: 'Read the last lines of the crashed instance (kubectl logs --previous): the exception or fatal line names the cause. Fix the code or the input it fails on, then roll out again.',
    prevent: 'Make the application fail with one clear error line, test images with production-like configuration before release, and gate rollouts on readiness so a bad version stops early.',
  },
  'missing-secret': {
    title: 'A referenced Secret or Secret key does not exist',
    means:
      'The pod spec takes environment variables or a volume from a Secret (or a key in it) that is not in the namespace. The kubelet cannot build the container config, so the container never starts: CreateContainerConfigError, or FailedMount for a volume.',
    fix: 'Create the Secret with the expected keys in the pod\'s namespace (or correct the name/key in the spec), then let the kubelet retry or delete the pod.',
    prevent: 'Deploy Secrets before the workloads that use them (or in the same release), check references in CI, and mark truly optional references optional: true.',
  },
  'missing-configmap': {
    title: 'A referenced ConfigMap or ConfigMap key does not exist',
    means:
      'The pod spec takes environment variables or a volume from a ConfigMap (or a key in it) that is not in the namespace, so the container cannot be configured: CreateContainerConfigError, or FailedMount for a volume.',
    fix: 'Create the ConfigMap with the expected keys in the pod\'s namespace, or correct the name/key in the spec.',
    prevent: 'Ship ConfigMaps with the workload that reads them, validate references in CI, and use optional: true only where the app copes without the value.',
  },
  'bad-config-value': {
    title: 'A setting is present but invalid',
    means: 'The configuration exists, but a value in it cannot be used: the application fails while parsing or validating an environment variable, flag or config file, and exits.',
    fix: 'Correct the value the log names (environment variable, ConfigMap entry, command-line flag) in the workload spec, then roll out again.',
    prevent: 'Validate configuration at build or deploy time (schema checks in CI), and keep defaults the application can start with.',
  },
  'oom-killed': {
    title: 'Killed by the kernel for going over its memory limit',
    means:
      'The container used more memory than resources.limits.memory allows (or the node ran short of memory), so the kernel\'s OOM killer ended it with SIGKILL. The runtime reports reason OOMKilled and usually exit code 137.',
    fix: 'Raise the memory limit to the real peak plus headroom, or lower the peak (smaller caches and pools, fewer workers, a runtime heap capped below the limit).',
    prevent: 'Measure working-set memory under load before setting limits, alert well before the limit, and size JVM/Node heaps from the container limit.',
  },
  'runtime-heap-oom': {
    title: 'The language runtime ran out of heap',
    means:
      'The runtime\'s own heap cap was reached before the container limit: the JVM threw java.lang.OutOfMemoryError, or Node.js aborted with "JavaScript heap out of memory". The process exits (often 1, 134 or 3) without a kernel OOM kill.',
    fix: 'Raise the heap cap (-Xmx / -XX:MaxRAMPercentage, --max-old-space-size) and the container limit with it, or find what holds the memory (heap dump, profiler).',
    prevent: 'Derive heap size from the container limit (MaxRAMPercentage), watch heap use and GC time, and load-test with production-sized data.',
  },
  'liveness-probe': {
    title: 'Restarted by the kubelet for failing its liveness probe',
    means:
      'The liveness probe failed failureThreshold times in a row, so the kubelet killed the container (SIGTERM, then SIGKILL after the grace period) and restarted it. The application may be healthy but slow, or truly stuck.',
    fix: 'Check whether the probe endpoint answers within timeoutSeconds; give a slow start time with a startupProbe or a longer initialDelaySeconds, raise timeoutSeconds/failureThreshold, or fix the hang the probe detects.',
    prevent: 'Keep liveness checks cheap and independent of dependencies, add a startupProbe for slow starters, and test probes under load.',
  },
  'startup-probe': {
    title: 'The startup probe gave up before the application was ready',
    means: 'The startup probe failed failureThreshold times, so the kubelet killed the container before it finished starting; it will loop unless startup gets faster or the probe waits longer.',
    fix: 'Raise failureThreshold × periodSeconds of the startup probe above the real startup time, or make startup faster (CPU, warm-up work, migrations moved to a Job).',
    prevent: 'Measure startup time in a production-like environment and size the startup probe from it, with margin.',
  },
  'dependency-unavailable': {
    title: 'A dependency the application needs could not be reached',
    means: 'At startup the application could not reach a database, queue, API or Service (connection refused, name not resolved, timeout) and exited.',
    fix: 'Check that the dependency runs and that its Service has endpoints; check the host name, port and NetworkPolicies; then restart the pod.',
    prevent: 'Retry with back-off at startup instead of exiting, express the order with readiness (not init scripts that fail hard), and alert on the dependency itself.',
  },
  'dependency-auth': {
    title: 'A dependency rejected the credentials',
    means: 'The dependency answered, but refused the user name, password, token or key the application presented, and the application exited.',
    fix: 'Check the credentials the pod receives (the Secret behind the environment variable or file) against the dependency, rotate or correct them, then restart the pod.',
    prevent: 'Rotate credentials through one source of truth, test logins in a readiness or smoke check, and alert on authentication failures.',
  },
  'wrong-command': {
    title: 'The command or entrypoint does not exist in the image',
    means: 'The container\'s command (or the image\'s entrypoint) names an executable that is not in the image or not on $PATH: the runtime reports StartError/exit 128, or the shell exits 127.',
    fix: 'Correct command/args in the spec (or the image\'s ENTRYPOINT/CMD) to a path that exists in the image; check the image tag really contains the binary.',
    prevent: 'Run the image with its production command in CI, and pin images by digest so the contents do not change under the spec.',
  },
  'permission-denied': {
    title: 'The process may not execute or write what it needs',
    means: 'The process was refused: a file is not executable (exit 126), a directory is not writable (EACCES), the root file system is read-only, or the pod\'s security context forbids what the image does (runAsNonRoot with a root image).',
    fix: 'Make the file executable in the image, write to a mounted emptyDir instead of the image file system, set runAsUser/fsGroup to match file ownership, or run the image as the non-root user it expects.',
    prevent: 'Build images to run as a numeric non-root user with writable paths declared as volumes, and test with the same securityContext as production.',
  },
  'exits-immediately': {
    title: 'The process finishes at once, but the pod expects it to keep running',
    means: 'The container exits with code 0 (Completed) shortly after starting. Under restartPolicy Always the kubelet restarts it each time, so a finished process looks like a crash loop.',
    fix: 'Make the main process stay in the foreground (no daemonising, no shell script that ends), or run one-off work as a Job or init container instead of in a Deployment.',
    prevent: 'Use Jobs for batch work and check that the image\'s command blocks when run with docker/podman run.',
  },
  'exec-format': {
    title: 'The image was built for another CPU architecture',
    means: 'The kernel cannot execute the binary: "exec format error" (an amd64 image on an arm64 node or the reverse), or an illegal instruction from a CPU feature the node lacks.',
    fix: 'Use an image built for the node\'s architecture (a multi-arch manifest, or the right tag), or schedule the pod on nodes of the image\'s architecture with a nodeSelector on kubernetes.io/arch.',
    prevent: 'Build multi-arch images (docker buildx --platform linux/amd64,linux/arm64) and check architectures in CI.',
  },
  segfault: {
    title: 'The process crashed on an invalid memory access',
    means: 'The process received SIGSEGV (exit 139) or SIGBUS/SIGFPE: a bug in native code, a library built for another platform, or corrupted memory.',
    fix: 'Look for the native component in the log (core dump, faulting library), update or rebuild it for the image\'s base (glibc vs musl), and reproduce with the same image outside the cluster.',
    prevent: 'Pin native dependencies, build them against the image\'s own libc, and run crash tests in CI.',
  },
  'cpu-throttling': {
    title: 'CPU limits make startup too slow for its probes',
    means: 'A low CPU limit throttles the process so much that it cannot start, or answer its probes, within their timeouts; the kubelet kills it and the next start is throttled again.',
    fix: 'Raise or remove the CPU limit (keep a request), or give the probes more time (startupProbe, timeoutSeconds).',
    prevent: 'Size CPU from measured startup and peak use, and watch the container\'s throttled periods (container_cpu_cfs_throttled_periods_total).',
  },
  'node-issue': {
    title: 'The node, not the pod, is at fault',
    means: 'The node ran short of memory or disk and evicted pods, lost contact with the control plane, or its container runtime failed to create the container; the same pod would run on a healthy node.',
    fix: 'Look at the node\'s conditions and events (kubectl describe node): free disk or memory, restart or replace the runtime or the node; then delete the pod so it is rescheduled.',
    prevent: 'Set pod requests so the scheduler does not overcommit, alert on node pressure conditions, and keep enough spare nodes for evictions.',
  },
  'volume-mount': {
    title: 'A volume could not be attached or mounted',
    means: 'The kubelet could not mount one of the pod\'s volumes (the source is missing, the disk is attached elsewhere, the claim is unbound or the storage driver failed), so the container never started.',
    fix: 'Read the FailedMount/FailedAttachVolume message: create the missing object, bind the claim, detach the disk from the other node, or fix the storage driver.',
    prevent: 'Provision storage with the workload, use ReadWriteOnce volumes only with one replica at a time, and alert on pods stuck in ContainerCreating.',
  },
  'image-pull': {
    title: 'The image cannot be pulled',
    means: 'The kubelet cannot pull the image: the name or tag is wrong, the registry needs credentials the pod lacks, or the registry is unreachable. This is not a crash loop: the container never ran.',
    fix: 'Check the image reference (repository, tag, digest), add or correct imagePullSecrets, and check that the node can reach the registry.',
    prevent: 'Promote images by digest, keep pull secrets in the service account, and check image references in CI.',
  },
  'init-container': {
    title: 'An init container fails, so the app never starts',
    means: 'Init containers run to completion, in order, before the app containers; one of them keeps failing, so the pod stays Init:Error or Init:CrashLoopBackOff and its app containers never start.',
    fix: 'Fix what the failing init container reports (its logs: kubectl logs POD -c INIT --previous): usually a missing dependency, Secret or command.',
    prevent: 'Keep init containers small and idempotent, and prefer application-level retries over init scripts that fail hard.',
  },
  unknown: {
    title: 'Failing, but the bundle does not show why',
    means: 'The container is failing, but the bundle lacks the termination details, events or logs that would prove a cause.',
    fix: 'Capture the previous container log, the pod description with its events, and the namespace events, then analyse again.',
    prevent: 'Collect bundles with previous logs and events included (for example a support-bundle spec with the logs collector).',
  },
};

/** A rule's docs are its category's. */
export function categoryDocs(category: CategoryId): { means: string; fix: string; prevent: string } {
  const { means, fix, prevent } = CATEGORIES[category];
  return { means, fix, prevent };
}
