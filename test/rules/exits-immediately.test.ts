import { describe, expect, it } from 'vitest';
import { oneShotCommand } from '../../src/knowledge/commands.js';
import rule from '../../src/rules/exits-immediately.js';
import { BASE, BASE_CONTAINER, lastTerminated, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';

/** A Pod manifest as applied (no status) and the `kubectl get pods` line of it in a crash loop. */
function applied(command: string): Record<string, string> {
  return {
    'pod.yaml': ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: probe-pod', 'spec:', '  containers:', '  - name: main', '    image: ubuntu:22.04', `    command: ${command}`, ''].join('\n'),
    'pods.txt': 'NAME        READY   STATUS             RESTARTS       AGE\nprobe-pod   0/1     CrashLoopBackOff   10 (2m ago)    34m\n',
  };
}

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM kill', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    { name: 'exit 1 is a failure, not a finished process', context: { files: { 'describe.txt': withState(lastTerminated('Error', 1)) }, container: BASE_CONTAINER } },
    { name: 'sleep infinity never ends: the loop has another cause', context: { files: applied('["sleep", "infinity"]'), container: 'main' } },
    { name: 'an hour-long sleep outlives the back-off reset', context: { files: applied('["/bin/sleep", "3600"]'), container: 'main' } },
    { name: 'a shell loop keeps running', context: { files: applied('["sh", "-c", "while true; do echo hi; sleep 5; done"]'), container: 'main' } },
  ],
  invalid: [
    {
      name: 'Completed with exit 0 under restartPolicy Always, 6 restarts',
      context: { files: { 'describe.txt': withState(lastTerminated('Completed', 0)) }, container: BASE_CONTAINER },
      expect: { category: 'exits-immediately', evidence: [{ text: /Reason:\s+Completed/ }, { text: /Exit Code:\s+0/ }, { text: /Restart Count:\s+6/ }], summary: /after 1 s/ },
    },
    {
      name: 'no termination record: the applied command is a 30 s sleep, the listing shows the loop',
      context: { files: applied('["/bin/sleep", "30s"]'), container: 'main' },
      expect: { category: 'exits-immediately', evidence: [{ artifact: /pods\.txt/, line: 2, text: /CrashLoopBackOff/ }, { artifact: /pod\.yaml/, line: 9, text: /sleep/ }], summary: /ends after 30 s/ },
    },
    {
      name: 'no termination record: sh -c running only echo',
      context: { files: applied('["sh", "-c", "echo started && date"]'), container: 'main' },
      expect: { category: 'exits-immediately', summary: /only runs commands that return/ },
    },
  ],
});

describe('one-shot commands', () => {
  it('reads sleeps by their length, utilities by name, and shell scripts through', () => {
    expect(oneShotCommand(['echo', 'hello'])).toMatch(/echo/);
    expect(oneShotCommand(['/bin/sleep', '5m'])).toMatch(/300 s/);
    expect(oneShotCommand(['sleep', '10m'])).toBeUndefined();
    expect(oneShotCommand(['nginx', '-g', 'daemon off;'])).toBeUndefined();
    expect(oneShotCommand(['ping', '10.0.0.1'])).toBeUndefined();
    expect(oneShotCommand(['/bin/sh', '-c', 'cat /etc/config.yaml; echo done'])).toMatch(/only runs commands that return/);
    expect(oneShotCommand(['sh', '-c', 'echo start; exec myserver'])).toBeUndefined();
    expect(oneShotCommand(['sh', '-c', 'tail -f /dev/null'])).toBeUndefined();
    expect(oneShotCommand([])).toBeUndefined();
  });
});
