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
  const cases: [string, string, string][] = [
    ['troubleshoot support-bundle.tar.gz', TS_TGZ, 'support-bundle'],
    ['troubleshoot baseline.tar.gz', TS_BASELINE, 'support-bundle'],
    ['sbctl tree', SBCTL, 'support-bundle'],
    ['must-gather subset', MG, 'must-gather'],
    ['cluster-info dump', DUMP, 'cluster-info-dump'],
  ];
  for (const [name, path, layout] of cases) {
    it(`${name}: recognised as ${layout}; no healthy container diagnosed; every restarted-after-failure container diagnosed`, async () => {
      const a = await analyze(path);
      expect(a.bundles[0]!.layouts.map((l) => l.layout)).toContain(layout);
      const diagnosed = new Set(a.diagnoses.map((d) => `${d.namespace}/${d.pod}/${d.container}`));
      for (const h of healthy(a)) expect(diagnosed.has(h), `healthy ${h} was diagnosed`).toBe(false);
      // Every container whose last run ended in its own error is explained.
      for (const p of a.incident.pods) {
        for (const c of p.containers) {
          const last = c.lastState?.status === 'terminated' ? c.lastState : undefined;
          const ownFailure = last && last.exitCode?.value !== 0 && !['Unknown', 'ContainerStatusUnknown'].includes(last.reason?.value ?? '');
          if (ownFailure) expect(diagnosed.has(`${p.namespace}/${p.name}/${c.name}`), `${p.name}/${c.name} failed but has no diagnosis`).toBe(true);
        }
      }
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
