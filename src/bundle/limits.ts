/** Limits that keep a hostile or huge bundle from exhausting the machine. */
export interface BundleLimits {
  /** Most entries read from one bundle; the rest are reported, not read. */
  maxEntries: number;
  /** Largest file read whole (manifests, describe text). Logs are streamed and not bound by it. */
  maxWholeFileBytes: number;
  /** Most bytes streamed out of all entries together (guards against decompression bombs). */
  maxTotalBytes: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxEntries: 200_000,
  maxWholeFileBytes: 256 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024 * 1024,
};
