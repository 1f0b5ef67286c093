import rule from '../../src/rules/runtime-heap-oom.js';
import { BASE, BASE_CONTAINER, lastTerminated, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';
import { bundle, CONTAINER, EXIT1 } from './log-rules.fixtures.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'an INFO line that mentions OutOfMemoryError is not a heap OOM', context: { files: bundle(EXIT1, ['INFO heap guard: no java.lang.OutOfMemoryError seen in 24h', 'panic: boom']), container: CONTAINER } },
    { name: 'a kernel OOM kill is oom-killed, not this', context: { files: bundle(BASE, ['Exception in thread "main" java.lang.OutOfMemoryError: Java heap space']), container: BASE_CONTAINER } },
  ],
  invalid: [
    {
      name: 'Java heap space, exit 1',
      context: {
        files: bundle(EXIT1, ['Exception in thread "main" java.lang.OutOfMemoryError: Java heap space', '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3512)']),
        container: CONTAINER,
      },
      expect: { category: 'runtime-heap-oom', evidence: [{ line: 1, text: /java\.lang\.OutOfMemoryError: Java heap space/ }], remediation: [/MaxRAMPercentage/] },
    },
    {
      name: 'Node.js heap limit, exit 134',
      context: {
        files: bundle(withState(lastTerminated('Error', 134)), ['<--- Last few GCs --->', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', ' 1: 0xb090e0 node::Abort() [node]']),
        container: CONTAINER,
      },
      expect: { category: 'runtime-heap-oom', evidence: [{ line: 2, text: /JavaScript heap out of memory/ }], remediation: [/max-old-space-size/] },
    },
  ],
});
