import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { Analysis } from '../../src/analyze.js';
import { FIXTURES } from '../helpers/fixtures.js';

const TS_TGZ = join(FIXTURES, 'replicatedhq-troubleshoot/testdata/supportbundle/support-bundle.tar.gz');
const TS_BASELINE = join(FIXTURES, 'replicatedhq-troubleshoot/test/baselines/supportbundle/baseline.tar.gz');
const SBCTL = join(FIXTURES, 'replicatedhq-sbctl/tests/support-bundle');
const MG = join(FIXTURES, 'openshift-must-gather-clean/test/files/must-gather-metal.tar.xz.extracted/must-gather-metal');
const DUMP = join(FIXTURES, 'global-cloudwork-kubernetes/cluster-dump');

const summary = (a: Analysis) => a.diagnoses.map((d) => `${d.namespace}/${d.pod}/${d.container}=${d.category}`).sort();

/** Containers that run, are ready and never restarted (or restarted only because the node did). */
function healthy(a: Analysis): string[] {
  return a.incident.pods
    .filter((p) => !p.vanished && !p.synthetic)
    .flatMap((p) =>
      p.containers
        .filter((c) => c.state?.status === 'running' && c.ready?.value === true && (c.restartCount?.value ?? 0) === 0)
        .map((c) => `${p.namespace}/${p.name}/${c.name}`),
    );
}

describe('real bundles: layout, diagnoses, healthy containers left alone', () => {
  // What each bundle holds (pods, running-and-ready containers, the containers that fail and
  // why), written out rather than derived from podmortem's model at test time: a change in what
  // is read shows up here as a difference to review against the bundle.
  const cases: [string, string, string, { pods: number; healthy: number; diagnosed: string[] }][] = [
    ['troubleshoot support-bundle.tar.gz', TS_TGZ, 'support-bundle', {
      pods: 9,
      healthy: 0,
      diagnosed: ['default/static-hi/static-hi=unknown', 'kube-system/local-path-provisioner-7b7dc8d6f5-45btl/local-path-provisioner=dependency-unavailable', 'kube-system/metrics-server-668d979685-wttxd/metrics-server=app-crash'],
    }],
    ['troubleshoot baseline.tar.gz', TS_BASELINE, 'support-bundle', { pods: 7, healthy: 6, diagnosed: [] }],
    ['sbctl tree', SBCTL, 'support-bundle', {
      pods: 60,
      healthy: 61,
      diagnosed: [
        'kube-system/haproxy-troubleshoot-demo-001/haproxy=app-crash',
        'kube-system/kube-controller-manager-troubleshoot-demo-001/kube-controller-manager=app-crash',
        'kube-system/weave-net-bphj8/weave=app-crash',
        'kube-system/weave-net-cz6mc/weave=app-crash',
        'kube-system/weave-net-xthm6/weave=app-crash',
        'velero/velero-6996dd565b-mddj2/velero=unknown',
        'velero/velero-6996dd565b-xl44t/velero=app-crash',
      ],
    }],
    ['must-gather subset', MG, 'must-gather', {
      pods: 32,
      healthy: 28,
      diagnosed: [
        'openshift-cluster-storage-operator/csi-snapshot-controller-869b458964-qm2z7/snapshot-controller=dependency-unavailable',
        'openshift-controller-manager/controller-manager-77nhb/<container>=missing-configmap',
        'openshift-marketplace/marketplace-operator-688cf64d77-rjcqk/marketplace-operator=dependency-unavailable',
      ],
    }],
    ['cluster-info dump', DUMP, 'cluster-info-dump', {
      pods: 22,
      healthy: 2,
      diagnosed: [
        'kube-system/cloud-controller-manager-omen-omen-25l-desktop-gt12-0xxx/cloud-controller-manager=app-crash',
        'kube-system/hubble-relay-ff8d445c-nxfsn/hubble-relay=unknown',
        'kube-system/kube-controller-manager-omen-omen-25l-desktop-gt12-0xxx/kube-controller-manager=app-crash',
      ],
    }],
  ];
  for (const [name, path, layout, expected] of cases) {
    it(`${name}: recognised as ${layout}; its pods read; exactly its failing containers diagnosed; no healthy one`, async () => {
      const a = await analyze(path);
      expect(a.bundles[0]!.layouts.map((l) => l.layout)).toContain(layout);
      expect(a.incident.pods.length).toBe(expected.pods);
      expect(healthy(a).length).toBe(expected.healthy);
      expect(summary(a)).toEqual(expected.diagnosed);
      const diagnosed = new Set(a.diagnoses.map((d) => `${d.namespace}/${d.pod}/${d.container}`));
      for (const h of healthy(a)) expect(diagnosed.has(h), `healthy ${h} was diagnosed`).toBe(false);
    });
  }

  it('must-gather: the client-ca mount failure and the restarted marketplace operator are found', async () => {
    const a = await analyze(MG);
    const market = a.diagnoses.find((d) => d.pod.startsWith('marketplace-operator'));
    expect(market?.category).toBe('dependency-unavailable');
    expect(market?.evidence.some((e) => /connect: connection refused/.test(e.text))).toBe(true);
    const clientCa = a.diagnoses.find((d) => d.category === 'missing-configmap' && d.namespace === 'openshift-controller-manager');
    expect(clientCa?.summary).toMatch(/ConfigMap client-ca does not exist/);
    expect(clientCa?.evidence.some((e) => /MountVolume.SetUp failed for volume "client-ca" : configmap "client-ca"/.test(e.text))).toBe(true);
  });

  it('support bundle: the metrics-server panic is quoted from its previous log', async () => {
    const a = await analyze(TS_TGZ);
    const ms = a.diagnoses.find((d) => d.pod.startsWith('metrics-server'));
    expect(ms?.category).toBe('app-crash');
    expect(ms?.evidence.find((e) => /^panic: /.test(e.text))?.artifact).toMatch(/metrics-server-previous\.log$/);
  });
});

describe('re-packed bundles give the same diagnoses', () => {
  const work = mkdtempSync(join(tmpdir(), 'pm-repack-'));
  /** Copies a bundle under an extra top folder (two, with `deep`). */
  function wrapped(src: string, deep = false): string {
    const top = join(work, `wrap-${basename(src)}-${deep ? 2 : 1}`);
    const dest = deep ? join(top, 'customer-upload', 'bundle') : join(top, 'bundle');
    mkdirSync(dest, { recursive: true });
    cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
    return top;
  }
  function pack(dir: string, kind: 'zip' | 'tar.xz' | 'tar.gz'): string {
    const out = join(work, `${basename(dir)}-${Math.random().toString(36).slice(2)}.${kind}`);
    if (kind === 'zip') execFileSync('zip', ['-qry', out, '.'], { cwd: dir });
    else execFileSync('tar', [kind === 'tar.xz' ? '-cJf' : '-czf', out, '-C', dir, '.']);
    return out;
  }

  for (const [name, src] of [
    ['must-gather', MG],
    ['cluster-info dump', DUMP],
    ['sbctl support bundle', SBCTL],
  ] as const) {
    it(`${name}: as .zip, .tar.xz, with extra top folders, nested in a .tar.gz`, async () => {
      const expected = summary(await analyze(src));
      expect(expected.length).toBeGreaterThan(0);
      const nestedDir = join(work, `nest-${basename(src)}`);
      mkdirSync(nestedDir, { recursive: true });
      execFileSync('cp', [pack(src, 'tar.gz'), join(nestedDir, 'inner-bundle.tar.gz')]);
      const variants: [string, string][] = [
        ['zip', pack(src, 'zip')],
        ['tar.xz', pack(src, 'tar.xz')],
        ['extra top folder', wrapped(src)],
        ['two extra folders, zipped', pack(wrapped(src, true), 'zip')],
        ['nested in a .tar.gz', pack(nestedDir, 'tar.gz')],
      ];
      for (const [how, path] of variants) {
        const a = await analyze(path);
        expect(summary(a), how).toEqual(expected);
      }
    });
  }
});

describe('kubectl cluster-info dump printed to one stream', () => {
  it('JSON lists and log sections in one file give the directory dump\'s diagnoses', async () => {
    const { readFileSync, readdirSync, statSync, writeFileSync } = await import('node:fs');
    // Rebuild what `kubectl cluster-info dump` prints to stdout: the NodeList, then per
    // namespace its lists and its pods' log sections, with no separators.
    const parts = [readFileSync(join(DUMP, 'nodes.json'), 'utf8')];
    for (const ns of readdirSync(DUMP).filter((d) => statSync(join(DUMP, d)).isDirectory()).sort()) {
      for (const list of ['events', 'replication-controllers', 'services', 'daemonsets', 'deployments', 'replicasets', 'pods']) {
        parts.push(readFileSync(join(DUMP, ns, `${list}.json`), 'utf8'));
      }
      for (const pod of readdirSync(join(DUMP, ns)).filter((d) => statSync(join(DUMP, ns, d)).isDirectory()).sort()) {
        parts.push(readFileSync(join(DUMP, ns, pod, 'logs.txt'), 'utf8'));
      }
    }
    const file = join(mkdtempSync(join(tmpdir(), 'pm-dump-')), 'cluster-info.dump');
    writeFileSync(file, parts.map((p) => p.replace(/\n?$/, '\n')).join(''));
    const fromDir = await analyze(DUMP);
    const fromStream = await analyze(file);
    expect(fromStream.inventory[0]!.kind).toBe('cluster-dump-stream');
    expect(fromStream.bundles[0]!.layouts.map((l) => l.layout)).toEqual(['cluster-info-dump']);
    expect(fromStream.incident.pods.map((p) => p.name).sort()).toEqual(fromDir.incident.pods.map((p) => p.name).sort());
    expect(summary(fromStream).map((s) => s.replace(/^[^/]+\//, ''))).toEqual(summary(fromDir).map((s) => s.replace(/^[^/]+\//, '')));
    // Logs from the sections reached their containers.
    const withLogs = fromStream.incident.pods.flatMap((p) => p.containers).filter((c) => c.logs.current);
    expect(withLogs.length).toBeGreaterThan(10);
  });
});
