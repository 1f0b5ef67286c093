/**
 * `tsx scripts/snapshot.ts [OUT | --update]`: the diagnoses of every sample, public fixture
 * bundle and corpus case (subject, category, secondary, evidence lines), as JSON. Taken before
 * and after a change, the two files show exactly which diagnoses the change moved. `--update`
 * rewrites the committed snapshot that the tests compare against (test/fixtures/
 * diagnoses.golden.json): do it when a change of behaviour is meant, and review its diff.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../src/analyze.js';
import { GOLDEN, snapshotOf } from './snapshot-shape.js';

const ROOT = process.env.PM_ROOT ?? resolve(import.meta.dirname, '..');
const dirs = (p: string) => readdirSync(p).map((d) => join(p, d)).filter((d) => statSync(d).isDirectory());
const inputs = [...dirs(join(ROOT, 'samples')), ...dirs(join(ROOT, 'test/fixtures/public')), ...dirs(join(ROOT, 'test/corpus'))];
const out: Record<string, unknown> = {};
for (const input of inputs) out[input.slice(ROOT.length + 1)] = snapshotOf(await analyze(input));
const json = `${JSON.stringify(out, null, 1)}\n`;
const target = process.argv[2] === '--update' ? join(ROOT, GOLDEN) : process.argv[2];
if (target) writeFileSync(target, json);
else console.log(json);
