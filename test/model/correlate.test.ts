import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { fixture, FIXTURES, SAMPLES, tempBundle } from '../helpers/fixtures.js';

const TS = join(FIXTURES, 'replicatedhq-troubleshoot/extracted/testdata-supportbundle-support-bundle/support-bundle');
const MG = join(FIXTURES, 'openshift-must-gather-clean/test/files/must-gather-metal.tar.xz.extracted/must-gather-metal');
const DUMP = join(FIXTURES, 'global-cloudwork-kubernetes/cluster-dump');

/** Pod names in a bundle's pod lists, read independently of podmortem. */
function podsInLists(root: string, pattern: string, yaml = false): Set<string> {
  const names = new Set<string>();
  for (const f of fg.sync(pattern, { cwd: root })) {
    const text = readFileSync(join(root, f), 'utf8');
    const doc = (yaml ? parseYaml(text) : JSON.parse(text)) as { items?: { metadata: { name: string; namespace: string } }[] | null };
    for (const item of doc.items ?? []) names.add(`${item.metadata.namespace}/${item.metadata.name}`);
  }
  return names;
}

describe('correlation of real bundles', () => {
  const cases: [string, string, string, boolean][] = [
    ['troubleshoot support bundle', TS, 'cluster-resources/pods/*.json', false],
    ['must-gather subset', MG, '**/namespaces/*/core/pods.yaml', true],
    ['cluster-info dump', DUMP, '*/pods.json', false],
  ];
  for (const [name, root, pattern, yaml] of cases) {
    it(`${name}: one pod in the incident per pod in the pod lists`, async () => {
      const expected = podsInLists(root, pattern, yaml);
      expect(expected.size).toBeGreaterThan(5);
      const analysis = await analyze(root);
      const got = new Set(analysis.incident.pods.filter((p) => !p.vanished).map((p) => `${p.namespace}/${p.name}`));
      expect([...got].sort()).toEqual([...expected].sort());
    });
  }

  it('support bundle: previous logs attach to their container by path', async () => {
    const analysis = await analyze(TS);
    const coredns = analysis.incident.pods.find((p) => p.name.startsWith('coredns'))!;
    const c = coredns.containers.find((x) => x.name === 'coredns')!;
    expect(c.logs.previous?.artifact).toBe(`cluster-resources/pods/logs/kube-system/${coredns.name}/coredns-previous.log`);
    expect(c.logs.current?.artifact).toBe(`cluster-resources/pods/logs/kube-system/${coredns.name}/coredns.log`);
  });

  it('must-gather: previous.log over the empty one, events by involvedObject, owners up to the Deployment', async () => {
    const analysis = await analyze(MG);
    const pod = analysis.incident.pods.find((p) => p.name.startsWith('marketplace-operator'))!;
    const c = pod.containers.find((x) => x.name === 'marketplace-operator')!;
    expect(c.restartCount?.value).toBe(3);
    expect(c.logs.previous?.artifact).toMatch(/marketplace-operator\/marketplace-operator\/logs\/previous\.log$/);
    expect(c.logs.previous!.totalLines).toBeGreaterThan(0);
    expect(pod.owner?.value.kind).toBe('ReplicaSet');
    expect(pod.topOwner).toEqual({ kind: 'Deployment', name: 'marketplace-operator' });
    // The pods that could not mount client-ca were replaced before the capture: their events are kept.
    const failed = analysis.incident.orphanEvents.filter((e) => e.reason === 'FailedMount' && e.subject.namespace === 'openshift-controller-manager');
    expect(failed.map((e) => e.message).join('\n')).toMatch(/configmap "client-ca" not found/);
    const gone = analysis.incident.pods.find((p) => p.vanished && p.name === 'controller-manager-77nhb');
    expect(gone?.events.some((e) => /client-ca/.test(e.message))).toBe(true);
  });

  it('describe text and a Pod object of the same pod merge; the object wins and a disagreement is noted', async () => {
    const describe = readFileSync(join(SAMPLES, 'app-crash/describe.txt'), 'utf8');
    const yaml = readFileSync(join(SAMPLES, 'app-crash/pod.yaml'), 'utf8').replace(/restartCount: 7/, 'restartCount: 8');
    const analysis = await analyze(tempBundle({ 'describe.txt': describe, 'pod.yaml': yaml }));
    expect(analysis.incident.pods).toHaveLength(1);
    const c = analysis.incident.pods[0]!.containers.find((x) => x.name === 'ledger-worker')!;
    expect(c.restartCount?.value).toBe(8);
    expect(c.restartCount?.source.artifact).toBe('pod.yaml');
    expect(analysis.incident.notes.join('\n')).toMatch(/ledger-worker: restartCount differs: 8 \(pod\.yaml:\d+\) vs 7 \(describe\.txt:\d+\)/);
  });

  it('a malformed file is an error with line and reason; the rest of the bundle is analysed', async () => {
    const good = readFileSync(join(SAMPLES, 'oom-killed/describe-pod.txt'), 'utf8');
    const dir = tempBundle({
      'describe.txt': good,
      'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {app: [unclosed\n',
      'cut.json': '{\n  "apiVersion": "v1",\n  "kind": "PodList",\n  "items": [\n    {"metadata": {"name": "y"',
    });
    const analysis = await analyze(dir);
    const byPath = Object.fromEntries(analysis.inventory.map((i) => [i.path, i]));
    expect(byPath['describe.txt']!.status).toBe('parsed');
    for (const bad of ['broken.yaml', 'cut.json']) {
      expect(byPath[bad]!.status, bad).toBe('error');
      expect(byPath[bad]!.reason, bad).toMatch(/^line \d+: /);
    }
    expect(analysis.diagnoses.map((d) => d.category)).toEqual(['oom-killed']);
  });

  describe('fragments that name no pod', () => {
    const LISTING = [
      'NAME                              READY   STATUS             RESTARTS   AGE',
      'shop-cache-6cc858bc44-pcvvp       1/1     Running            0          20m',
      'shop-api-87fcc94c-jv5hk           0/1     CrashLoopBackOff   6          20m',
      'shop-web-85658b4584-4k5ks         1/1     Running            1          20m',
    ];
    const LOG = 'starting shop-api\npanic: dial tcp 10.96.4.2:5432: connect: connection refused\n';

    it('a log beside a listing belongs to the only pod in trouble, and the report says it was inferred', async () => {
      const analysis = await analyze(tempBundle({ 'pods.txt': `${LISTING.join('\n')}\n`, 'logs.txt': LOG }));
      expect(analysis.diagnoses.map((d) => [d.pod, d.category])).toEqual([['shop-api-87fcc94c-jv5hk', 'dependency-unavailable']]);
      expect(analysis.incident.notes.join('\n')).toMatch(/logs\.txt names no pod: read as the log of default\/shop-api-87fcc94c-jv5hk/);
    });

    it('a pod still running its init containers (Init:0/2) is on its way, not in trouble', async () => {
      const listing = [...LISTING, 'loadgen-b67b89d8f-r7q7h           0/2     Init:0/2           0          20m'];
      const analysis = await analyze(tempBundle({ 'pods.txt': `$ kubectl get pods\n${listing.join('\n')}\n`, 'logs.txt': LOG }));
      expect(analysis.diagnoses.map((d) => [d.pod, d.category])).toEqual([['shop-api-87fcc94c-jv5hk', 'dependency-unavailable']]);
    });

    it('a log of a two-container pod goes to the container that is not ready', async () => {
      const listing = ['NAME                      READY   STATUS             RESTARTS   AGE', 'edge-7858745f87-zgbz6     1/2     CrashLoopBackOff   5          4m52s'];
      const log = 'nginx: [emerg] host not found in upstream "api-internal" in /etc/nginx/conf.d/site.conf:29\n';
      const analysis = await analyze(tempBundle({ 'pods.txt': `${listing.join('\n')}\n`, 'logs.txt': log }));
      expect(analysis.diagnoses.map((d) => [d.pod, d.category])).toEqual([['edge-7858745f87-zgbz6', 'dependency-unavailable']]);
    });

    it('with two pods in trouble the log is analysed on its own, not pinned to either', async () => {
      const listing = [...LISTING, 'shop-ops-8587ff6bf4-4ltkc         0/1     CrashLoopBackOff   6          20m'];
      const analysis = await analyze(tempBundle({ 'pods.txt': `${listing.join('\n')}\n`, 'logs.txt': LOG }));
      const fromLog = analysis.diagnoses.find((d) => d.evidence.some((e) => e.artifact === 'logs.txt'));
      expect(fromLog?.pod).toBe('<pod>');
      expect(fromLog?.category).toBe('dependency-unavailable');
      expect(analysis.diagnoses.filter((d) => d.pod.startsWith('shop-')).map((d) => d.category)).toEqual(['unknown', 'unknown']);
    });

    it('in a collected bundle a stray text file elsewhere is no container\'s log', async () => {
      const crash = readFileSync(join(SAMPLES, 'oom-killed/describe-pod.txt'), 'utf8');
      const running = fixture('kubernetes-website/content/en/docs/tasks/debug/debug-application/debug-running-pod.md.blocks/02-kubectl-describe-pod-running.txt');
      const analysis = await analyze(
        tempBundle({ 'pods/describe.txt': crash, 'pods/running.txt': running, 'host/notes.txt': 'curl: (7) Failed to connect to 10.0.0.9 port 443: Connection refused\n' }),
      );
      expect(analysis.diagnoses.map((d) => d.category)).toEqual(['oom-killed']);
      expect(analysis.incident.notes.join('\n')).not.toMatch(/notes\.txt/);
      expect(analysis.inventory.find((i) => i.path === 'host/notes.txt')?.reason).toMatch(/not attached/);
    });

    it("a listing's stand-in takes the name of the container its warnings name, and its init-ness from the row", async () => {
      const listing = ['NAME                          READY   STATUS                  RESTARTS   AGE', 'cilium-x7k2p                  0/1     Init:CrashLoopBackOff   5          9m'];
      const events = [
        'LAST SEEN   TYPE      REASON    OBJECT             MESSAGE',
        '9m          Normal    Started   pod/cilium-x7k2p   Started container mount-cgroup',
        '8m          Warning   Failed    pod/cilium-x7k2p   Error: failed to start container "config": Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "cilium": executable file not found in $PATH: unknown',
      ];
      const analysis = await analyze(tempBundle({ 'pods.txt': `${listing.join('\n')}\n`, 'events.txt': `${events.join('\n')}\n` }));
      expect(analysis.diagnoses.map((d) => [d.container, d.init, d.category, d.secondary])).toEqual([['config', true, 'init-container', 'wrong-command']]);
    });

    it('events that name no pod belong to the only pod in trouble', async () => {
      const events = '  Warning  Failed     4s (x3 over 20s)  kubelet            Error: secret "shop-db" not found\n';
      const listing = [...LISTING.slice(0, 2), 'shop-api-87fcc94c-jv5hk           0/1     CreateContainerConfigError   0          20m'];
      const analysis = await analyze(tempBundle({ 'pods.txt': `${listing.join('\n')}\n`, 'events.txt': events }));
      expect(analysis.diagnoses.map((d) => [d.pod, d.category])).toEqual([['shop-api-87fcc94c-jv5hk', 'missing-secret']]);
    });
  });
});
