import rule from '../../src/rules/oom-killed.js';
import { editLine, RuleTester } from '../helpers/rule-tester.js';
import { fixture, holmesBody } from '../helpers/fixtures.js';
import { BASE_CONTAINER, lastTerminated, withEvents, withResources, withState } from '../helpers/describe-edit.js';

const H = 'holmesgpt/tests/llm/fixtures';
const OOM = holmesBody(fixture(`${H}/test_investigate/01_oom_kill/kubectl_describe.txt`));
const CRASH = holmesBody(fixture(`${H}/test_investigate/05_crashpod/kubectl_describe.txt`));
const OOM_REASON_LINE = OOM.split('\n').findIndex((l) => /^\s+Reason:\s+OOMKilled/.test(l)) + 1;

new RuleTester().run(rule, {
  valid: [
    { name: 'exit 1 after Reason: Error is an app crash', context: { files: { 'describe.txt': CRASH }, container: 'flask' } },
    {
      name: '137 without OOMKilled after failed liveness probes is the kubelet\'s kill, not an OOM',
      context: {
        files: {
          'describe.txt': withEvents(
            [
              '  Warning  Unhealthy  2m (x9 over 4m)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 500',
              '  Normal   Killing    2m (x3 over 4m)  kubelet  Container memory-eater failed liveness probe, will be restarted',
            ],
            editLine(OOM, OOM_REASON_LINE, '      Reason:       Error'),
          ),
        },
        container: 'memory-eater',
      },
    },
    {
      name: '137 reported as Error in a container whose spec sets no memory limit: no cgroup limit to hit',
      context: { files: { 'describe.txt': withResources(['    Requests:', '      cpu:        100m'], withState(lastTerminated('Error', 137))) }, container: BASE_CONTAINER },
    },
  ],
  invalid: [
    {
      name: '137 reported as Error with nothing in the bundle sending the kill: OOM at low confidence',
      context: { files: { 'describe.txt': editLine(OOM, OOM_REASON_LINE, '      Reason:       Error') }, container: 'memory-eater' },
      expect: { category: 'oom-killed', evidence: [{ text: /Reason:\s+Error/ }, { text: /Exit Code:\s+137/ }], summary: /nothing in the bundle sent that kill/ },
    },
    {
      name: 'Last State OOMKilled under a 100Mi limit (real kubectl describe)',
      context: { files: { 'describe.txt': OOM }, container: 'memory-eater' },
      expect: {
        category: 'oom-killed',
        evidence: [{ line: OOM_REASON_LINE, text: /Reason:\s+OOMKilled/ }, { text: /Exit Code:\s+137/ }, { text: /memory:\s+100Mi/ }],
        remediation: [/memory-eater in Deployment analytics-exporter-fast from 100Mi to about 200Mi/],
      },
    },
    {
      name: 'lastState.terminated.reason OOMKilled in a Pod object',
      context: {
        files: {
          'pod.json': JSON.stringify(
            {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: 'worker-0', namespace: 'jobs' },
              spec: { containers: [{ name: 'w', image: 'w:1', resources: { limits: { memory: '1Gi' } } }] },
              status: {
                phase: 'Running',
                containerStatuses: [
                  { name: 'w', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } } },
                ],
              },
            },
            null,
            2,
          ),
        },
        container: 'w',
      },
      expect: { category: 'oom-killed', evidence: [{ text: /"reason": "OOMKilled"/ }], remediation: [/from 1Gi to about 2Gi/] },
    },
  ],
});
