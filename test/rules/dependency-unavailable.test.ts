import rule from '../../src/rules/dependency-unavailable.js';
import { RuleTester } from '../helpers/rule-tester.js';
import { bundle, CONTAINER, EXIT0, EXIT1, EXIT137 } from './log-rules.fixtures.js';

const PG = [
  '2025-02-27 06:36:21,101 INFO Starting exporter v1.0',
  '2025-02-27 06:36:21,340 INFO Connecting to postgres at orders-db.shop.svc.cluster.local:5432',
  'Traceback (most recent call last):',
  '  File "/app/main.py", line 40, in <module>',
  '    conn = psycopg2.connect(DSN)',
  'psycopg2.OperationalError: could not connect to server: Connection refused',
  '\tIs the server running on host "orders-db.shop.svc.cluster.local" (10.96.12.4) and accepting',
  '\tTCP/IP connections on port 5432?',
];
const BUSYBOX_DNS = ['waiting for orders-db', "nslookup: can't resolve 'orders-db.shop'", 'Server:    10.96.0.10'];
const WAIT_TIMEOUT = [
  'Datastore connection verified',
  'ERROR: Unable to set node configuration: Failed to ensure datastore has been initialized: "timed out waiting for the condition"',
  'node failed to start',
];
const GO_DNS = ['2025/02/27 06:36:21 starting', '2025/02/27 06:36:22 FATAL dial tcp: lookup redis-master.cache.svc.cluster.local on 10.96.0.10:53: no such host'];

new RuleTester().run(rule, {
  valid: [
    { name: 'a refused connection in a log, but the container was OOM-killed (137)', context: { files: bundle(EXIT137, PG), container: CONTAINER } },
    { name: 'a retry that succeeded: exit 0', context: { files: bundle(EXIT0, ['WARN connection refused, retrying', 'INFO connected']), container: CONTAINER } },
    { name: 'an INFO line about a past timeout is not the failure', context: { files: bundle(EXIT1, ['INFO previous attempt: i/o timeout, recovered', 'panic: boom']), container: CONTAINER } },
    {
      name: '"timed out waiting for the condition" is a client poll giving up, not a network timeout',
      context: { files: bundle(EXIT1, WAIT_TIMEOUT), container: CONTAINER },
    },
  ],
  invalid: [
    {
      name: '.NET StackExchange.Redis cannot connect (a Stackdriver export)',
      context: {
        files: bundle(EXIT1, [' textPayload:  "StackExchange.Redis.RedisConnectionException: It was not possible to connect to the redis server(s); to create a disconnected multiplexer, disable AbortOnConnectFail. ProtocolFailure on PING', '   at StackExchange.Redis.ConnectionMultiplexer.ConnectImpl(Func`1 multiplexerFactory, TextWriter log)']),
        container: CONTAINER,
      },
      expect: { category: 'dependency-unavailable', evidence: [{ line: 1, text: /not possible to connect/ }] },
    },
    {
      name: "busybox nslookup: can't resolve",
      context: { files: bundle(EXIT1, BUSYBOX_DNS), container: CONTAINER },
      expect: { category: 'dependency-unavailable', evidence: [{ line: 2, text: /can't resolve/ }] },
    },
    {
      name: 'psycopg2 connection refused, exit 1',
      context: { files: bundle(EXIT1, PG), container: CONTAINER },
      expect: { category: 'dependency-unavailable', evidence: [{ line: 6, text: /Connection refused/ }, { text: /Exit Code:\s+1/ }], summary: /could not reach/ },
    },
    {
      name: 'Go DNS failure names the host',
      context: { files: bundle(EXIT1, GO_DNS), container: CONTAINER },
      expect: { category: 'dependency-unavailable', evidence: [{ line: 2, text: /no such host/ }], remediation: [/did not resolve/] },
    },
  ],
});
