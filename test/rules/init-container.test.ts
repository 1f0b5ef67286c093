import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import rule from '../../src/rules/init-container.js';
import { fixture, holmesBody, tempBundle } from '../helpers/fixtures.js';
import { BASE, BASE_CONTAINER } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

const INIT = holmesBody(fixture('holmesgpt/tests/llm/fixtures/test_investigate/02_crashloop_backoff/kubectl_describe.txt'));

new RuleTester().run(rule, {
  valid: [
    { name: 'an app container', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    { name: 'the app container waiting for the init container', context: { files: { 'describe.txt': INIT }, container: 'exporter' } },
  ],
  invalid: [
    {
      name: 'real Init:CrashLoopBackOff with a StartError',
      context: { files: { 'describe.txt': INIT }, container: 'downloader' },
      expect: { category: 'init-container', evidence: [{ text: /Reason:\s+StartError/ }], remediation: [/kubectl logs \S+ -n default -c downloader --previous/] },
    },
  ],
});

describe('init-container in the engine', () => {
  it('takes the init container\'s own cause as the secondary', async () => {
    const analysis = await analyze(tempBundle({ 'describe.txt': INIT }));
    expect(analysis.diagnoses.map((d) => [d.container, d.init, d.category, d.secondary])).toEqual([['downloader', true, 'init-container', 'wrong-command']]);
    expect(analysis.diagnoses[0]!.evidence.some((e) => /executable file not found/.test(e.text))).toBe(true);
  });
});
