import rule from '../../src/rules/volume-mount.js';
import { BASE, BASE_CONTAINER, withEvents, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

const CREATING = withState(['    State:          Waiting', '      Reason:       ContainerCreating']);
const MULTI = '  Warning  FailedAttachVolume  3m  attachdetach-controller  Multi-Attach error for volume "pvc-0f3c" Volume is already used by pod(s) exporter-0';
const NFS = '  Warning  FailedMount  1m (x8 over 15m)  kubelet  MountVolume.SetUp failed for volume "kube-api-access-2vlp9" : mount failed: exit status 32';

new RuleTester().run(rule, {
  valid: [
    { name: 'no mount trouble', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    { name: 'a running container is not held up by a volume event', context: { files: { 'describe.txt': withEvents([NFS], withState(['    State:          Running', '      Started:      Thu, 27 Feb 2025 07:36:21 +0100'])) }, container: BASE_CONTAINER } },
  ],
  invalid: [
    {
      name: 'FailedMount while ContainerCreating',
      context: { files: { 'describe.txt': withEvents([NFS], CREATING) }, container: BASE_CONTAINER },
      expect: { category: 'volume-mount', evidence: [{ text: /MountVolume\.SetUp failed for volume "kube-api-access-2vlp9" : mount failed/ }] },
    },
    {
      name: 'Multi-Attach of a ReadWriteOnce disk',
      context: { files: { 'describe.txt': withEvents([MULTI], CREATING) }, container: BASE_CONTAINER },
      expect: { category: 'volume-mount', evidence: [{ text: /Multi-Attach error/ }], remediation: [/only one pod uses the ReadWriteOnce claim/] },
    },
  ],
});
