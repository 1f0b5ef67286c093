import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { CATEGORY_IDS, SEVERITIES } from '../../src/model/types.js';
import { renderReport } from '../../src/report/index.js';
import { cli } from '../helpers/cli.js';
import { ROOT, SAMPLES } from '../helpers/fixtures.js';
import { expectValidReport, SCHEMA, validateReport } from './schema.js';

const dirs = (root: string) =>
  readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
const samples = dirs(SAMPLES);
const CORPUS = join(ROOT, 'test/corpus');

interface Defs {
  $defs: { category: { enum: string[] }; severity: { enum: string[] } };
}

describe('schema/report.schema.json', () => {
  it('is JSON Schema 2020-12 and names the taxonomy and the severities of the code', async () => {
    expect(SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const defs = (SCHEMA as unknown as Defs).$defs;
    expect(defs.category.enum).toEqual([...CATEGORY_IDS]);
    expect(defs.severity.enum).toEqual([...SEVERITIES]);
  });

  const report = async () =>
    JSON.parse((await cli(['analyze', 'samples/oom-killed', '-f', 'json'])).stdout) as { diagnoses?: { category: string; secondary: string | null; severity: string }[] };

  it('rejects a report without diagnoses', async () => {
    const doc = await report();
    expect(validateReport(doc)).toBe(true);
    delete doc.diagnoses;
    expect(validateReport(doc)).toBe(false);
    expect(validateReport.errors?.[0]).toMatchObject({ keyword: 'required', params: { missingProperty: 'diagnoses' } });
  });

  it('rejects a category that is not a taxonomy id', async () => {
    const doc = await report();
    doc.diagnoses![0]!.category = 'crash-loop-back-off';
    expect(validateReport(doc)).toBe(false);
    expect(validateReport.errors?.some((e) => e.instancePath === '/diagnoses/0/category' && e.keyword === 'enum')).toBe(true);
  });

  it('rejects an unknown secondary category and an unknown severity', async () => {
    const a = await report();
    a.diagnoses![0]!.secondary = 'CrashLoopBackOff';
    expect(validateReport(a)).toBe(false);
    const b = await report();
    b.diagnoses![0]!.severity = 'fatal';
    expect(validateReport(b)).toBe(false);
  });
});

describe('every JSON report validates against the schema', () => {
  for (const sample of samples) {
    it(`sample ${sample}, redacted and not`, async () => {
      for (const extra of [[], ['--no-redact']]) {
        const r = await cli(['analyze', join('samples', sample), '-f', 'json', ...extra]);
        expect(r.status, r.stderr).toBe(0);
        const doc = expectValidReport(r.stdout);
        expect(doc.redacted).toBe(extra.length === 0);
      }
    });
  }

  it('every case of the real-world corpus', async () => {
    const cases = dirs(CORPUS);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const analysis = await analyze(join(CORPUS, c));
      expectValidReport(renderReport(analysis, 'json'));
    }
  });

  it('all samples read as one analysis: every sample\'s diagnoses are in it, none lost', async () => {
    const r = await cli(['analyze', ...samples.map((s) => join('samples', s)), '-f', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = expectValidReport(r.stdout);
    type D = { namespace: string; pod: string; container: string; category: string };
    const together = new Set((doc.diagnoses as D[]).map((d) => `${d.namespace}/${d.pod}/${d.container} ${d.category}`));
    let alone = 0;
    for (const s of samples) {
      for (const d of (await analyze(join(SAMPLES, s))).diagnoses) {
        alone++;
        expect(together, `${s}: ${d.pod}/${d.container}`).toContain(`${d.namespace}/${d.pod}/${d.container} ${d.category}`);
      }
    }
    expect(together.size).toBe(alone);
  });
});
