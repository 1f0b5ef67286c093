/** What the diagnosis snapshot keeps of an analysis: per diagnosis, its subject, category, secondary and evidence lines. */
import type { Analysis } from '../src/analyze.js';

export interface SnapshotEntry {
  subject: string;
  category: string;
  secondary: string | null;
  evidence: string[];
}

export function snapshotOf(a: Analysis): SnapshotEntry[] {
  return a.diagnoses.map((d) => ({
    subject: `${d.namespace}/${d.pod}/${d.container}`,
    category: d.category,
    secondary: d.secondary,
    evidence: d.evidence.map((e) => `${e.artifact}:${e.line}`),
  }));
}

/** The committed snapshot the tests compare against (`npm run snapshot -- --update` rewrites it). */
export const GOLDEN = 'test/fixtures/diagnoses.golden.json';
