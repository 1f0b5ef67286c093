import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { segmentText } from '../src/detect/segment.js';
import { lineOf, SAMPLES, tempBundle } from './helpers/fixtures.js';

/**
 * What people really paste: one file holding a whole terminal session, logs that name no pod,
 * decisive lines outside the shapes the parsers expect. Built from the repository's samples and
 * from the kubelet's and the kernel's real wording (the team's kubernetes-formats reference).
 */
const sample = (path: string) => readFileSync(join(SAMPLES, path), 'utf8').replace(/\n+$/, '\n');

const OUTPUTS = [
  { command: '$ kubectl get pods -n loyalty', text: sample('image-pull/get-pods.txt') },
  { command: 'user@bastion:~$ kubectl logs ledger-worker-5b8c9d7f6-q4m2z -c ledger-worker -n payments --previous', text: sample('app-crash/logs-previous.txt') },
  { command: '[ops@jump ~]$ kubectl logs -n notifications notification-dispatcher-84d7c9f5b6-lm4tr -c dispatcher -p', text: sample('bad-config-value/logs-previous.txt') },
  { command: 'PS C:\\Users\\ops> kubectl describe pod fx-rates-5c6d7b8f9-jm4lw -n treasury', text: sample('exec-format/describe.txt') },
  { command: 'PS C:\\Users\\ops> kubectl logs fx-rates-5c6d7b8f9-jm4lw -n treasury --previous', text: sample('exec-format/logs-previous.txt') },
];

const summary = (a: Awaited<ReturnType<typeof analyze>>) =>
  a.diagnoses.map((d) => `${d.namespace}/${d.pod}/${d.container} ${d.category} ${d.secondary ?? '-'}`).sort();

describe('a pasted terminal session', () => {
  it('gives the same diagnoses as the same outputs in separate files, with evidence lines in the transcript', async () => {
    const transcript = OUTPUTS.map((o) => `${o.command}\n${o.text}`).join('\n');
    const one = tempBundle({ 'session.txt': transcript });
    const apart = tempBundle(Object.fromEntries(OUTPUTS.map((o, i) => [`paste-${i + 1}.txt`, `${o.command}\n${o.text}`])));
    const [together, separate] = [await analyze(one), await analyze(apart)];
    expect(summary(together)).toEqual(summary(separate));
    expect(summary(together)).toEqual(
      expect.arrayContaining([
        'payments/ledger-worker-5b8c9d7f6-q4m2z/ledger-worker app-crash -',
        'notifications/notification-dispatcher-84d7c9f5b6-lm4tr/dispatcher bad-config-value -',
        'treasury/fx-rates-5c6d7b8f9-jm4lw/fx-rates exec-format -',
        'loyalty/points-ledger-85f9d6c7b4-c3zq8/<container> image-pull -',
      ]),
    );
    // Every quoted line is that line of the transcript.
    for (const d of together.diagnoses) {
      for (const e of d.evidence) {
        expect(e.artifact).toBe('session.txt');
        expect(lineOf(one, e.artifact, e.line)).toBe(e.text);
      }
    }
    const entry = together.inventory.find((i) => i.path === 'session.txt')!;
    expect(entry.kind).toBe('session');
    expect(entry.segments!.map((s) => s.kind)).toEqual(['get-pods-table', 'container-log', 'container-log', 'describe-pod', 'container-log']);
  });

  it('splits at every common prompt shape and names each output by its command line', () => {
    const prompts = ['$ ', '# ', 'user@host:~$ ', '[user@host dir]$ ', 'PS C:\\> ', 'user@host ~> ', 'bash-5.1$ ', 'sh-4.4$ ', '/ # ', ''];
    for (const p of prompts) {
      const lines = [`${p}kubectl logs web-0 -c app -n shop --previous`, 'panic: boom', `${p}oc get pods`, 'NAME    READY   STATUS   RESTARTS   AGE', 'web-0   0/1     Error    3          1m'];
      const segments = segmentText(lines);
      expect(segments.map((s) => [s.start, s.end]), `prompt ${JSON.stringify(p)}`).toEqual([
        [1, 2],
        [3, 5],
      ]);
      expect(segments[0]!.about?.kubectl).toEqual({ verb: 'logs', pod: 'web-0', namespace: 'shop', container: 'app', previous: true });
    }
  });

  it('reads kubectl get all: several tables, with pod/ and deployment.apps/ prefixes, as outputs of one file', async () => {
    const getAll = [
      '$ kubectl get all -n shop',
      'NAME                       READY   STATUS             RESTARTS      AGE',
      'pod/api-7d9f6b5c4-xk2p9    0/1     CrashLoopBackOff   6 (2m ago)    9m',
      'pod/web-5f7c8d9b6-abcde    1/1     Running            0             9m',
      '',
      'NAME          TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE',
      'service/api   ClusterIP   10.96.12.34    <none>        8080/TCP   9m',
      '',
      'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
      'deployment.apps/api   0/1     1            0           9m',
      '',
    ].join('\n');
    const a = await analyze(tempBundle({ 'output.log': getAll }));
    expect(a.diagnoses.map((d) => `${d.namespace}/${d.pod}`)).toEqual(['shop/api-7d9f6b5c4-xk2p9']);
    const kinds = a.inventory[0]!.segments!.map((s) => s.kind);
    expect(kinds).toEqual(['get-pods-table', 'get-table', 'get-table']);
  });

  it('a JSON log line followed by a stack trace stays one log', () => {
    const lines = ['{"level":"info","msg":"starting"}', 'node:fs:573', '  return binding.open(', 'Error: EACCES: permission denied, open \'/data/x\''];
    expect(segmentText(lines)).toHaveLength(1);
  });
});

describe('evidence that names no pod', () => {
  it('two logs of two components, naming no pod, are each diagnosed', async () => {
    const a = await analyze(
      tempBundle({
        'paste-1.txt': '2024-05-01T10:00:00Z INFO starting api\n2024-05-01T10:00:01Z FATAL failed to connect to database: dial tcp 10.0.0.5:5432: connect: connection refused\n',
        'paste-2.txt': 'Traceback (most recent call last):\n  File "/app/worker.py", line 3, in <module>\n    import redis\nModuleNotFoundError: No module named \'redis\'\n',
      }),
    );
    expect(a.diagnoses.map((d) => d.category).sort()).toEqual(['app-crash', 'dependency-unavailable']);
    expect(new Set(a.diagnoses.map((d) => d.evidence[0]!.artifact))).toEqual(new Set(['paste-1.txt', 'paste-2.txt']));
  });

  it('a dmesg segfault line is a memory fault', async () => {
    const a = await analyze(tempBundle({ 'dmesg.txt': '[ 1234.567890] worker[4242]: segfault at 0 ip 00007f3a2b1c0d4e sp 00007ffd5e6f7a80 error 4 in libc.so.6[7f3a2b000000+195000]\n' }));
    expect(a.diagnoses.map((d) => d.category)).toEqual(['segfault']);
    expect(a.diagnoses[0]!.evidence[0]!.line).toBe(1);
  });

  it('a README that quotes kubelet messages in a table stays quiet', async () => {
    const readme = [
      '# Troubleshooting',
      '',
      '| message | meaning |',
      '| --- | --- |',
      '| `Back-off restarting failed container` | the container keeps crashing |',
      '| `Liveness probe failed: HTTP probe failed with statuscode: 500` | the probe failed |',
      '| `Error: secret "db" not found` | create the Secret first |',
      '',
      'When you see `OOMKilled`, raise the memory limit.',
    ].join('\n');
    const a = await analyze(tempBundle({ 'README.md': readme, 'docs/faq.md': readme }));
    expect(a.diagnoses).toEqual([]);
  });
});

describe('decisive signals without a termination record', () => {
  it('repeated liveness failures with a crash loop are a liveness kill, with no Killing event', async () => {
    const events = [
      'Events:',
      '  Type     Reason     Age                 From     Message',
      '  ----     ------     ----                ----     -------',
      '  Warning  Unhealthy  2m (x9 over 6m)     kubelet  Liveness probe failed: Get "http://10.1.2.3:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      '  Warning  BackOff    30s (x12 over 5m)   kubelet  Back-off restarting failed container api in pod api-6c8f7d9b5-2xk4q_shop(0c9d2e6a-1b7f-4c33-9a51-7e2f8b6d4a10)',
      '',
    ].join('\n');
    const a = await analyze(tempBundle({ 'paste-1.txt': events }));
    expect(a.diagnoses.map((d) => [d.pod, d.container, d.category])).toEqual([['api-6c8f7d9b5-2xk4q', 'api', 'liveness-probe']]);
  });
});

describe('pod histories and status lines', () => {
  it('a watch stream with Completed rows is a process that ends by itself', async () => {
    const watch = [
      '$ kubectl get pods -w',
      'NAME      READY   STATUS             RESTARTS   AGE',
      'batch-0   1/1     Running            0          5s',
      'batch-0   0/1     Completed          0          8s',
      'batch-0   1/1     Running            1          10s',
      'batch-0   0/1     Completed          1          13s',
      'batch-0   0/1     CrashLoopBackOff   1          25s',
      '',
    ].join('\n');
    const a = await analyze(tempBundle({ 'session.txt': watch }));
    expect(a.diagnoses.map((d) => [d.pod, d.category])).toEqual([['batch-0', 'exits-immediately']]);
    // The Completed row is quoted: the last run's end.
    expect(a.diagnoses[0]!.evidence.map((e) => e.line)).toContain(6);
  });

  it('Reason: Evicted pasted alone is the node, quoted', async () => {
    const lines = 'Status:           Failed\nReason:           Evicted\nMessage:          The node was low on resource: ephemeral-storage. Container worker was using 10740Ki, which exceeds its request of 0.\n';
    const a = await analyze(tempBundle({ 'paste-1.txt': lines }));
    expect(a.diagnoses.map((d) => d.category)).toEqual(['node-issue']);
    expect(a.diagnoses[0]!.evidence.map((e) => e.line)).toEqual(expect.arrayContaining([2]));
  });

  it('a FailedMount message over several lines (Mounting command, Output) is one volume-mount finding', async () => {
    const events = [
      'Events:',
      '  Type     Reason       Age                From     Message',
      '  ----     ------       ----               ----     -------',
      '  Warning  FailedMount  2m (x9 over 20m)   kubelet  MountVolume.SetUp failed for volume "nfs-data" : mount failed: exit status 32',
      'Mounting command: mount',
      'Mounting arguments: -t nfs 10.0.0.9:/export/data /var/lib/kubelet/pods/1b2c/volumes/kubernetes.io~nfs/nfs-data',
      'Output: mount: wrong fs type, bad option, bad superblock on 10.0.0.9:/export/data, missing codepage or helper program, or other error',
      '  Warning  FailedMount  1m (x9 over 18m)   kubelet  Unable to attach or mount volumes: unmounted volumes=[nfs-data]: timed out waiting for the condition',
      '',
    ].join('\n');
    const a = await analyze(tempBundle({ 'paste-1.txt': events }));
    expect(a.diagnoses.map((d) => d.category)).toEqual(['volume-mount']);
    expect(a.diagnoses[0]!.evidence[0]!.line).toBe(4);
  });
});

/** Names people's pastes give only in passing: command lines, kubelet messages, later listings. */
describe('names from what a paste prints', () => {
  const diag = async (files: Record<string, string>) => summary(await analyze(tempBundle(files)));

  it('what kubectl logs printed is a log even with no failure word, and a listing\'s init stand-in takes its container name', async () => {
    const text = [
      '$ kubectl get pod',
      'NAME        READY   STATUS                  RESTARTS      AGE',
      'jenkins-0   0/2     Init:CrashLoopBackOff   8 (69s ago)   7m34s',
      '$ kubectl logs jenkins-0 -c init',
      'Plugin git:4.10.2 depends on configuration-as-code:1414, but there is an older version defined on the top level',
    ].join('\n');
    const a = await analyze(tempBundle({ 'paste.txt': `${text}\n` }));
    expect(a.inventory.find((i) => i.path === 'paste.txt')!.segments!.map((s) => s.kind)).toEqual(['get-pods-table', 'container-log']);
    expect(summary(a)).toContain('default/jenkins-0/init init-container -');
  });

  it('reads the wrappers and aliases kubectl is run by', async () => {
    for (const binary of ['microk8s.kubectl', 'k3s kubectl', 'kubecolor', '/usr/local/bin/kubectl']) {
      const text = [`${binary} describe pod nfs-provisioner-7c9d8b6f5-abcde`, '', 'Events:', '  Type     Reason       Age                From     Message', '  ----     ------       ----               ----     -------', '  Warning  FailedMount  32s (x8 over 96s)  kubelet  MountVolume.SetUp failed for volume "root" : mount failed: exit status 32'].join('\n');
      expect(await diag({ 'paste.txt': `${text}\n` }), binary).toEqual(['<namespace>/nfs-provisioner-7c9d8b6f5-abcde/<container> volume-mount -']);
    }
  });

  it('a container status message that YAML folded over lines still names its container', async () => {
    // The kubelet's wording (kuberuntime), folded the way kubectl -o yaml prints a long string.
    const text = [
      '    state:',
      '      waiting:',
      "        message: 'container has runAsNonRoot and image will run as root (pod: \"test-pod_default(10f4ec1d-329c-4a01-8a88-c0fb545b553f)\",",
      "          container: test)'",
      '        reason: CreateContainerConfigError',
    ].join('\n');
    expect(await diag({ 'paste.txt': `${text}\n` })).toEqual(['default/test-pod/test permission-denied -']);
  });

  it('event rows whose Age and From were cut to ... still name the container', async () => {
    const text = ['Events:', '  Warning  Unhealthy  ...  Liveness probe failed: HTTP probe failed with statuscode: 404', '  Normal   Killing    ...  Container webhook failed liveness probe, will be restarted'].join('\n');
    expect(await diag({ 'paste.txt': `${text}\n` })).toEqual(['<namespace>/<pod>/webhook liveness-probe -']);
  });

  it('a crash line pasted among event lines is read as the container\'s log, not dropped', async () => {
    const text = ["chown: changing ownership of '/data/state.json': Permission denied", 'Back-off restarting failed container init-permissions'].join('\n');
    const [d] = (await analyze(tempBundle({ 'paste.txt': `${text}\n` }))).diagnoses;
    expect(d).toMatchObject({ container: 'init-permissions', category: 'permission-denied' });
    expect(d!.evidence.map((e) => e.line)).toContain(1);
  });

  it('two logs named by their command lines beside unnamed events are two pods, and neither log is lost', async () => {
    const a = await analyze(tempBundle({
      'paste-1.txt': '$ kubectl logs api-5f6d7c8b9-qwxyz\npanic: runtime error: invalid memory address or nil pointer dereference\n',
      'paste-2.txt': '$ kubectl logs db-0\nFATAL:  password authentication failed for user "app"\n',
      'paste-3.txt': 'Events:\n  Warning  BackOff  1m (x30 over 10m)  kubelet  Back-off restarting failed container\n',
    }));
    const pods = a.diagnoses.map((d) => d.pod).sort();
    expect(pods).toEqual(['api-5f6d7c8b9-qwxyz', 'db-0']);
    expect(a.diagnoses.find((d) => d.pod === 'db-0')!.category).toBe('dependency-auth');
  });

  it('a jsonpath answer is read as that field of the pod, and a later watch row is the newer state', async () => {
    const text = [
      '$ kubectl get pod sleep-8565f7797d-8mqqn -o jsonpath="{.status.initContainerStatuses}"',
      '[{"image":"istio/proxyv2:1.9.2","lastState":{},"name":"istio-init","ready":true,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]',
      '',
      '$ kubectl get pods --watch',
      'NAME                     READY   STATUS       RESTARTS   AGE',
      'sleep-8565f7797d-8mqqn   2/2     Running      0          12m',
      'sleep-8565f7797d-8mqqn   0/2     Init:Error   0          13m',
      'sleep-8565f7797d-8mqqn   0/2     Init:CrashLoopBackOff   1          13m',
    ].join('\n');
    const a = await analyze(tempBundle({ 'paste.txt': `${text}\n` }));
    expect(a.inventory.find((i) => i.path === 'paste.txt')!.segments![0]!.kind).toBe('manifest-json');
    expect(summary(a)).toEqual(['default/sleep-8565f7797d-8mqqn/istio-init init-container -']);
  });

  it('an eviction message names the container of a pod status pasted alone', async () => {
    const text = ['status:', "  message: 'The node was low on resource: ephemeral-storage. Container worker", "    was using 73712Ki, which exceeds its request of 0. '", '  phase: Failed', '  reason: Evicted'].join('\n');
    expect(await diag({ 'paste.txt': `${text}\n` })).toEqual(['<namespace>/<pod>/worker node-issue -']);
  });

  it('an eviction for a container\'s own ephemeral-storage limit names that container', async () => {
    // The kubelet's eviction manager wording for a container over its limit.
    const text = ['Status:           Failed', 'Reason:           Evicted', 'Message:          Container consumerui exceeded its local ephemeral storage limit "20Mi". '].join('\n');
    expect(await diag({ 'paste.txt': `${text}\n` })).toEqual(['<namespace>/<pod>/consumerui node-issue -']);
  });

  it('a console\'s reason-then-message lines name the pod by the scheduler\'s message', async () => {
    const text = ['Scheduled', 'Successfully assigned games/valheim-6fd49b4644-c2w6g to node-3', '', 'FailedMount', 'MountVolume.SetUp failed for volume "gamefiles" : hostPath type check failed: /data/valheim is not a directory'].join('\n');
    expect(await diag({ 'paste.txt': `${text}\n` })).toEqual(['games/valheim-6fd49b4644-c2w6g/<container> volume-mount -']);
  });
});

describe('more shapes of real pastes', () => {
  it('a k9s view copied with its box borders is read without them, line for line', async () => {
    const rows = [
      '  Normal   Pulling    102s (x4 over 3m9s)  kubelet            Pulling image "pf/approver:0.1.0"',
      '  Warning  Failed     101s (x4 over 3m7s)  kubelet            Failed to pull image "pf/approver:0.1.0": rpc error: code = Unknown desc = pull access denied',
      '  Warning  Failed     86s (x6 over 3m7s)   kubelet            Error: ImagePullBackOff',
    ];
    const text = rows.map((r) => `│ ${r.padEnd(150)} │`).join('\n');
    const a = await analyze(tempBundle({ 'paste.txt': `${text}\n` }));
    expect(a.diagnoses.map((d) => d.category)).toEqual(['image-pull']);
    expect(a.diagnoses[0]!.evidence.some((e) => e.line === 2 && e.text.startsWith('  Warning  Failed'))).toBe(true);
  });

  it('a failed postStart hook: what the hook printed is the container\'s last words', async () => {
    // The kubelet's event message for an exec hook (pkg/kubelet/lifecycle), as a describe prints it.
    const message = 'Exec lifecycle hook ([chown -R app /var/log/app]) for Container "app" in Pod "web-0_shop(f6bb560d-ae21-11e9-9ce2-00ccefa6f134)" failed - error: command \'chown -R app /var/log/app\' exited with 1: , message: "chown: changing ownership of \'/var/log/app\': Permission denied\\n"';
    const text = ['Events:', '  Type     Reason               Age   From     Message', '  ----     ------               ----  ----     -------', `  Warning  FailedPostStartHook  10s   kubelet  ${message}`].join('\n');
    expect(summary(await analyze(tempBundle({ 'paste.txt': `${text}\n` })))).toEqual(['shop/web-0/app permission-denied -']);
  });

  it('a probe kill filed as a Normal event is a failing container', async () => {
    const text = ['Events:', '  Type     Reason     Age                From     Message', '  ----     ------     ----               ----     -------', '  Normal   Killing    45m (x2 over 47m)  kubelet  Container manager failed liveness probe, will be restarted'].join('\n');
    expect(summary(await analyze(tempBundle({ 'paste.txt': `${text}\n` })))).toEqual(['<namespace>/<pod>/manager liveness-probe -']);
  });

  it('a container status pasted beside a listing belongs to the one pod in trouble', async () => {
    const listing = ['NAMESPACE     NAME                 READY   STATUS             RESTARTS   AGE', 'default       web-6d4cf56db6-abcde 1/1     Running            0          2h', 'helm          tiller-rc-grgyb      0/1     ImagePullBackOff   0          15m'].join('\n');
    const status = ['"containerStatuses": [{', '    "name": "tiller",', '    "state": {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image \\"gcr.io/x/tiller:canary\\""}},', '    "ready": false,', '    "restartCount": 0,', '    "image": "gcr.io/x/tiller:canary"', '}]'].join('\n');
    expect(summary(await analyze(tempBundle({ 'paste-1.txt': `${listing}\n`, 'paste-2.txt': `${status}\n` })))).toEqual(['helm/tiller-rc-grgyb/tiller image-pull -']);
  });
});

describe('kubelet messages relayed by another tool', () => {
  // The shapes: OpenShift's web console event list copied as tab-separated text, Tilt's resource
  // log relaying pod events, kapp's progress lines quoting a waiting reason and its message.
  it('a console event list copied with tabs names the pod by the kubelet message and is diagnosed', async () => {
    const console = [
      '1:02:51 PM\tWarning\tFailedMount \tUnable to mount volumes for pod "gerrit-thp5d_default(4ed879c0-02f7-11e6-b97f-5254004077d9)": secrets "gerrit-admin-ssh" not found (91 times in the last 16 minutes)',
      '12:46:29 PM\tNormal\tScheduled \tSuccessfully assigned gerrit-thp5d to node-1',
    ].join('\n');
    const a = await analyze(tempBundle({ 'paste-1.txt': console + '\n' }));
    expect(summary(a)).toEqual(['default/gerrit-thp5d/<container> missing-secret volume-mount']);
    expect(a.diagnoses[0]!.evidence[0]).toMatchObject({ artifact: 'paste-1.txt', line: 1 });
    expect(a.inventory.find((i) => i.path === 'paste-1.txt')!.reason).toMatch(/kubelet message.* read as events/);
  });

  it('a deploy tool relaying two pods\' events gives each pod its finding', async () => {
    const tilt = 'backend: [event: pod django-668dd4b566-4v49k] Error: secret "app-config" not found\nfrontend: [event: pod web-556ffbd6bc-bpbnr] Error: configmap "web-env" not found\n';
    const a = await analyze(tempBundle({ 'tilt.log': tilt }));
    expect(a.diagnoses.map((d) => `${d.pod} ${d.category}`).sort()).toEqual(['django-668dd4b566-4v49k missing-secret', 'web-556ffbd6bc-bpbnr missing-configmap']);
  });

  it('a waiting reason quoted with its message in parentheses is read without the closing parenthesis', async () => {
    const kapp = '11:01:16AM:     ^ Pending: ImagePullBackOff (message: Back-off pulling image "registry.local/api:1.2")\n';
    const a = await analyze(tempBundle({ 'deploy.txt': kapp }));
    expect(a.diagnoses.map((d) => d.category)).toEqual(['image-pull']);
    expect(a.diagnoses[0]!.evidence.some((e) => e.text.endsWith('"registry.local/api:1.2")'))).toBe(true);
  });

  it('a container\'s own log that prints a kubelet message is its output, not events of a pod', async () => {
    // A healthy pod whose log (a CI job printing what it saw) quotes another pod's event.
    const log = '2024-05-01T10:00:00Z INFO checking rollout\n2024-05-01T10:00:01Z WARN pod web-0: Error: secret "db" not found\n2024-05-01T10:00:02Z INFO done\n';
    const a = await analyze(tempBundle({ 'describe.txt': sample('app-crash/describe.txt'), 'app.log': log }));
    expect(a.inventory.find((i) => i.path === 'app.log')!.reason).toBeUndefined();
    expect(a.incident.pods.map((p) => p.name)).not.toContain('web-0');
    const events = a.incident.pods.flatMap((p) => [...p.events, ...p.containers.flatMap((c) => c.events)]);
    expect(events.filter((e) => e.source.artifact === 'app.log')).toEqual([]);
  });
});

describe('property: failure signals always end in a finding', () => {
  const signals = [
    'panic: runtime error: index out of range [3] with length 3',
    'Exception in thread "main" java.lang.IllegalStateException: no config',
    '  Warning  BackOff  2m (x20 over 7m)  kubelet  Back-off restarting failed container',
    '  Warning  Failed   1m (x5 over 3m)   kubelet  Error: secret "db-credentials" not found',
    'web-7c9d8b6f5-abcde   0/1     CrashLoopBackOff   7 (1m ago)   12m',
    '1:04:52 PM\tWarning\tFailedMount \tUnable to mount volumes for pod "jenkins-wnid9_ci(4f6273b0-02f7-11e6-b97f-5254004077d9)": secrets "jenkins-gpg" not found',
    'backend: [event: pod api-5d8f7c9b4-x2x9k] Error: configmap "api-env" not found',
    '/opt/app/entrypoint.sh: line 19: SHIMS: unbound variable',
  ];
  const noise = fc.constantFrom(
    '',
    'Here is what I see:',
    '2024-05-01T10:00:00Z INFO listening on :8080',
    'any idea what is wrong?',
    '$ kubectl get pods',
    'NAME                  READY   STATUS    RESTARTS   AGE',
    'I1205 10:00:00.000000       1 main.go:42] started',
  );

  it('any bundle holding a crash line, a kubelet Warning or a failing STATUS gets a diagnosis quoting one of them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(noise, { maxLength: 6 }), fc.constantFrom(...signals), fc.array(noise, { maxLength: 6 }), async (before, signal, after) => {
        const text = [...before, signal, ...after].join('\n') + '\n';
        const a = await analyze(tempBundle({ 'paste.txt': text }));
        expect(a.diagnoses.length).toBeGreaterThan(0);
        const quoted = a.diagnoses.flatMap((d) => [...d.evidence, ...(d.symptoms ?? [])].map((e) => e.text));
        expect(quoted.some((q) => q.includes(signal.trim().slice(0, 30)))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
