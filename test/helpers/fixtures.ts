import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Real public fixtures, copied from the team's shared set (sources in test/fixtures/public/SOURCES.md). */
export const FIXTURES = join(ROOT, 'test/fixtures/public');
export const SAMPLES = join(ROOT, 'samples');
export const HOLMES = join(FIXTURES, 'holmesgpt/tests/llm/fixtures');

export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/**
 * HolmesGPT fixtures wrap kubectl output: two JSON lines of metadata, then the output itself or
 * `stdout:` ... `stderr:` around it. This returns the kubectl output alone.
 */
export function holmesBody(text: string): string {
  let lines = text.split('\n');
  while (lines.length > 0 && lines[0]!.startsWith('{')) lines = lines.slice(1);
  if (lines[0] === 'stdout:') lines = lines.slice(1);
  const stderr = lines.lastIndexOf('stderr:');
  if (stderr >= 0) lines = lines.slice(0, stderr);
  return lines.join('\n').replace(/\n+$/, '\n');
}

/** Writes files into a fresh temporary directory and returns its path. */
export function tempBundle(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'podmortem-test-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** The text of a line (1-based) of a file inside a bundle directory. */
export function lineOf(dir: string, artifact: string, line: number): string | undefined {
  return readFileSync(join(dir, artifact), 'utf8').split('\n')[line - 1]?.replace(/\r$/, '');
}
