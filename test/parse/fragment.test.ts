import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { EventFact, PodFact, PodRowFact } from '../../src/model/types.js';
import { parseDescribeFragment, parseEventsFragment } from '../../src/parse/fragment.js';
import { fixture, tempBundle } from '../helpers/fixtures.js';
import { detectAndParse } from '../helpers/parse.js';

const CONTAINER_BLOCK = [
  '  api:',
  '    Image:          registry.example.com/api:2.1',
  '    State:          Waiting',
  '      Reason:       CrashLoopBackOff',
  '    Last State:     Terminated',
  '      Reason:       OOMKilled',
  '      Exit Code:    137',
  '    Ready:          False',
  '    Restart Count:  5',
  '    Limits:',
  '      memory:  300Mi',
].join('\n');

describe('fragments pasted without their pod', () => {
  it('a container block: detected, read with its own line numbers', async () => {
    const r = await detectAndParse('ticket.txt', CONTAINER_BLOCK);
    expect(r.detection.kind).toBe('describe-fragment');
    const pod = r.facts.find((f): f is PodFact => f.type === 'pod')!;
    expect(pod.origin).toBe('fragment');
    expect(pod.name).toBe('');
    const c = pod.containers[0]!;
    expect(c.name).toBe('api');
    expect(c.lastState?.reason?.source).toEqual({ artifact: 'ticket.txt', line: 6, text: '      Reason:       OOMKilled' });
    expect(c.limits.memory?.value).toBe('300Mi');
    expect(c.restartCount?.value).toBe(5);
  });

  it('a block without its container name still gives one container', () => {
    const lines = CONTAINER_BLOCK.split('\n').slice(2).map((l) => l.slice(2));
    const pod = parseDescribeFragment(lines, 'x.txt').facts[0] as PodFact;
    expect(pod.containers.map((c) => c.lastState?.exitCode?.value)).toEqual([137]);
  });

  it('event rows in every pasted shape', () => {
    const lines = [
      '  Warning  Failed     11m (x12279 over 44h)  kubelet, node-2  Error: secret "smtp-account" not found',
      '2m22s       Warning   Unhealthy   pod/web-57f9d6fd5c-czdlh   Liveness probe failed: HTTP probe failed with statuscode: 500',
      'Error: failed to start container "xray": Error response from daemon: OCI runtime create failed: exec: "/usr/bin/xray": stat /usr/bin/xray: no such file or directory: unknown',
      'FailedMount     Unable to mount volumes for pod "x_default(1)": timeout expired waiting for volumes to attach/mount',
      'Init:CreateContainerConfigError',
      'just some prose from the ticket',
    ];
    const facts = parseEventsFragment(lines, 'ev.txt').facts;
    const events = facts.filter((f): f is EventFact => f.type === 'event');
    expect(events.map((e) => [e.reason, e.source.line])).toEqual([
      ['Failed', 1],
      ['Unhealthy', 2],
      ['Failed', 3],
      ['FailedMount', 4],
    ]);
    expect(events[0]!.count).toBe(12279);
    expect(events[1]!.subject).toEqual({ kind: 'pod', name: 'web-57f9d6fd5c-czdlh' });
    const rows = facts.filter((f): f is PodRowFact => f.type === 'pod-row');
    expect(rows.map((r) => r.status.value)).toEqual(['Init:CreateContainerConfigError']);
  });

  it('kubectl 1.x tab-separated describe rows without their header (kubernetes website legacy describe, corpus 084 shape)', () => {
    const legacy = fixture('kubernetes-website/content/en/docs/tasks/debug/debug-application/debug-running-pod.md.blocks/04-kubectl-describe-pod-pending-legacy-tab-format.txt');
    const row = legacy.split('\n').find((l) => /\sWarning\t/.test(l))!;
    const lines = [row, '  1m\t\t1m\t\t1\tkubelet, node-7\t\t\tWarning\t\tEvicted\t\tThe node was low on resource: [DiskPressure].', '  2m\t\t1m\t\t4\tkubelet, node-7\tspec.containers{web}\tWarning\tBackOff\tBack-off restarting failed container'];
    const events = parseEventsFragment(lines, 'ev.txt').facts.filter((f): f is EventFact => f.type === 'event');
    expect(events.map((e) => [e.eventType, e.reason, e.count, e.firstSeen, e.lastSeen, e.subject.fieldPath])).toEqual([
      ['Warning', 'FailedScheduling', 7, '1m', '48s', undefined],
      ['Warning', 'Evicted', 1, '1m', '1m', undefined],
      ['Warning', 'BackOff', 4, '2m', '1m', 'spec.containers{web}'],
    ]);
    expect(events[0]!.message).toMatch(/^pod \(nginx-deployment-1370807587-fz9sd\) failed to fit in any node$/);
    expect(events[1]!.message).toBe('The node was low on resource: [DiskPressure].');
  });

  it('a row the terminal wrapped mid-word is joined; a kubelet message inside a YAML status is read', () => {
    const wrapped = [
      '  Warning  Failed                 1m (x5 over 2m)  kubelet, minikube  Error: failed to start container "catalogue": Error response from daemon: OCI runtime create failed: container_linux.go:348: starting containe',
      'r process caused "exec: \\"-port=80\\": executable file not found in $PATH": unknown',
    ];
    const [event] = parseEventsFragment(wrapped, 'ev.txt').facts.filter((f): f is EventFact => f.type === 'event');
    expect(event!.message).toMatch(/starting container process caused "exec: \\"-port=80\\": executable file not found/);
    expect(event!.source.line).toBe(1);
    const status = [" message: 'container has runAsNonRoot and image has non-numeric user (admin),", '          cannot verify user is non-root (pod: "x",', '        reason: CreateContainerConfigError'];
    const events = parseEventsFragment(status, 'pod.yaml').facts.filter((f): f is EventFact => f.type === 'event');
    expect(events.map((e) => [e.reason, e.source.line])).toEqual([['Failed', 1]]);
  });

  it("kubectl 1.4 rows with blanks and a FailedSync message: the init container it names is the one failing", async () => {
    const row =
      '  2m    5s  12  {kubelet minikube}                      Warning FailedSync  Error syncing pod, skipping: [failed to "InitContainer" for "fix-perms" with RunInitContainerError: "init container \\"fix-perms\\" exited with 1", failed to "StartContainer" for "fix-perms" with CrashLoopBackOff: "Back-off 5m0s restarting failed container=fix-perms pod=db-0_default(c5e4)"';
    const analysis = await analyze(tempBundle({ 'events.txt': `${row}\n` }));
    expect(analysis.diagnoses.map((d) => [d.container, d.init, d.category])).toEqual([['fix-perms', true, 'init-container']]);
    expect(analysis.diagnoses[0]!.evidence.map((e) => e.line)).toEqual([1]);
  });

  it('the e2e framework event dump, its message going on over several lines', async () => {
    const dump = [
      'Nov 30 23:25:44.020: INFO: At 2023-11-30 23:10:47 +0000 UTC - event for nfs-writer-4khdp: {kubelet ip-172-31-25-49.ec2.internal} FailedMount: MountVolume.SetUp failed for volume "pvc-3057" : mount failed: exit status 32',
      'Mounting command: mount',
      'Output: mount: /var/lib/kubelet/pods/29/volumes/kubernetes.io~nfs/pvc-3057: bad option; for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program.',
    ];
    const events = parseEventsFragment(dump, 'e2e.log').facts.filter((f): f is EventFact => f.type === 'event');
    expect(events.map((e) => [e.subject.name, e.reason])).toEqual([['nfs-writer-4khdp', 'FailedMount']]);
    expect(events[0]!.message.split('\n')).toHaveLength(3);
    const analysis = await analyze(tempBundle({ 'e2e.log': `${dump.join('\n')}\n` }));
    expect(analysis.diagnoses.map((d) => [d.pod, d.category])).toEqual([['nfs-writer-4khdp', 'volume-mount']]);
  });

  it('termination lines that lost their nesting, and a block under the command that printed it', async () => {
    const siblings = await analyze(tempBundle({ 'describe.txt': '      Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137\n' }));
    expect(siblings.inventory.find((i) => i.path === 'describe.txt')?.kind).toBe('describe-flat');
    expect(siblings.diagnoses.map((d) => [d.category, d.evidence.map((e) => e.line)])).toEqual([['oom-killed', [2, 3]]]);
    const underCommand = ['$ oc describe pod jenkins-22-rvq4w -n ci', '...', 'Last State:     Terminated', '    Reason:       OOMKilled', '    Exit Code:    1', ''].join('\n');
    const named = await analyze(tempBundle({ 'describe.txt': underCommand }));
    expect(named.diagnoses.map((d) => [d.namespace, d.pod, d.category])).toEqual([['ci', 'jenkins-22-rvq4w', 'oom-killed']]);
  });

  it("an Events table on its own takes its pod's name from the scheduler's row", async () => {
    const table = [
      'Events:',
      '  Type     Reason     Age                From               Message',
      '  ----     ------     ----               ----               -------',
      '  Normal   Scheduled  5m                 default-scheduler  Successfully assigned shop/api-7d9f-x2 to node-1',
      '  Warning  Failed     4s (x3 over 20s)   kubelet            Error: secret "api-db" not found',
      '',
    ];
    const analysis = await analyze(tempBundle({ 'events.txt': table.join('\n') }));
    expect(analysis.diagnoses.map((d) => [d.namespace, d.pod, d.category])).toEqual([['shop', 'api-7d9f-x2', 'missing-secret']]);
  });

  it('prose that quotes kubelet messages mid-line is not a paste of them', async () => {
    const notes = ['# Runbook', '', '| symptom | meaning |', '| --- | --- |', '| `Container web failed liveness probe, will be restarted` | the probe killed it |', '', 'If the runtime says OCI runtime create failed, look at the node.', ''];
    const r = await detectAndParse('RUNBOOK.md', notes.join('\n'));
    expect(r.detection.kind).not.toBe('events-fragment');
    expect(r.facts.filter((f) => f.type === 'event')).toEqual([]);
  });

  it('end to end: a pasted block and an event become one diagnosed container', async () => {
    const a = await analyze(
      tempBundle({
        'describe.txt': CONTAINER_BLOCK,
        'events.txt': '  Warning  BackOff  3s (x8 over 71s)  kubelet  Back-off restarting failed container api in pod api-1_shop(uid)\n',
      }),
    );
    // The kubelet's message names the pod as `name_namespace(uid)`: the block and the event are its.
    expect(a.diagnoses.map((d) => [d.namespace, d.pod, d.container, d.category])).toEqual([['shop', 'api-1', 'api', 'oom-killed']]);
    expect(a.diagnoses[0]!.symptoms.some((s) => /Back-off/.test(s.text))).toBe(true);
  });

  it('a bare Init: status marks the failing container as an init container', async () => {
    const a = await analyze(tempBundle({ 'notes.txt': 'Init:CreateContainerConfigError\nWarning  Failed  kubelet  Error: configmap "cluster-config" not found\n' }));
    expect(a.diagnoses.map((d) => [d.category, d.secondary, d.init])).toEqual([['init-container', 'missing-configmap', true]]);
  });
});

describe('describe text that lost its indentation', () => {
  const H = 'holmesgpt/tests/llm/fixtures/test_investigate';
  /** What a web page does to a paste outside a code block: every line flush left, blanks collapsed. */
  const flatten = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .join('\n');

  for (const [file, container, category] of [
    ['01_oom_kill/kubectl_describe.txt', 'memory-eater', 'oom-killed'],
    ['02_crashloop_backoff/kubectl_describe.txt', 'downloader', 'init-container'],
    ['05_crashpod/kubectl_describe.txt', 'flask', 'app-crash'],
  ] as const) {
    it(`${file}: flattened, it gives the same diagnosis as the original`, async () => {
      const { fixture, holmesBody } = await import('../helpers/fixtures.js');
      const original = holmesBody(fixture(`${H}/${file}`));
      const a = await analyze(tempBundle({ 'describe.txt': original }));
      const b = await analyze(tempBundle({ 'describe.txt': flatten(original) }));
      expect(b.inventory[0]!.kind).toBe('describe-flat');
      const summary = (x: typeof a) => x.diagnoses.map((d) => [d.pod, d.container, d.category, d.secondary]);
      expect(summary(a)[0]).toEqual(expect.arrayContaining([container, category]));
      expect(summary(b)).toEqual(summary(a));
      // The quotes are the flattened file's own lines.
      const lines = flatten(original).split('\n');
      for (const e of b.diagnoses[0]!.evidence) expect(lines[e.line - 1]).toBe(e.text);
    });
  }
});
