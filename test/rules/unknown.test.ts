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
      name: 'events alone: restarts with no kill by the kubelet say the process ends by itself',
      context: {
        files: {
          'events.txt': [
            'Events:',
            '  Type     Reason     Age               From                   Message',
            '  ----     ------     ----              ----                   -------',
            '  Normal   Created    46s (x4 over 1m)  kubelet, node-1        Created container',
            '  Normal   Started    46s (x4 over 1m)  kubelet, node-1        Started container',
            '  Warning  BackOff    15s (x7 over 1m)  kubelet, node-1        Back-off restarting failed container',
            '',
          ].join('\n'),
        },
        container: '<container>',
      },
      expect: { category: 'unknown', summary: /4 starts and back-off with no kill by the kubelet/ },
    },
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
