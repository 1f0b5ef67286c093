import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { openArchiveStream, type OpenedStream } from './archive.js';
import { readDirectory } from './directory.js';
import { asBuffers } from './streams.js';
import { BundleError, type BundleEntry } from './types.js';

/** File names that promise an archive; content that breaks the promise is an error. */
const ARCHIVE_NAME = /\.(tar|tar\.gz|tgz|tar\.xz|txz|zip)$/i;

export interface OpenOptions {
  /** What `-` reads; defaults to `process.stdin`. */
  stdin?: AsyncIterable<Buffer | Uint8Array | string>;
}

/** What an input turned out to be. */
export interface OpenedInput {
  input: string;
  /** `directory`, `tar`, `tar.gz`, `file`, `gzip-file` */
  format: string;
  entries: AsyncGenerator<BundleEntry>;
}

/**
 * Opens one command-line input: a directory, a single file, an archive (recognised by its
 * bytes, not its name) or `-` for standard input. Throws `BundleError` with the path and a
 * one-line reason when the input cannot be read at all.
 */
export async function openInput(input: string, options: OpenOptions = {}): Promise<OpenedInput> {
  if (input === '-') {
    const stdin = options.stdin ?? process.stdin;
    return openStream(asBuffers(stdin), input, 'stdin');
  }
  const info = await stat(input).catch((err: NodeJS.ErrnoException) => {
    const why = err.code === 'ENOENT' ? 'no such file or directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
    throw new BundleError(input, why);
  });
  if (info.isDirectory()) {
    return { input, format: 'directory', entries: nonEmpty(readDirectory(input, input), input, 'the directory holds no files') };
  }
  if (!info.isFile()) throw new BundleError(input, 'not a regular file or directory');
  if (info.size === 0) throw new BundleError(input, 'the file is empty');
  return openStream(createReadStream(input, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>, input, basename(input), info.size);
}

async function openStream(source: AsyncIterable<Buffer>, input: string, name: string, size?: number): Promise<OpenedInput> {
  let opened: OpenedStream;
  try {
    opened = await openArchiveStream(source, input);
  } catch (err) {
    throw new BundleError(input, `cannot be read: ${(err as Error).message}`);
  }
  if (opened.kind === 'archive') {
    return { input, format: opened.format, entries: guardArchive(opened.entries, input) };
  }
  if (opened.kind === 'unsupported') {
    throw new BundleError(input, `is ${opened.format} data, which podmortem cannot open; unpack it and pass the directory`);
  }
  const { stream, compressed } = opened;
  const claimed = ARCHIVE_NAME.exec(name)?.[1];
  if (claimed) {
    throw new BundleError(input, `is named like a .${claimed.toLowerCase()} archive but its content is not one`);
  }
  const fileName = compressed ? name.replace(/\.(?:gz|xz)$/i, '') : name;
  async function* single(): AsyncGenerator<BundleEntry> {
    const entry: BundleEntry = { path: fileName, type: 'file', input, read: () => stream };
    if (size !== undefined && !compressed) entry.size = size;
    yield entry;
  }
  return { input, format: compressed ? 'gzip-file' : 'file', entries: single() };
}

async function* guardArchive(entries: AsyncGenerator<BundleEntry>, input: string): AsyncGenerator<BundleEntry> {
  try {
    yield* entries;
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError(input, `damaged archive: ${(err as Error).message}`);
  }
}

async function* nonEmpty(entries: AsyncGenerator<BundleEntry>, input: string, reason: string): AsyncGenerator<BundleEntry> {
  let any = false;
  for await (const entry of entries) {
    any = true;
    yield entry;
  }
  if (!any) throw new BundleError(input, reason);
}
