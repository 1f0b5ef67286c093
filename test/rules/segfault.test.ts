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
    {
      name: 'the same Go panic in a log pasted alone (no exit code) is still an app crash',
      context: { files: { 'controller.log': ['panic: runtime error: invalid memory address or nil pointer dereference', '[signal SIGSEGV: segmentation violation code=0x1 addr=0x8 pc=0x108178b]', 'goroutine 29 [running]:', ''].join('\n') }, container: '<container>' },
    },
  ],
  invalid: [
    {
      name: 'a fault in native code under Go (cgo): the runtime calls it an unexpected signal',
      context: { files: { 'agent.log': ['fatal error: unexpected signal during runtime execution', '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x7f3a]', ''].join('\n') }, container: '<container>' },
      expect: { category: 'segfault', evidence: [{ line: 1, text: /unexpected signal/ }] },
    },
    {
      name: 'exit 139 with a core dump line',
      context: { files: bundle(withState(lastTerminated('Error', 139)), ['starting worker', 'Segmentation fault (core dumped)']), container: CONTAINER },
      expect: { category: 'segfault', evidence: [{ text: /Exit Code:\s+139/ }, { line: 2, text: /Segmentation fault/ }] },
    },
  ],
});
