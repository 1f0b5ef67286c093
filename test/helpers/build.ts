import { execFileSync } from 'node:child_process';
import { ROOT } from './fixtures.js';

/** The CLI tests run the real bin: build it once, fresh, before any test. */
export default function setup(): void {
  // The mutation check builds once for all its runs.
  if (process.env.PODMORTEM_MUTANT) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
