/**
 * `tsx scripts/snapshot.ts [OUT]`: the diagnoses of every sample, public fixture bundle and
 * corpus case (category, secondary, container, evidence lines), as JSON. Taken before and after a
 * change, the two files show exactly which diagnoses the change moved.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../src/analyze.js';

const ROOT = process.env.PM_ROOT ?? resolve(import.meta.dirname, '..');
const dirs = (p: string) => readdirSync(p).map((d) => join(p, d)).filter((d) => statSync(d).isDirectory());
const inputs = [...dirs(join(ROOT, 'samples')), ...dirs(join(ROOT, 'test/fixtures/public')), ...dirs(join(ROOT, 'test/corpus'))];
const out: Record<string, unknown> = {};
for (const input of inputs) {
  const a = await analyze(input);
  out[input.slice(ROOT.length + 1)] = a.diagnoses.map((d) => ({
    subject: `${d.namespace}/${d.pod}/${d.container}`,
    category: d.category,
    secondary: d.secondary,
    evidence: d.evidence.map((e) => `${e.artifact}:${e.line}`),
  }));
}
const json = JSON.stringify(out, null, 1);
if (process.argv[2]) writeFileSync(process.argv[2], json);
else console.log(json);
