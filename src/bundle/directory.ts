import { createReadStream } from 'node:fs';
import { readlink } from 'node:fs/promises';
import fg from 'fast-glob';
import type { BundleEntry } from './types.js';

/**
 * Walks a directory with fast-glob: every regular file and every symlink (not followed), in a
 * stable sorted order so reports are reproducible.
 */
export async function* readDirectory(root: string, input: string): AsyncGenerator<BundleEntry> {
  const found = await fg('**/*', {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    objectMode: true,
    stats: true,
    suppressErrors: true,
  });
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const item of found) {
    const abs = `${root}/${item.path}`;
    if (item.dirent.isSymbolicLink()) {
      const entry: BundleEntry = { path: item.path, type: 'symlink', input, read: () => emptyStream() };
      entry.linkTarget = await readlink(abs).catch(() => '');
      yield entry;
      continue;
    }
    const entry: BundleEntry = {
      path: item.path,
      type: item.dirent.isFile() ? 'file' : 'other',
      input,
      // 1 MiB reads: fewer syscalls and less waiting between blocks of a large log.
      read: () => createReadStream(abs, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>,
    };
    if (item.stats) entry.size = item.stats.size;
    yield entry;
  }
}

async function* emptyStream(): AsyncGenerator<Buffer> {}
