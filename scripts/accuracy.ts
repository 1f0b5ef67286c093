/**
 * `npm run accuracy`: runs podmortem on every case of the labelled corpus (test/corpus/) and
 * prints correct/total per category, then each miss with what was predicted and why.
 *
 * A case is correct when the diagnosis of its labelled container (or, when the case names no
 * container, the most severe diagnosis) has the labelled category. `--json` prints the figures
 * as JSON for tests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../src/analyze.js';
import type { Diagnosis } from '../src/model/types.js';

interface Case {
  id: string;
  source: string;
  category: string;
  secondary: string | null;
  pod: string | null;
  container: string | null;
}

export interface CaseResult {
  id: string;
  expected: string;
  predicted: string;
  correct: boolean;
  why: string;
}

const CORPUS = resolve(import.meta.dirname, '../test/corpus');

/** The diagnosis that answers for a case. */
function pick(diagnoses: Diagnosis[], c: Case): Diagnosis | undefined {
  const named = diagnoses.filter((d) => (!c.container || d.container === c.container) && (!c.pod || d.pod === c.pod));
  return named[0] ?? diagnoses[0];
}

export async function runCorpus(dir = CORPUS): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const id of readdirSync(dir).sort()) {
    const folder = join(dir, id);
    if (!statSync(folder).isDirectory()) continue;
    const c = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8')) as Case;
    const analysis = await analyze(folder);
    const d = pick(analysis.diagnoses, c);
    const predicted = d?.category ?? 'none';
    const read = analysis.inventory.filter((i) => i.path !== 'case.json').map((i) => `${i.path}=${i.kind}/${i.status}`).join(', ');
    results.push({
      id,
      expected: c.category,
      predicted,
      correct: predicted === c.category,
      why: d ? `${d.ruleId} (${d.confidence.toFixed(2)}): ${d.summary.slice(0, 160)}` : `no diagnosis; read ${read}`,
    });
  }
  return results;
}

function table(results: CaseResult[]): string {
  const byCategory = new Map<string, { correct: number; total: number }>();
  for (const r of results) {
    const row = byCategory.get(r.expected) ?? { correct: 0, total: 0 };
    row.total++;
    if (r.correct) row.correct++;
    byCategory.set(r.expected, row);
  }
  const lines = ['CATEGORY                  CORRECT/TOTAL'];
  for (const [cat, row] of [...byCategory].sort()) lines.push(`${cat.padEnd(26)}${row.correct}/${row.total}`);
  const correct = results.filter((r) => r.correct).length;
  lines.push(`${'all'.padEnd(26)}${correct}/${results.length} (${((100 * correct) / Math.max(1, results.length)).toFixed(1)}%)`);
  const misses = results.filter((r) => !r.correct);
  if (misses.length) {
    lines.push('', 'Misses:');
    for (const m of misses) lines.push(`  ${m.id}: expected ${m.expected}, got ${m.predicted}: ${m.why}`);
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const results = await runCorpus(process.argv.find((a) => !a.startsWith('-') && a !== process.argv[0] && a !== process.argv[1]) ?? CORPUS);
  console.log(process.argv.includes('--json') ? JSON.stringify(results, null, 2) : table(results));
}
