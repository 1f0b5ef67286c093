import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { renderReport } from '../src/report/index.js';
import { BASE } from './helpers/describe-edit.js';
import { tempBundle } from './helpers/fixtures.js';

/** Lines that look like pieces of real kubectl output, to mix into random files. */
const PIECES = [
  'Name:             api-1',
  'Containers:',
  '  api:',
  '    State:          Terminated',
  '      Reason:       OOMKilled',
  '      Exit Code:    137',
  'Events:',
  '  Type     Reason   Age   From     Message',
  '  Warning  BackOff  3s    kubelet  Back-off restarting failed container api in pod api-1_default(x)',
  'LAST SEEN   TYPE      REASON    OBJECT      MESSAGE',
  'apiVersion: v1',
  'kind: Pod',
  '{"apiVersion": "v1", "kind": "PodList", "items": [',
  '==== START logs for container api of pod default/api-1 ====',
  'panic: boom',
  '2026-06-24T10:32:15.123456789Z stdout P partial',
  '***HIDDEN***',
  '\t\t\t',
  '',
];

describe('odd bundles never break the analysis', () => {
  it('random mixes of kubectl-like lines, random bytes and truncations: every file is listed, nothing throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((lines) => lines.join('\n')),
            fc.string({ maxLength: 300 }),
            fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
            fc.nat({ max: BASE.length }).map((n) => BASE.slice(0, n)),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        async (files) => {
          const bundle = Object.fromEntries(files.map((content, i) => [`f${i}.txt`, content]));
          const analysis = await analyze(tempBundle(bundle));
          expect(analysis.inventory.map((i) => i.path).sort()).toEqual(Object.keys(bundle).sort());
          for (const format of ['md', 'json', 'html'] as const) expect(renderReport(analysis, format).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
