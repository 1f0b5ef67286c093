import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openInput } from '../../src/bundle/open.js';
import { readAll } from '../../src/bundle/streams.js';
import { BundleError } from '../../src/bundle/types.js';
import { SAMPLES } from '../helpers/fixtures.js';

async function list(input: string, stdin?: Buffer) {
  const opened = await openInput(input, stdin ? { stdin: Readable.from([stdin]) } : {});
  const out: { path: string; bytes: string }[] = [];
  for await (const e of opened.entries) out.push({ path: e.path, bytes: (await readAll(e.read(), 1e9)).toString('base64') });
  return { format: opened.format, entries: out.sort((a, b) => a.path.localeCompare(b.path)) };
}

function pack(dir: string, gzip: boolean): string {
  const out = join(mkdtempSync(join(tmpdir(), 'pm-open-')), gzip ? 'b.tar.gz' : 'b.tar');
  execFileSync('tar', [gzip ? '-czf' : '-cf', out, '-C', dir, '.']);
  return out;
}

function writeTemp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pm-file-')), name);
  writeFileSync(path, content);
  return path;
}

describe('openInput', () => {
  const dir = join(SAMPLES, 'oom-killed');

  it('reads a directory, a .tar, a .tar.gz and stdin to the same entries and bytes', async () => {
    const fromDir = await list(dir);
    expect(fromDir.format).toBe('directory');
    expect(fromDir.entries.map((e) => e.path)).toEqual(['api-previous.log', 'describe-pod.txt', 'events.txt']);
    const tar = pack(dir, false);
    const tgz = pack(dir, true);
    const fromTar = await list(tar);
    const fromTgz = await list(tgz);
    const fromStdin = await list('-', execFileSync('cat', [tgz]));
    expect(fromTar.format).toBe('tar');
    expect(fromTgz.format).toBe('tar.gz');
    expect(fromStdin.format).toBe('tar.gz');
    expect(fromTar.entries).toEqual(fromDir.entries);
    expect(fromTgz.entries).toEqual(fromDir.entries);
    expect(fromStdin.entries).toEqual(fromDir.entries);
  });

  it('recognises an archive by its bytes, whatever its name', async () => {
    const tgz = pack(dir, true);
    const renamed = join(mkdtempSync(join(tmpdir(), 'pm-open-')), 'bundle.txt');
    writeFileSync(renamed, execFileSync('cat', [tgz]));
    expect((await list(renamed)).format).toBe('tar.gz');
  });

  it('never lets an entry path climb out of the bundle', async () => {
    const { normaliseEntryPath } = await import('../../src/bundle/archive.js');
    expect(normaliseEntryPath('../../etc/passwd')).toBe('etc/passwd');
    expect(normaliseEntryPath('/abs/./x/../y.log')).toBe('abs/y.log');
  });

  it('rejects what cannot be a bundle with the path and a reason', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pm-empty-'));
    const cases: [string, RegExp][] = [
      ['/no/such/bundle', /no such file or directory/],
      [empty, /holds no files/],
      [writeTemp('bundle.tar.gz', 'just some text, not gzip'), /named like a \.tar\.gz archive but its content is not one/],
      [writeTemp('empty.txt', ''), /the file is empty/],
    ];
    for (const [input, reason] of cases) {
      const err = await list(input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BundleError);
      expect((err as BundleError).path).toBe(input);
      expect((err as BundleError).reason).toMatch(reason);
    }
  });
});
