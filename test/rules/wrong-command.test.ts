import rule from '../../src/rules/wrong-command.js';
import { fixture, holmesBody } from '../helpers/fixtures.js';
import { BASE, BASE_CONTAINER, lastTerminated, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';
import { bundle, CONTAINER, EXIT1 } from './log-rules.fixtures.js';

const INIT_STARTERROR = holmesBody(fixture('holmesgpt/tests/llm/fixtures/test_investigate/02_crashloop_backoff/kubectl_describe.txt'));

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM kill', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    { name: 'a plain exit 1', context: { files: bundle(EXIT1, ['Error: listen EADDRINUSE :::8080']), container: CONTAINER } },
    {
      name: "the node's containerd shim is missing, not the image's command",
      context: { files: { 'events.txt': `  Warning  Failed     14s (x3 over 32s)  kubelet, k3s-1     Error: failed to create containerd task: failed to start shim: exec: \"containerd-shim\": executable file not found in $PATH: unknown\n` }, container: '<container>' },
    },
  ],
  invalid: [
    {
      name: 'exit 127 from the dynamic loader: the library is named, not the command',
      context: { files: bundle(withState(lastTerminated('Error', 127)), ['/usr/local/bin/lxcfs: error while loading shared libraries: libfuse.so.2: cannot open shared object file: No such file or directory']), container: CONTAINER },
      expect: { category: 'wrong-command', evidence: [{ text: /Exit Code:\s+127/ }, { line: 1, text: /libfuse\.so\.2/ }], summary: /needs libfuse\.so\.2/, remediation: [/libfuse\.so\.2/] },
    },
    {
      name: 'real StartError: exec: "wge": executable file not found in $PATH (init container)',
      context: { files: { 'describe.txt': INIT_STARTERROR }, container: 'downloader' },
      expect: { category: 'wrong-command', evidence: [{ text: /exec: "wge": executable file not found in \$PATH/ }], summary: /wge is not in the image/ },
    },
    {
      name: 'exit 127 with the shell saying not found',
      context: { files: bundle(withState(lastTerminated('Error', 127)), ['/bin/sh: 1: gunicorn: not found']), container: CONTAINER },
      expect: { category: 'wrong-command', evidence: [{ text: /Exit Code:\s+127/ }, { line: 1, text: /gunicorn: not found/ }] },
    },
  ],
});
