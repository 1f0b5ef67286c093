/**
 * `npm run mutation`: the tests must notice a broken stage. For every rule (made never to fire)
 * and every parser (made to read nothing), runs the tests that cover it and reports each mutant
 * that survives, i.e. where every test still passed. Exits 1 when one survives.
 *
 * Which tests run for a mutant: a rule's own RuleTester file and the corpus; for a parser, the
 * parser, paste, whole-bundle and rule tests (rules are tested on parsed fixture text). `--bail=1` stops at the first
 * failure, so a killed mutant costs seconds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PARSERS } from '../src/parse/registry.js';
import { RULES } from '../src/rules/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const mutants: { id: string; files: string[] }[] = [
  ...[...RULES.keys()].map((id) => ({ id: `rule:${id}`, files: [`test/rules/${id}.test.ts`, 'test/corpus.test.ts'].filter((f) => existsSync(join(ROOT, f))) })),
  ...PARSERS.map((p) => ({ id: `parser:${p.kind}`, files: ['test/parse', 'test/pastes.test.ts', 'test/analyze.test.ts', 'test/bundle', 'test/rules'] })),
];

const survivors: string[] = [];
const started = Date.now();
spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
for (const m of mutants) {
  const t = Date.now();
  const r = spawnSync('npx', ['vitest', 'run', '--bail=1', '--reporter=dot', ...m.files], {
    cwd: ROOT,
    env: { ...process.env, PODMORTEM_MUTANT: m.id },
    encoding: 'utf8',
  });
  const killed = r.status !== 0;
  if (!killed) survivors.push(m.id);
  console.log(`${killed ? 'killed  ' : 'SURVIVED'} ${m.id} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
console.log(`${mutants.length - survivors.length}/${mutants.length} mutants killed in ${Math.round((Date.now() - started) / 1000)} s${survivors.length ? `; survived: ${survivors.join(', ')}` : ''}`);
process.exit(survivors.length ? 1 : 0);
