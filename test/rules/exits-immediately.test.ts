import rule from '../../src/rules/exits-immediately.js';
import { BASE, BASE_CONTAINER, lastTerminated, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM kill', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    { name: 'exit 1 is a failure, not a finished process', context: { files: { 'describe.txt': withState(lastTerminated('Error', 1)) }, container: BASE_CONTAINER } },
  ],
  invalid: [
    {
      name: 'Completed with exit 0 under restartPolicy Always, 6 restarts',
      context: { files: { 'describe.txt': withState(lastTerminated('Completed', 0)) }, container: BASE_CONTAINER },
      expect: { category: 'exits-immediately', evidence: [{ text: /Reason:\s+Completed/ }, { text: /Exit Code:\s+0/ }, { text: /Restart Count:\s+6/ }], summary: /after 1 s/ },
    },
  ],
});
