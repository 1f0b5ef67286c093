import rule from '../../src/rules/cpu-throttling.js';
import { fixture, holmesBody } from '../helpers/fixtures.js';
import { afterRestartCount, BASE, BASE_CONTAINER, lastTerminated, withEvents, withResources, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

const H = 'holmesgpt/tests/llm/fixtures/test_investigate/03_cpu_throttling';
const TIGHT = ['    Limits:', '      cpu:     100m', '      memory:  512Mi', '    Requests:', '      cpu:        100m', '      memory:     512Mi'];
const PROBE = ['    Liveness:       http-get http://:8080/actuator/health delay=10s timeout=1s period=10s #success=1 #failure=3'];
const SLOW = '  Warning  Unhealthy  20s (x12 over 3m)   kubelet            Liveness probe failed: Get "http://10.244.0.63:8080/actuator/health": context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
const KILL = `  Normal   Killing    20s (x4 over 2m40s)  kubelet            Container ${BASE_CONTAINER} failed liveness probe, will be restarted`;
const throttled = withEvents([SLOW, KILL], afterRestartCount(PROBE, withResources(TIGHT, withState(lastTerminated('Error', 143)))));
const TOP = 'POD                                       NAME           CPU(cores)   MEMORY(bytes)\nanalytics-exporter-fast-76897854c-cw5wh   memory-eater   99m          301Mi\n';

new RuleTester().run(rule, {
  valid: [
    { name: 'a real 10m-limited pod that runs fine (no probe trouble, no restarts)', context: { files: { 'describe.txt': holmesBody(fixture(`${H}/kubectl_describe.txt`)) }, container: 'stress' } },
    { name: 'no CPU limit at all', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    {
      name: 'slow probes under a generous limit are not throttling',
      context: { files: { 'describe.txt': withEvents([SLOW, KILL], withResources(['    Limits:', '      cpu:     4', '    Requests:', '      cpu:        1'])) }, container: BASE_CONTAINER },
    },
  ],
  invalid: [
    {
      name: '100m limit, liveness timeouts and kills',
      context: { files: { 'describe.txt': throttled }, container: BASE_CONTAINER },
      expect: { category: 'cpu-throttling', evidence: [{ text: /cpu:\s+100m/ }, { text: /context deadline exceeded/ }], remediation: [/from 100m to about 400m/] },
    },
    {
      name: 'kubectl top shows the container at its limit',
      context: { files: { 'describe.txt': throttled, 'top.txt': TOP }, container: BASE_CONTAINER },
      expect: { category: 'cpu-throttling', evidence: [{ artifact: /top\.txt/, text: /99m/ }], summary: /uses 99m/ },
    },
  ],
});
