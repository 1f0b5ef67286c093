/** What an entry of a bundle was recognised as. */
export type ArtifactKind =
  | 'describe-pod'
  | 'describe-node'
  | 'describe-other'
  | 'describe-fragment'
  | 'describe-flat'
  | 'pod-status-fragment'
  | 'events-fragment'
  | 'manifest-yaml'
  | 'manifest-json'
  | 'events-table'
  | 'get-pods-table'
  | 'top-table'
  | 'container-log'
  | 'kubelet-log'
  | 'cluster-dump-logs'
  | 'cluster-dump-stream'
  | 'log-error'
  | 'kubectl-message'
  | 'get-table'
  | 'existence-check'
  | 'json-other'
  | 'archive'
  | 'symlink'
  | 'empty'
  | 'binary'
  | 'text-other';

/** Pieces of a describe that name no pod: under `kubectl describe pod NAME` they are that pod's. */
export const DESCRIBE_PIECE_KINDS: ReadonlySet<ArtifactKind> = new Set<ArtifactKind>(['describe-fragment', 'describe-flat', 'events-fragment']);

/** What the path says about an entry, from the bundle layouts' conventions. */
export interface PathHints {
  namespace?: string;
  pod?: string;
  container?: string;
  /** True for the previous instance's log, false for the current one. */
  previous?: boolean;
  /** The path follows a log naming convention (`*.log`, `logs/`, ...). */
  looksLikeLog?: boolean;
  /** Which convention matched. */
  layout?: string;
}

export interface Detection {
  kind: ArtifactKind;
  hints: PathHints;
  /** Why, in a few words (for `inspect`). */
  reason: string;
}
