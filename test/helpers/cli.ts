import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';
import { ROOT } from './fixtures.js';

export const BIN = join(ROOT, 'dist/cli/bin.js');

/** Runs the built `podmortem` bin as a user would, with no terminal. */
export function podmortem(args: string[], input?: Buffer | string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI in this process (`run()` from src/cli/main.ts), as the bin would, with stdout and
 * stderr captured: what most CLI tests need, at a fraction of a child process's cost. A few
 * tests keep `podmortem()` for what only a real process shows (the built bin, exit status,
 * stdin, a closed pipe).
 */
export async function cli(args: string[], input?: Buffer | string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stdin = input === undefined ? undefined : (async function* () {
    yield Buffer.isBuffer(input) ? input : Buffer.from(input);
  })();
  const status = await run(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    ...(stdin ? { stdin } : {}),
    stderrIsTTY: false,
  });
  return { status, stdout, stderr };
}
