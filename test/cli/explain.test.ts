import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { RULES } from '../../src/rules/index.js';
import { CATEGORY_IDS } from '../../src/model/types.js';

describe('podmortem explain and rules (offline knowledge)', () => {
  const cases: [string, RegExp[]][] = [
    ['137', [/SIGKILL/, /only when the termination reason says OOMKilled/]],
    ['139', [/segmentation fault/, /segfault/]],
    ['143', [/SIGTERM/]],
    ['1', [/application reported a failure/, /app-crash/]],
    ['OOMKilled', [/terminated reason/, /usually oom-killed/]],
    ['CreateContainerConfigError', [/missing-secret/, /missing-configmap/, /runAsNonRoot/]],
    ['crashloopbackoff', [/symptom, never a cause/, /10s, 20s, 40s, 1m20s, 2m40s, 5m0s/]],
    ['FailedMount', [/event reason/, /volume-mount/]],
    ['liveness-probe', [/failureThreshold/]],
  ];
  for (const [term, want] of cases) {
    it(`explain ${term}`, async () => {
      const r = await cli(['explain', term]);
      expect(r.status).toBe(0);
      for (const re of want) expect(r.stdout).toMatch(re);
    });
  }

  it('explain of something unknown exits 2 with a hint', async () => {
    const r = await cli(['explain', 'NotAThing']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing known about "NotAThing"/);
  });

  it('rules lists every rule; rules ID prints its docs', async () => {
    const list = (await cli(['rules'])).stdout;
    for (const id of RULES.keys()) expect(list).toMatch(new RegExp(`^${id}\\s`, 'm'));
    const one = await cli(['rules', 'wrong-command']);
    expect(one.stdout).toMatch(/What it means: .*executable/);
    expect((await cli(['rules', 'nope'])).status).toBe(2);
  });

  it('every taxonomy category but unknown has a rule, and every category can be explained', async () => {
    const categories = new Set([...RULES.values()].map((r) => r.category));
    for (const id of CATEGORY_IDS) {
      expect(categories.has(id), id).toBe(true);
      expect((await cli(['explain', id])).status).toBe(0);
    }
  });
});
