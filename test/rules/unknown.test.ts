import rule from '../../src/rules/unknown.js';
import { fixture, holmesBody } from '../helpers/fixtures.js';
import { RuleTester } from '../helpers/rule-tester.js';

const H = 'holmesgpt/tests/llm/fixtures';
const OOM = holmesBody(fixture(`${H}/test_investigate/01_oom_kill/kubectl_describe.txt`));

// `unknown` always answers for the container it is given; the engine only asks it about failing
// containers and keeps its answer only when no other rule fired (see engine.test.ts).
new RuleTester().run(rule, {
  valid: [],
  invalid: [
    {
      name: 'names the exact kubectl commands to capture what is missing',
      context: { files: { 'describe.txt': OOM }, container: 'memory-eater' },
      expect: {
        category: 'unknown',
        remediation: [
          /^kubectl logs analytics-exporter-fast-76897854c-cw5wh -n default -c memory-eater --previous$/,
          /^kubectl get events -n default --field-selector involvedObject.name=analytics-exporter-fast-76897854c-cw5wh$/,
        ],
        summary: /no log of the failed instance/,
      },
    },
  ],
});
