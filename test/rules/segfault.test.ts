import rule from '../../src/rules/segfault.js';
import { BASE, BASE_CONTAINER, lastTerminated, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';
import { bundle, CONTAINER } from './log-rules.fixtures.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM kill (137)', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    {
      name: 'a Go nil dereference panics with SIGSEGV but exits 2: an app crash',
      context: {
        files: bundle(withState(lastTerminated('Error', 2)), ['panic: runtime error: invalid memory address or nil pointer dereference', '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1f2c]']),
        container: CONTAINER,
      },
    },
  ],
  invalid: [
    {
      name: 'exit 139 with a core dump line',
      context: { files: bundle(withState(lastTerminated('Error', 139)), ['starting worker', 'Segmentation fault (core dumped)']), container: CONTAINER },
      expect: { category: 'segfault', evidence: [{ text: /Exit Code:\s+139/ }, { line: 2, text: /Segmentation fault/ }] },
    },
  ],
});
