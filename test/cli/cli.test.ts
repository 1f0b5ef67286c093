import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, podmortem } from '../helpers/cli.js';
import { SAMPLES } from '../helpers/fixtures.js';

/** What each sample must be diagnosed as (samples/README.md): category, failing container, the line that proves it. */
const EXPECTED: Record<string, { category: string; container: string; quote: RegExp; secondary?: string }> = {
  'oom-killed': { category: 'oom-killed', container: 'api', quote: /Reason:\s+OOMKilled/ },
  'app-crash': { category: 'app-crash', container: 'ledger-worker', quote: /AttributeError: 'NoneType' object has no attribute/ },
  'missing-secret': { category: 'missing-secret', container: 'checkout-api', quote: /secret \\?"payments-db\\?" not found/ },
  'missing-configmap': { category: 'missing-configmap', container: 'search-indexer', quote: /configmap "search-indexer-config" not found/ },
  'bad-config-value': { category: 'bad-config-value', container: 'dispatcher', quote: /ValueError: .*250ms/ },
  'runtime-heap-oom': { category: 'runtime-heap-oom', container: 'pricing-engine', quote: /OutOfMemoryError: Java heap space/ },
  'liveness-probe': { category: 'liveness-probe', container: 'inventory-api', quote: /failed liveness probe, will be restarted/ },
  'startup-probe': { category: 'startup-probe', container: 'catalog-search', quote: /failed startup probe|Startup probe failed/ },
  'dependency-unavailable': { category: 'dependency-unavailable', container: 'orders-api', quote: /connect: connection refused/ },
  'dependency-auth': { category: 'dependency-auth', container: 'fulfillment-worker', quote: /password authentication failed for user "orders"/ },
  'wrong-command': { category: 'wrong-command', container: 'booking-web', quote: /no such file or directory|executable file not found/ },
  'permission-denied': { category: 'permission-denied', container: 'upload-gateway', quote: /EACCES|permission denied/ },
  'exits-immediately': { category: 'exits-immediately', container: 'feed-sync', quote: /reason: Completed|exitCode: 0/ },
  'exec-format': { category: 'exec-format', container: 'fx-rates', quote: /exec format error/ },
  segfault: { category: 'segfault', container: 'renderer', quote: /139|Segmentation fault/ },
  'cpu-throttling': { category: 'cpu-throttling', container: 'quote-service', quote: /100m/ },
  'node-issue': { category: 'node-issue', container: 'recommendations-api', quote: /Evicted|low on resource/ },
  'volume-mount': { category: 'volume-mount', container: 'reports-worker', quote: /Multi-Attach error/ },
  'image-pull': { category: 'image-pull', container: 'points-ledger', quote: /Failed to pull image/ },
  'init-container': { category: 'init-container', container: 'fetch-tls', quote: /billing-upstream-tls/, secondary: 'missing-secret' },
  unknown: { category: 'unknown', container: 'wiki', quote: /State:\s+Waiting|CrashLoopBackOff/ },
};

interface Report {
  diagnoses: { category: string; secondary: string | null; container: string; evidence: { artifact: string; line: number; text: string }[] }[];
}

describe('podmortem analyze on the samples', () => {
  it('has an expectation for every sample', async () => {
    const samples = readdirSync(SAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(samples.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [sample, want] of Object.entries(EXPECTED)) {
    it(`${sample}: Markdown names ${want.category} and quotes the proof`, async () => {
      const r = await cli(['analyze', join('samples', sample)]);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(`\`${want.category}\``);
      expect(r.stdout).toMatch(want.quote);
    });

    it(`${sample}: JSON names ${want.category} with evidence`, async () => {
      const r = await cli(['analyze', join('samples', sample), '-f', 'json']);
      expect(r.status).toBe(0);
      const doc = JSON.parse(r.stdout) as Report;
      // One failing container per sample; healthy sidecars stay out of the report.
      expect(doc.diagnoses.map((d) => d.container)).toEqual([want.container]);
      expect(doc.diagnoses[0]!.category).toBe(want.category);
      if (want.secondary) expect(doc.diagnoses[0]!.secondary).toBe(want.secondary);
      expect(doc.diagnoses[0]!.evidence.some((e) => want.quote.test(e.text)), JSON.stringify(doc.diagnoses[0]!.evidence)).toBe(true);
    });
  }

  it('writes the report to a file with -o', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pm-cli-')), 'report.md');
    const r = await cli(['analyze', 'samples/oom-killed', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(execFileSync('cat', [out], { encoding: 'utf8' })).toMatch(/^# Postmortem/);
  });
});

describe('podmortem exit status and messages', () => {
  const bad: [string, string[], RegExp][] = [
    ['a path that does not exist', ['analyze', '/no/such/bundle'], /^podmortem: \/no\/such\/bundle: no such file or directory\n$/],
    ['an empty directory', ['analyze', mkdtempSync(join(tmpdir(), 'pm-empty-'))], /holds no files\n$/],
    ['a binary file that is not an archive', ['analyze', binaryFile()], /is neither an archive podmortem can open nor text/],
    ['a .tar.gz that is not one', ['inspect', fakeArchive()], /named like a \.tar\.gz archive but its content is not one/],
    ['an unknown format', ['analyze', 'samples/oom-killed', '-f', 'pdf'], /argument 'pdf' is invalid/],
    ['no command', [], /Usage: podmortem/],
  ];
  for (const [name, args, message] of bad) {
    it(`exits 2 for ${name}, with one clear line and no stack`, async () => {
      const r = await cli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('prints its version and help with exit 0', async () => {
    expect(podmortem(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = podmortem(['analyze', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--format/);
  });
});

function binaryFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pm-bin-')), 'core.dump');
  writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 32)));
  return path;
}

function fakeArchive(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pm-fake-')), 'bundle.tar.gz');
  writeFileSync(path, 'Name: not really a tarball\n');
  return path;
}
