import rule from '../../src/rules/startup-probe.js';
import { afterRestartCount, BASE, BASE_CONTAINER, lastTerminated, withEvents, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

const PROBE = ['    Startup:        http-get http://:8080/ready delay=0s timeout=1s period=5s #success=1 #failure=6'];
const UNHEALTHY = '  Warning  Unhealthy  11s (x18 over 1m40s)  kubelet            Startup probe failed: HTTP probe failed with statuscode: 503';
const KILLING = `  Normal   Killing    11s (x3 over 1m10s)   kubelet            Container ${BASE_CONTAINER} failed startup probe, will be restarted`;

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM kill', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    {
      name: 'a liveness kill is not a startup-probe kill',
      context: {
        files: { 'describe.txt': withEvents([`  Normal   Killing    65s   kubelet            Container ${BASE_CONTAINER} failed liveness probe, will be restarted`], withState(lastTerminated('Error', 137))) },
        container: BASE_CONTAINER,
      },
    },
  ],
  invalid: [
    {
      name: 'Startup probe failed + failed startup probe kill',
      context: { files: { 'describe.txt': withEvents([UNHEALTHY, KILLING], afterRestartCount(PROBE, withState(lastTerminated('Error', 137)))) }, container: BASE_CONTAINER },
      expect: { category: 'startup-probe', evidence: [{ text: /failed startup probe, will be restarted/ }, { text: /Startup probe failed/ }], remediation: [/failureThreshold 6/] },
    },
  ],
});
