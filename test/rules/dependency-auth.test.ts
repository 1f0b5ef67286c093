import rule from '../../src/rules/dependency-auth.js';
import { RuleTester } from '../helpers/rule-tester.js';
import { bundle, CONTAINER, EXIT1, EXIT137 } from './log-rules.fixtures.js';

const AUTH = ['2025-02-27 06:36:21.101 UTC [1] LOG:  starting', 'FATAL:  password authentication failed for user "orders"'];

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM-killed container with an old auth line', context: { files: bundle(EXIT137, AUTH), container: CONTAINER } },
    { name: 'a refused connection is not an auth failure', context: { files: bundle(EXIT1, ['Error: connect ECONNREFUSED 10.0.0.5:5432']), container: CONTAINER } },
  ],
  invalid: [
    { name: 'PostgreSQL password authentication failed', context: { files: bundle(EXIT1, AUTH), container: CONTAINER }, expect: { category: 'dependency-auth', evidence: [{ line: 2, text: /password authentication failed/ }] } },
    {
      name: 'MySQL access denied',
      context: { files: bundle(EXIT1, ["java.sql.SQLException: Access denied for user 'app'@'10.244.1.7' (using password: YES)"]), container: CONTAINER },
      expect: { category: 'dependency-auth', evidence: [{ line: 1, text: /Access denied for user/ }] },
    },
  ],
});
