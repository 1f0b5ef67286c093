import rule from '../../src/rules/image-pull.js';
import { fixture, holmesBody } from '../helpers/fixtures.js';
import { BASE, BASE_CONTAINER } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

const PULL = holmesBody(fixture('holmesgpt/tests/llm/fixtures/test_investigate/04_image_pull_backoff/kubectl_describe.txt'));

new RuleTester().run(rule, {
  valid: [{ name: 'a container that ran (OOM-killed) had its image', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } }],
  invalid: [
    {
      name: 'real ErrImagePull with the registry answer',
      context: { files: { 'describe.txt': PULL }, container: 'crw-main-container' },
      expect: { category: 'image-pull', evidence: [{ text: /Reason:\s+ErrImagePull/ }, { text: /Failed to pull image/ }], summary: /not a crash loop/ },
    },
  ],
});
