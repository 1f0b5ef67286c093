/**
 * The kubelet's restart back-off (k8s `pkg/kubelet/kubelet.go`): the first restart is
 * immediate, then the wait doubles from 10 s up to a 5 min cap, and it starts over once a
 * container has run for 10 minutes.
 */
export const BACKOFF_INITIAL_SECONDS = 10;
export const BACKOFF_MAX_SECONDS = 300;
/** A container that ran this long resets the back-off. */
export const BACKOFF_RESET_SECONDS = 2 * BACKOFF_MAX_SECONDS;

/** The wait before restart number `n` (1-based): 0, 10, 20, 40, 80, 160, 300, 300, ... */
export function backoffBefore(restart: number): number {
  if (restart <= 1) return 0;
  return Math.min(BACKOFF_MAX_SECONDS, BACKOFF_INITIAL_SECONDS * 2 ** (restart - 2));
}

/** The least time a crash loop of `restarts` restarts has lasted (waits only, instant crashes). */
export function minimumLoopSeconds(restarts: number): number {
  let total = 0;
  for (let n = 1; n <= restarts; n++) total += backoffBefore(n);
  return total;
}

/** `1m20s`, `5m0s`: Go's duration format, as the kubelet prints back-off steps. */
export function goDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}m${s}s` : `${s}s`;
}

export function humanDuration(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
