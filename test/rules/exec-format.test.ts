import rule from '../../src/rules/exec-format.js';
import { RuleTester } from '../helpers/rule-tester.js';
import { bundle, CONTAINER, EXIT1 } from './log-rules.fixtures.js';
import { withState, lastTerminated } from '../helpers/describe-edit.js';

new RuleTester().run(rule, {
  valid: [{ name: 'an ordinary exception', context: { files: bundle(EXIT1, ['Exception in thread "main" java.lang.IllegalStateException: no']), container: CONTAINER } }],
  invalid: [
    {
      name: 'runc >= 1.1 wording',
      context: { files: bundle(withState(lastTerminated('Error', 255)), ['exec /usr/local/bin/server: exec format error']), container: CONTAINER },
      expect: { category: 'exec-format', evidence: [{ line: 1, text: /exec format error/ }], remediation: [/kubernetes\.io\/arch/] },
    },
    {
      name: 'older standard_init_linux wording',
      context: { files: bundle(withState(lastTerminated('Error', 1)), ['standard_init_linux.go:228: exec user process caused: exec format error']), container: CONTAINER },
      expect: { category: 'exec-format', evidence: [{ line: 1, text: /exec user process caused: exec format error/ }] },
    },
  ],
});
