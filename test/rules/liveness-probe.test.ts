import rule from '../../src/rules/liveness-probe.js';
import { afterRestartCount, BASE, BASE_CONTAINER, lastTerminated, withEvents, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

const PROBE = ['    Liveness:       http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3'];
const UNHEALTHY = '  Warning  Unhealthy  65s (x9 over 2m45s)   kubelet            Liveness probe failed: Get "http://10.244.0.63:8080/healthz": dial tcp 10.244.0.63:8080: connect: connection refused';
const KILLING = `  Normal   Killing    65s (x3 over 2m25s)   kubelet            Container ${BASE_CONTAINER} failed liveness probe, will be restarted`;
const killed = withEvents([UNHEALTHY, KILLING], afterRestartCount(PROBE, withState(lastTerminated('Error', 137))));

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM kill without probe events', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    {
      name: 'a failing readiness probe restarts nothing',
      context: {
        files: { 'describe.txt': withEvents(['  Warning  Unhealthy  5s (x40 over 7m)   kubelet            Readiness probe failed: HTTP probe failed with statuscode: 503'], afterRestartCount(PROBE)) },
        container: BASE_CONTAINER,
      },
    },
  ],
  invalid: [
    {
      name: 'Unhealthy + Killing events, exit 137 (kubectl describe)',
      context: { files: { 'describe.txt': killed }, container: BASE_CONTAINER },
      expect: {
        category: 'liveness-probe',
        evidence: [{ text: /failed liveness probe, will be restarted/ }, { text: /Liveness probe failed: Get/ }, { text: /Liveness:\s+http-get/ }],
        remediation: [/initialDelaySeconds 0, timeoutSeconds 1, periodSeconds 10, failureThreshold 3/, /startupProbe/],
        summary: /connection refused/,
      },
    },
    {
      name: 'the pre-1.14 Killing wording',
      context: {
        files: {
          'describe.txt': withEvents(
            [UNHEALTHY, `  Normal   Killing    65s (x3 over 2m25s)   kubelet, node-1    Killing container with id docker://${BASE_CONTAINER}:Container failed liveness probe.. Container will be killed and recreated.`],
            afterRestartCount(PROBE, withState(lastTerminated('Error', 137))),
          ),
        },
        container: BASE_CONTAINER,
      },
      expect: { category: 'liveness-probe', evidence: [{ text: /Container failed liveness probe\.\. Container will be killed/ }] },
    },
  ],
});
