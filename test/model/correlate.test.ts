import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { FIXTURES, SAMPLES, tempBundle } from '../helpers/fixtures.js';

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
});
