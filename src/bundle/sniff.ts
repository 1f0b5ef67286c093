import type { ContainerFormat } from './types.js';

/** Recognises an archive or compression format from its first bytes (at least 262 wanted). */
export function sniffFormat(head: Uint8Array): ContainerFormat {
  const b = head;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.length >= 6 && b[0] === 0xfd && b[1] === 0x37 && b[2] === 0x7a && b[3] === 0x58 && b[4] === 0x5a && b[5] === 0x00) return 'xz';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06)) return 'zip';
  if (b.length >= 3 && b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68) return 'bzip2';
  if (b.length >= 4 && b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd) return 'zstd';
  if (b.length >= 262 && isTarMagic(b)) return 'tar';
  return 'plain';
}

function isTarMagic(b: Uint8Array): boolean {
  // POSIX "ustar\0" or old GNU "ustar  \0" at offset 257.
  const magic = String.fromCharCode(...b.subarray(257, 262));
  return magic === 'ustar';
}

/** True for the formats read as archives (or compressed files) rather than as text. */
export function isArchive(format: ContainerFormat): boolean {
  return format === 'gzip' || format === 'tar' || format === 'xz' || format === 'zip';
}
