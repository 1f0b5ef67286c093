import { once } from 'node:events';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Unzip, UnzipInflate } from 'fflate';
import { Parser, type ReadEntry } from 'tar';
import xz from 'xz-decompress';
import { asBuffers, peek } from './streams.js';

const { XzReadableStream } = xz;
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
  | { kind: 'archive'; format: 'tar' | 'tar.gz' | 'tar.xz' | 'zip'; entries: AsyncGenerator<BundleEntry> }
  | { kind: 'file'; stream: AsyncIterable<Buffer>; compressed?: 'gzip' | 'xz' }
  | { kind: 'unsupported'; format: ContainerFormat };

/**
 * Opens a byte stream that may be an archive: gzip is unwrapped, then a tar is read as entries.
 * Returns undefined when the content is not an archive (the caller treats it as one file).
 */
export async function openArchiveStream(source: AsyncIterable<Buffer>, input: string): Promise<OpenedStream> {
  const first = await peek(source, 512);
  const outer = sniffFormat(first.head);
  if (outer === 'gzip' || outer === 'xz') {
    const unpacked = outer === 'gzip' ? (Readable.from(first.stream).pipe(createGunzip()) as AsyncIterable<Buffer>) : unxz(first.stream);
    const inner = await peek(unpacked, 512);
    if (sniffFormat(inner.head) === 'tar') return { kind: 'archive', format: outer === 'gzip' ? 'tar.gz' : 'tar.xz', entries: readTar(inner.stream, input) };
    return { kind: 'file', stream: inner.stream, compressed: outer };
  }
  if (outer === 'tar') return { kind: 'archive', format: 'tar', entries: readTar(first.stream, input) };
  if (outer === 'zip') return { kind: 'archive', format: 'zip', entries: readZip(first.stream, input) };
  if (outer === 'plain') return { kind: 'file', stream: first.stream };
  return { kind: 'unsupported', format: outer };
}

/**
 * xz, decompressed as a stream by xz-decompress (WebAssembly, no native addon: installs the
 * same everywhere, which lzma-native's prebuilt binaries do not).
 */
function unxz(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const web = Readable.toWeb(Readable.from(source)) as unknown as ReadableStream<Uint8Array>;
  return asBuffers(Readable.fromWeb(new XzReadableStream(web) as unknown as import('node:stream/web').ReadableStream<Uint8Array>));
}

/**
 * A zip read front to back as a stream with fflate's Unzip (local headers, deflate or stored),
 * so stdin and zips nested in other archives work without a seekable file. Input is pushed one
 * chunk at a time and each file's data is handed on before the next chunk goes in.
 */
export async function* readZip(source: AsyncIterable<Buffer>, input: string): AsyncGenerator<BundleEntry> {
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  const files: { name: string; size?: number; chunks: Uint8Array[]; done: boolean; error?: Error; wake?: () => void }[] = [];
  unzip.onfile = (file) => {
    const item: (typeof files)[number] = { name: file.name, chunks: [], done: false };
    if (file.originalSize !== undefined) item.size = file.originalSize;
    file.ondata = (err, data, final) => {
      if (err) item.error = err;
      else if (data.length > 0) item.chunks.push(data);
      if (final || err) item.done = true;
      item.wake?.();
    };
    files.push(item);
    file.start();
  };
  const iterator = source[Symbol.asyncIterator]();
  let ended = false;
  /** Pushes the next input chunk; false once the input is exhausted. */
  const feed = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      unzip.push(new Uint8Array(0), true);
      return true;
    }
    unzip.push(next.value, false);
    return true;
  };
  let index = 0;
  let count = 0;
  for (;;) {
    while (index >= files.length) {
      if (!(await feed())) {
        if (count === 0) throw new Error('the zip archive holds no entries');
        return;
      }
    }
    const item = files[index++]!;
    if (item.name.endsWith('/')) continue;
    count++;
    let consumed = false;
    const stream = async function* (): AsyncGenerator<Buffer> {
      consumed = true;
      for (;;) {
        while (item.chunks.length > 0) yield Buffer.from(item.chunks.shift()!);
        if (item.error) throw item.error;
        if (item.done) return;
        if (!(await feed())) throw new Error(`zip entry ${item.name} ends before its data`);
      }
    };
    const entry: BundleEntry = { path: normaliseEntryPath(item.name), type: 'file', input, read: stream };
    if (item.size !== undefined) entry.size = item.size;
    yield entry;
    if (!consumed) for await (const _ of stream()) void _;
  }
}
