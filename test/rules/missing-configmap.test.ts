import rule from '../../src/rules/missing-configmap.js';
import { BASE, BASE_CONTAINER, withEvents, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

const WAITING = ['    State:          Waiting', '      Reason:       CreateContainerConfigError'];
const CREATING = ['    State:          Waiting', '      Reason:       ContainerCreating'];

new RuleTester().run(rule, {
  valid: [
    { name: 'nothing about ConfigMaps', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    {
      name: 'a missing Secret is not a missing ConfigMap',
      context: { files: { 'describe.txt': withEvents(['  Warning  Failed     12s (x8 over 1m30s)   kubelet            Error: secret "db" not found'], withState(WAITING)) }, container: BASE_CONTAINER },
    },
  ],
  invalid: [
    {
      name: 'Failed event: configmap not found',
      context: { files: { 'describe.txt': withEvents(['  Warning  Failed     3s (x12 over 2m10s)   kubelet            Error: configmap "exporter-settings" not found'], withState(WAITING)) }, container: BASE_CONTAINER },
      expect: { category: 'missing-configmap', evidence: [{ text: /Error: configmap "exporter-settings" not found/ }], remediation: [/kubectl create configmap exporter-settings -n default/] },
    },
    {
      name: 'FailedMount of a configMap volume (the kube-api-access projected volume names it)',
      context: {
        files: {
          'describe.txt': withEvents(
            ['  Warning  FailedMount  2m (x9 over 20m)  kubelet  MountVolume.SetUp failed for volume "kube-api-access-2vlp9" : configmap "kube-root-ca.crt" not found'],
            withState(CREATING),
          ),
        },
        container: BASE_CONTAINER,
      },
      expect: { category: 'missing-configmap', evidence: [{ text: /MountVolume\.SetUp failed for volume "kube-api-access-2vlp9" : configmap "kube-root-ca\.crt" not found/ }], summary: /ConfigMap kube-root-ca\.crt/ },
    },
  ],
});
