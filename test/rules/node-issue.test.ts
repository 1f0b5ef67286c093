import rule from '../../src/rules/node-issue.js';
import { BASE, BASE_CONTAINER, lastTerminated, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

const EVICTED = BASE.replace(
  /^Status:(\s+)Running$/m,
  'Status:$1Failed\nReason:           Evicted\nMessage:          The node was low on resource: memory. Threshold quantity: 100Mi, available: 48Mi. Container memory-eater was using 900Mi, request is 100Mi, has larger consumption of memory. ',
);

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM kill by its own limit is not the node', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    {
      name: 'a full disk that the process survived (exit 0)',
      context: { files: { 'describe.txt': withState(lastTerminated('Completed', 0)), [`${BASE_CONTAINER}-previous.log`]: 'ERROR write failed: no space left on device, retrying\n' }, container: BASE_CONTAINER },
    },
  ],
  invalid: [
    {
      name: 'containerd could not start its shim (a node binary missing after an upgrade)',
      context: { files: { 'events.txt': `  Warning  Failed     14s (x3 over 32s)  kubelet, k3s-1     Error: failed to create containerd task: failed to start shim: exec: \"containerd-shim\": executable file not found in $PATH: unknown\n` }, container: '<container>' },
      expect: { category: 'node-issue', evidence: [{ line: 1, text: /failed to start shim/ }] },
    },
    {
      name: 'a log pasted alone that ends on the inotify limit of the node',
      context: {
        files: { 'plugin.log': 'I0620 19:14:08.748712       1 server.go:285] Start server\nE0620 19:14:08.935267       1 manager.go:146] Failed to serve plugin: too many open files\nFailed to create watcher for /var/lib/kubelet/device-plugins/x.sock\n' },
        container: '<container>',
      },
      expect: { category: 'node-issue', evidence: [{ line: 2, text: /too many open files/ }], remediation: [/inotify/] },
    },
    {
      name: 'exit 1 after the disk filled up',
      context: { files: { 'describe.txt': withState(lastTerminated('Error', 1)), [`${BASE_CONTAINER}-previous.log`]: 'writing segment 00042\nFATAL: could not write to file "pg_wal/xlogtemp.31": No space left on device\n' }, container: BASE_CONTAINER },
      expect: { category: 'node-issue', evidence: [{ text: /Exit Code:\s+1/ }, { line: 2, text: /No space left on device/ }], remediation: [/Free disk/] },
    },
    {
      name: 'pod Evicted for node memory',
      context: { files: { 'describe.txt': withState(lastTerminated('Error', 137), EVICTED) }, container: BASE_CONTAINER },
      expect: { category: 'node-issue', evidence: [{ text: /^Reason:\s+Evicted$/ }, { text: /The node was low on resource: memory/ }], summary: /evicted the pod/ },
    },
    {
      name: 'the runtime lost the container (Unknown, exit 255)',
      context: { files: { 'describe.txt': withState(lastTerminated('Unknown', 255)) }, container: BASE_CONTAINER },
      expect: { category: 'node-issue', evidence: [{ text: /Reason:\s+Unknown/ }] },
    },
  ],
});
