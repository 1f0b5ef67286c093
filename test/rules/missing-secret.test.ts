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
