import rule from '../../src/rules/node-issue.js';
import { BASE, BASE_CONTAINER, lastTerminated, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

const EVICTED = BASE.replace(
  /^Status:(\s+)Running$/m,
  'Status:$1Failed\nReason:           Evicted\nMessage:          The node was low on resource: memory. Threshold quantity: 100Mi, available: 48Mi. Container memory-eater was using 900Mi, request is 100Mi, has larger consumption of memory. ',
);

new RuleTester().run(rule, {
  valid: [{ name: 'an OOM kill by its own limit is not the node', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } }],
  invalid: [
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
