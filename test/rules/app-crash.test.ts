import rule from '../../src/rules/app-crash.js';
import { fixture, holmesBody } from '../helpers/fixtures.js';
import { editLine, RuleTester } from '../helpers/rule-tester.js';

const H = 'holmesgpt/tests/llm/fixtures';
const CRASH = holmesBody(fixture(`${H}/test_investigate/05_crashpod/kubectl_describe.txt`));
const CRASH_LOG = holmesBody(fixture(`${H}/test_investigate/05_crashpod/kubectl_previous_logs.txt`));
const OOM = holmesBody(fixture(`${H}/test_investigate/01_oom_kill/kubectl_describe.txt`));
const EXIT_LINE = CRASH.split('\n').findIndex((l) => /^\s+Exit Code:\s+1$/.test(l)) + 1;

const PY_LOG = [
  '2025-03-01 10:00:00,001 INFO starting worker',
  '2025-03-01 10:00:00,120 INFO OutOfMemory guard configured at 80%',
  'Traceback (most recent call last):',
  '  File "/app/main.py", line 12, in <module>',
  '    main()',
  '  File "/app/main.py", line 8, in main',
  '    port = int(os.environ["PORT"])',
  "KeyError: 'PORT'",
].join('\n');

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM kill is not the application exiting', context: { files: { 'describe.txt': OOM }, container: 'memory-eater' } },
    {
      name: 'exit 143 (SIGTERM from outside) is not an application exit',
      context: { files: { 'describe.txt': editLine(CRASH, EXIT_LINE, '      Exit Code:    143') }, container: 'flask' },
    },
  ],
  invalid: [
    {
      name: 'a Go nil-pointer panic pasted alone: the panic line, not the signal line under it',
      context: { files: { 'controller.log': ['panic: runtime error: invalid memory address or nil pointer dereference', '[signal SIGSEGV: segmentation violation code=0x1 addr=0x8 pc=0x108178b]', 'goroutine 29 [running]:', ''].join('\n') }, container: '<container>' },
      expect: { category: 'app-crash', evidence: [{ line: 1, text: /^panic: runtime error/ }] },
    },
    {
      name: 'a Rust panic',
      context: { files: { 'core.log': "thread 'main' panicked at src/main.rs:12:5:\ncalled `Option::unwrap()` on a `None` value\n" }, container: '<container>' },
      expect: { category: 'app-crash', evidence: [{ line: 1, text: /panicked at/ }] },
    },
    {
      name: 'a listing says Error (no exit code) and the log names the refusal: PostgreSQL on a mount point',
      context: {
        files: {
          'pods.txt': 'postgres-6c78787cf7-h65pg   0/1     Error                   1 (2s ago)   12s\n',
          'logs.txt': 'Data page checksums are disabled.\n\ninitdb: directory "/var/lib/postgresql/data" exists but is not empty\nIt contains a lost+found directory, perhaps due to it being a mount point.\n',
        },
        container: '<container>',
      },
      expect: { category: 'app-crash', evidence: [{ artifact: /pods\.txt/, line: 1, text: /Error/ }, { artifact: /logs\.txt/, line: 4, text: /lost\+found/ }] },
    },
    {
      name: 'a migration left dirty, pasted alone: quoted even though the next line blames the database',
      context: {
        files: { 'web.log': 'No pending migrations to apply.\nerror: Dirty database version 1. Fix and force version.\nApplying clickhouse migrations failed. This is mostly caused by the database being unavailable.\nExiting...\n' },
        container: '<container>',
      },
      expect: { category: 'app-crash', evidence: [{ line: 3, text: /migrations failed/ }] },
    },
    {
      name: 'exit 1 with the crashing log next to the describe (real fixture)',
      context: { files: { 'describe.txt': CRASH, 'previous.log': CRASH_LOG }, container: 'flask' },
      expect: { category: 'app-crash', evidence: [{ line: EXIT_LINE, text: /Exit Code:\s+1$/ }] },
    },
    {
      name: 'a Python traceback: the final exception line is quoted, not the INFO line that mentions OutOfMemory',
      context: { files: { 'describe.txt': CRASH, 'flask-previous.log': PY_LOG }, container: 'flask' },
      expect: {
        category: 'app-crash',
        evidence: [
          { artifact: /flask-previous\.log/, line: 3, text: /^Traceback/ },
          { artifact: /flask-previous\.log/, line: 8, text: /^KeyError: 'PORT'$/ },
        ],
        summary: /KeyError: 'PORT'/,
      },
    },
  ],
});
