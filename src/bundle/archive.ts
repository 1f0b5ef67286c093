import { once } from 'node:events';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { peek } from './streams.js';
import { sniffFormat } from './sniff.js';
import type { BundleEntry, ContainerFormat } from './types.js';

/**
 * Reads a tar stream (plain or gzip-compressed) entry by entry, in memory. Nothing is ever
 * written to disk: entry paths are only ever used as names.
 */
export async function* readTar(source: AsyncIterable<Buffer>, input: string): AsyncGenerator<BundleEntry> {
  const parser = new Parser({ strict: false });
  const queue: ReadEntry[] = [];
  let failure: Error | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  parser.on('entry', (entry: ReadEntry) => {
    queue.push(entry);
    signal();
  });
  parser.on('warn', (code: string, message: string | Error) => {
    // TAR_ENTRY_INVALID and friends: a damaged entry is skipped by the parser; a bad header
    // at the very start means this is not a tar at all.
    if (code === 'TAR_BAD_ARCHIVE') failure = new Error(typeof message === 'string' ? message : message.message);
  });
  parser.on('error', (err: Error) => {
    failure = err;
    signal();
  });
  parser.on('end', () => {
    finished = true;
    signal();
  });

  const pump = (async () => {
    try {
      for await (const chunk of source) {
        if (!parser.write(chunk)) await once(parser, 'drain');
      }
      parser.end();
    } catch (err) {
      failure = err as Error;
      finished = true;
      signal();
    }
  })();

  let count = 0;
  for (;;) {
    const entry = queue.shift();
    if (!entry) {
      if (failure) throw failure;
      if (finished) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      continue;
    }
    count++;
    let consumed = false;
    const kind = entry.type;
    if (kind === 'Directory' || kind === 'GNUDumpDir') {
      entry.resume();
      continue;
    }
    const wrapped: BundleEntry = {
      path: normaliseEntryPath(entry.path),
      size: entry.size,
      type: kind === 'File' || kind === 'OldFile' || kind === 'ContiguousFile' ? 'file' : kind === 'SymbolicLink' || kind === 'Link' ? 'symlink' : 'other',
      input,
      read: () => {
        consumed = true;
        return entry as unknown as AsyncIterable<Buffer>;
      },
    };
    if (entry.linkpath) wrapped.linkTarget = entry.linkpath;
    yield wrapped;
    if (!consumed) entry.resume();
    else if (!entry.emittedEnd) {
      entry.resume();
    }
  }
  await pump;
  if (failure) throw failure;
  if (count === 0) throw new Error('the archive holds no entries');
}

/** Strips `./` and leading slashes so a stored path can never point outside the bundle. */
export function normaliseEntryPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

export type OpenedStream =
  | { kind: 'archive'; format: 'tar' | 'tar.gz'; entries: AsyncGenerator<BundleEntry> }
  | { kind: 'file'; stream: AsyncIterable<Buffer>; compressed?: 'gzip' }
  | { kind: 'unsupported'; format: ContainerFormat };

/**
 * Opens a byte stream that may be an archive: gzip is unwrapped, then a tar is read as entries.
 * Returns undefined when the content is not an archive (the caller treats it as one file).
 */
export async function openArchiveStream(
  source: AsyncIterable<Buffer>,
  input: string,
): Promise<OpenedStream> {
  const first = await peek(source, 512);
  const outer = sniffFormat(first.head);
  if (outer === 'gzip') {
    const gunzip = Readable.from(first.stream).pipe(createGunzip());
    const inner = await peek(gunzip as AsyncIterable<Buffer>, 512);
    if (sniffFormat(inner.head) === 'tar') return { kind: 'archive', format: 'tar.gz', entries: readTar(inner.stream, input) };
    return { kind: 'file', stream: inner.stream, compressed: 'gzip' };
  }
  if (outer === 'tar') return { kind: 'archive', format: 'tar', entries: readTar(first.stream, input) };
  if (outer === 'plain') return { kind: 'file', stream: first.stream };
  return { kind: 'unsupported', format: outer };
}
