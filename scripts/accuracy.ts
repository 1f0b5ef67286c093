/**
 * `npm run accuracy`: runs podmortem on every case of the labelled corpus (test/corpus/) and
 * prints correct/total per batch and per category, then each miss with what was predicted and why.
 *
 * Scoring is strict. A case names the failing pod and/or container when the thread shows them;
 * the case is right only when the diagnosis of that container (of that pod) carries the labelled
 * category. There is no falling back to another container's diagnosis: a report that names the
 * right cause for the wrong container, or for no container, is a miss. Only a case that names
 * neither pod nor container is scored on the report's first (most severe) diagnosis. A labelled
 * secondary is counted on its own line and never makes a case right.
 *
 * `--batch NAME[,NAME]` scores those batches (case.json `batch`); `--json` prints the per-case results.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../src/analyze.js';
import type { Diagnosis } from '../src/model/types.js';

interface Case {
  id: string;
  batch?: string;
  source: string;
  category: string;
  secondary: string | null;
  pod: string | null;
  container: string | null;
}

export interface CaseResult {
  id: string;
  batch: string;
  expected: string;
  predicted: string;
  correct: boolean;
  /** Whether the labelled secondary (when there is one) was reported as the secondary. */
  secondaryRight: boolean | null;
  confidence: number | null;
  /** Label names that no file of the case holds (so they were not asked of the tool). */
  dropped: string[];
  why: string;
}

const CORPUS = resolve(import.meta.dirname, '../test/corpus');

/** The diagnosis that answers for a case: the labelled container's, or the headline when none is labelled. */
export function pick(diagnoses: readonly Diagnosis[], c: Pick<Case, 'pod' | 'container'>): Diagnosis | undefined {
  if (!c.pod && !c.container) return diagnoses[0];
  return diagnoses.find((d) => (!c.container || d.container === c.container) && (!c.pod || d.pod === c.pod));
}

/**
 * A name the thread gave only in prose cannot be asked of the tool: a labelled pod or container
 * that appears in none of the case's files is dropped from the label (and counted).
 */
function usableLabel(c: Case, folder: string): Pick<Case, 'pod' | 'container'> & { dropped: string[] } {
  const text = readdirSync(folder)
    .filter((f) => f !== 'case.json' && statSync(join(folder, f)).isFile())
    .map((f) => readFileSync(join(folder, f), 'latin1'))
    .join('\n');
  const dropped: string[] = [];
  // The name as a whole word: `manager` is not named by `controller-manager`.
  const named = (name: string) => new RegExp(`(?<![-\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![-\\w])`).test(text);
  const keep = (name: string | null, what: string): string | null => {
    if (name && !named(name)) {
      dropped.push(`${what} ${name}`);
      return null;
    }
    return name;
  };
  return { pod: keep(c.pod, 'pod'), container: keep(c.container, 'container'), dropped };
}

export async function runCorpus(dir = CORPUS, batch?: string): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const id of readdirSync(dir).sort()) {
    const folder = join(dir, id);
    if (!statSync(folder).isDirectory()) continue;
    const c = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8')) as Case;
    if (batch && !batch.split(',').includes(c.batch ?? '-')) continue;
    const analysis = await analyze(folder);
    const label = usableLabel(c, folder);
    const d = pick(analysis.diagnoses, label);
    const predicted = d?.category ?? 'none';
    const read = analysis.inventory.filter((i) => i.path !== 'case.json').map((i) => `${i.path}=${i.kind}/${i.status}`).join(', ');
    const others = analysis.diagnoses.map((x) => `${x.pod}/${x.container}=${x.category}`).join(', ');
    results.push({
      id,
      batch: c.batch ?? '-',
      expected: c.category,
      predicted,
      correct: predicted === c.category,
      secondaryRight: c.secondary ? d?.secondary === c.secondary : null,
      confidence: d ? d.confidence : null,
      dropped: label.dropped,
      why: d
        ? `${d.pod}/${d.container} ${d.ruleId} (${d.confidence.toFixed(2)}): ${d.summary.slice(0, 160)}`
        : analysis.diagnoses.length
          ? `labelled ${label.pod ?? '*'}/${label.container ?? '*'} not diagnosed; report has ${others}`
          : `no diagnosis; read ${read}`,
    });
  }
  return results;
}

function percent(n: number, total: number): string {
  return `${n}/${total} (${((100 * n) / Math.max(1, total)).toFixed(1)}%)`;
}

function tally(results: CaseResult[], key: (r: CaseResult) => string): string[] {
  const rows = new Map<string, { correct: number; total: number }>();
  for (const r of results) {
    const row = rows.get(key(r)) ?? { correct: 0, total: 0 };
    row.total++;
    if (r.correct) row.correct++;
    rows.set(key(r), row);
  }
  return [...rows].sort().map(([k, row]) => `  ${k.padEnd(26)}${percent(row.correct, row.total)}`);
}

/** Accuracy per confidence band: a stated confidence should mean what it says. */
function bands(results: CaseResult[]): string[] {
  const lines: string[] = [];
  for (const [lo, hi] of [[0, 0.5], [0.5, 0.7], [0.7, 0.85], [0.85, 1.01]] as const) {
    const inBand = results.filter((r) => r.confidence !== null && r.confidence >= lo && r.confidence < hi);
    if (!inBand.length) continue;
    const mean = inBand.reduce((s, r) => s + r.confidence!, 0) / inBand.length;
    lines.push(`  ${`${lo.toFixed(2)}-${Math.min(hi, 1).toFixed(2)}`.padEnd(26)}${percent(inBand.filter((r) => r.correct).length, inBand.length)}, mean confidence ${mean.toFixed(2)}`);
  }
  return lines;
}

function table(results: CaseResult[]): string {
  const correct = results.filter((r) => r.correct).length;
  const withSecondary = results.filter((r) => r.secondaryRight !== null);
  const lines = [
    'BATCH', ...tally(results, (r) => r.batch),
    '', 'CATEGORY', ...tally(results, (r) => r.expected),
    '', 'CONFIDENCE (of the labelled diagnosis)', ...bands(results),
    '', `${'all (strict)'.padEnd(28)}${percent(correct, results.length)}`,
    `${'secondary right'.padEnd(28)}${percent(withSecondary.filter((r) => r.secondaryRight).length, withSecondary.length)}`,
    `${'labels named only in prose'.padEnd(28)}${results.filter((r) => r.dropped.length).length} cases (those names not asked)`,
  ];
  const misses = results.filter((r) => !r.correct);
  if (misses.length) {
    lines.push('', 'Misses:');
    for (const m of misses) lines.push(`  ${m.id}: expected ${m.expected}, got ${m.predicted}: ${m.why}`);
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const batchAt = args.indexOf('--batch');
  const batch = batchAt >= 0 ? args[batchAt + 1] : undefined;
  const dir = args.find((a, i) => !a.startsWith('-') && (batchAt < 0 || i !== batchAt + 1));
  const results = await runCorpus(dir ? resolve(dir) : CORPUS, batch);
  console.log(args.includes('--json') ? JSON.stringify(results, null, 2) : table(results));
}
