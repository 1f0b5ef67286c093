/**
 * An entry of a bundle: one file of a directory or archive, never written to disk.
 * `read()` streams its bytes; archive entries can be streamed once only, in bundle order.
 */
export interface BundleEntry {
  /** Path inside the bundle, `/`-separated, relative to the bundle root. */
  path: string;
  /** Size in bytes when known. */
  size?: number;
  type: 'file' | 'symlink' | 'other';
  /** For symlinks: the link target as stored (relative or absolute). */
  linkTarget?: string;
  /** Which command-line input this entry came from. */
  input: string;
  read(): AsyncIterable<Buffer>;
}

/** Why a bundle could not be opened at all: the path and a one-line reason. */
export class BundleError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'BundleError';
  }
}

/** The container formats recognised from the first bytes, never from the file name. */
export type ContainerFormat = 'gzip' | 'tar' | 'xz' | 'zip' | 'bzip2' | 'zstd' | 'plain';
