import rule from '../../src/rules/permission-denied.js';
import { BASE, BASE_CONTAINER, lastTerminated, withEvents, withState } from '../helpers/describe-edit.js';
import { RuleTester } from '../helpers/rule-tester.js';
import { bundle, CONTAINER, EXIT0, EXIT1 } from './log-rules.fixtures.js';

new RuleTester().run(rule, {
  valid: [
    { name: 'an OOM kill', context: { files: { 'describe.txt': BASE }, container: BASE_CONTAINER } },
    { name: 'a denied write that the app survived (exit 0)', context: { files: bundle(EXIT0, ['WARN open /tmp/x: permission denied, continuing']), container: CONTAINER } },
  ],
  invalid: [
    {
      name: 'a klog F line pasted alone: the log is the whole record',
      context: {
        files: { 'search.log': 'I0112 12:29:59.483273       1 reaper_linux.go:59] Launching periodic reaper\nF0112 12:29:59.483357       1 main.go:57] error: unable to create directory: mkdir /var/lib/search/bugs: permission denied\n' },
        container: '<container>',
      },
      expect: { category: 'permission-denied', evidence: [{ line: 2, text: /permission denied/ }], remediation: [/\/var\/lib\/search\/bugs/] },
    },
    {
      name: 'a read-only root file system, exit 1',
      context: { files: bundle(EXIT1, ["nginx: [emerg] mkdir() \"/var/cache/nginx/client_temp\" failed (30: Read-only file system)"]), container: CONTAINER },
      expect: { category: 'permission-denied', evidence: [{ line: 1, text: /Read-only file system/ }], remediation: [/emptyDir/] },
    },
    {
      name: 'EACCES on a data file',
      context: { files: bundle(EXIT1, ["Error: EACCES: permission denied, open '/data/app.lock'"]), container: CONTAINER },
      expect: { category: 'permission-denied', evidence: [{ line: 1, text: /EACCES: permission denied/ }] },
    },
    {
      name: 'runAsNonRoot with a root image (Failed event)',
      context: {
        files: {
          'describe.txt': withEvents(
            ['  Warning  Failed     5s (x6 over 1m)   kubelet            Error: container has runAsNonRoot and image will run as root (pod: "analytics-exporter-fast-76897854c-cw5wh_default(a954616f)", container: memory-eater)'],
            withState(['    State:          Waiting', '      Reason:       CreateContainerConfigError']),
          ),
        },
        container: BASE_CONTAINER,
      },
      expect: { category: 'permission-denied', evidence: [{ text: /runAsNonRoot and image will run as root/ }], remediation: [/runAsUser/] },
    },
    {
      name: 'runAsNonRoot with runAsUser 0 (Failed event)',
      context: {
        files: {
          'describe.txt': withEvents(
            ['  Warning  Failed     2m55s (x12 over 5m8s)  kubelet            Error: container\'s runAsUser breaks non-root policy (pod: "analytics-exporter-fast-76897854c-cw5wh_default(a954616f)", container: memory-eater)'],
            withState(['    State:          Waiting', '      Reason:       CreateContainerConfigError']),
          ),
        },
        container: BASE_CONTAINER,
      },
      expect: { category: 'permission-denied', evidence: [{ text: /runAsUser breaks non-root policy/ }], remediation: [/runAsUser a non-zero UID/] },
    },
    { name: 'exit 126', context: { files: { 'describe.txt': withState(lastTerminated('Error', 126)) }, container: BASE_CONTAINER }, expect: { category: 'permission-denied', evidence: [{ text: /Exit Code:\s+126/ }] } },
  ],
});
