import { describe as suite, expect, it } from 'vitest';
import rule from '../../src/rules/missing-secret.js';
import { afterRestartCount, BASE, BASE_CONTAINER, withEvents, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

const WAITING = ['    State:          Waiting', '      Reason:       CreateContainerConfigError'];
const ENV = ['    Environment:', "      DB_PASSWORD:  <set to the key 'password' in secret 'payments-db'>  Optional: false"];
const FAILED = '  Warning  Failed     12s (x8 over 1m30s)   kubelet            Error: secret "payments-db" not found';
const describe = withEvents([FAILED], afterRestartCount(ENV, withState(WAITING)));
const pod = (state: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web-0
  namespace: shop
spec:
  containers:
  - name: web
    image: web:1
    env:
    - name: API_TOKEN
      valueFrom:
        secretKeyRef:
          key: token
          name: web-keys
status:
  containerStatuses:
  - name: web
    ready: false
    restartCount: 0
    state:
${state}
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM kill says nothing about Secrets', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    {
      name: 'a missing ConfigMap is not a missing Secret',
      context: {
        files: { 'describe.txt': withEvents(['  Warning  Failed     12s (x8 over 1m30s)   kubelet            Error: configmap "web-cfg" not found'], withState(WAITING)) },
        container: BASE_CONTAINER,
      },
    },
  ],
  invalid: [
    {
      name: 'describe: CreateContainerConfigError and the Failed event name the Secret',
      context: { files: { 'describe.txt': describe }, container: BASE_CONTAINER },
      expect: {
        category: 'missing-secret',
        evidence: [{ text: /Reason:\s+CreateContainerConfigError/ }, { text: /Error: secret "payments-db" not found/ }, { text: /DB_PASSWORD:\s+<set to the key 'password' in secret 'payments-db'>/ }],
        remediation: [/kubectl create secret generic payments-db -n default/],
      },
    },
    {
      name: 'pod object: the waiting message names a missing key',
      context: {
        files: {
          'pod.yaml': pod("      waiting:\n        message: couldn't find key token in Secret shop/web-keys\n        reason: CreateContainerConfigError"),
        },
        container: 'web',
      },
      expect: { category: 'missing-secret', evidence: [{ text: /couldn't find key token in Secret shop\/web-keys/ }, { text: /name: API_TOKEN/ }], summary: /key token of Secret web-keys/ },
    },
  ],
});

suite('a support bundle existence check as evidence', () => {
  it('secretExists: false for a Secret the waiting container references', async () => {
    const { readFileSync } = await import('node:fs');
    const { analyze } = await import('../../src/analyze.js');
    const { FIXTURES, tempBundle } = await import('../helpers/fixtures.js');
    const check = readFileSync(`${FIXTURES}/replicatedhq-troubleshoot/extracted/test-baselines-supportbundle-baseline/supportbundle/secrets/default/example-secret.json`, 'utf8');
    const pod = JSON.stringify({
      kind: 'PodList',
      apiVersion: 'v1',
      items: [
        {
          kind: 'Pod',
          apiVersion: 'v1',
          metadata: { name: 'web-1', namespace: 'default' },
          spec: { containers: [{ name: 'web', image: 'web:1', env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'example-secret', key: 'token' } } }] }] },
          status: { phase: 'Pending', containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { waiting: { reason: 'CreateContainerConfigError' } } }] },
        },
      ],
    }, null, 2);
    const a = await analyze(tempBundle({ 'cluster-resources/pods/default.json': pod, 'secrets/default/example-secret.json': check }));
    expect(a.inventory.find((i) => i.path.startsWith('secrets/'))?.kind).toBe('existence-check');
    const d = a.diagnoses[0]!;
    expect(d.category).toBe('missing-secret');
    expect(d.evidence.some((e) => e.artifact === 'secrets/default/example-secret.json' && /"secretExists": false/.test(e.text))).toBe(true);
  });
});
