import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { CATEGORY_IDS, SEVERITIES } from '../src/model/types.js';
import { cli, podmortem } from './helpers/cli.js';
import { FIXTURES, ROOT, SAMPLES } from './helpers/fixtures.js';

const samples = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

function pack(dir: string, flags: string, name: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'pm-pack-')), name);
  execFileSync('tar', [flags, out, '-C', dir, '.']);
  return out;
}

describe('the JSON report contract (DESIGN.md)', () => {
  for (const sample of samples) {
    it(`${sample}: every field of the contract, with the right types`, async () => {
      const r = await cli(['analyze', join('samples', sample), '-f', 'json']);
      const doc = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(doc.schemaVersion).toBe(1);
      expect(doc.tool).toEqual({ name: 'podmortem', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
      const diagnoses = doc.diagnoses as Record<string, unknown>[];
      expect(diagnoses.length).toBeGreaterThan(0);
      for (const d of diagnoses) {
        expect(Object.keys(d)).toEqual(
          expect.arrayContaining(['namespace', 'pod', 'container', 'init', 'category', 'secondary', 'ruleId', 'severity', 'confidence', 'summary', 'evidence', 'remediation']),
        );
        expect(typeof d.namespace).toBe('string');
        expect(typeof d.init).toBe('boolean');
        expect(CATEGORY_IDS).toContain(d.category);
        expect(d.secondary === null || CATEGORY_IDS.includes(d.secondary as never)).toBe(true);
        expect(SEVERITIES).toContain(d.severity);
        expect(d.confidence).toBeGreaterThanOrEqual(0);
        expect(d.confidence).toBeLessThanOrEqual(1);
        expect((d.summary as string).length).toBeGreaterThan(10);
        expect((d.remediation as string[]).length).toBeGreaterThan(0);
        for (const e of d.evidence as { artifact: string; line: number; text: string }[]) {
          // The quote really stands at artifact:line of the bundle.
          const lines = readFileSync(join(SAMPLES, sample, e.artifact), 'utf8').split('\n');
          expect(lines[e.line - 1]?.trimEnd()).toBe(e.text);
        }
      }
      for (const item of doc.inventory as Record<string, unknown>[]) {
        expect(typeof item.path).toBe('string');
        expect(typeof item.kind).toBe('string');
        expect(['parsed', 'partial', 'skipped', 'error']).toContain(item.status);
        expect(typeof item.reason).toBe('string');
      }
    });
  }
});

describe('one sample, every way of handing it over', () => {
  for (const sample of samples) {
    it(`${sample}: directory, .tar, .tar.gz and stdin give the same diagnoses`, async () => {
      const dir = join(SAMPLES, sample);
      const tgz = pack(dir, '-czf', `${sample}.tar.gz`);
      const runs = [
        await cli(['analyze', dir, '-f', 'json']),
        await cli(['analyze', pack(dir, '-cf', `${sample}.tar`), '-f', 'json']),
        await cli(['analyze', tgz, '-f', 'json']),
        podmortem(['analyze', '-', '-f', 'json'], readFileSync(tgz)),
      ];
      const diagnoses = runs.map((r) => {
        expect(r.status, r.stderr).toBe(0);
        return JSON.stringify((JSON.parse(r.stdout) as { diagnoses: unknown }).diagnoses);
      });
      expect(diagnoses[0]).toContain('"category"');
      for (const d of diagnoses.slice(1)) expect(d).toBe(diagnoses[0]);
    });
  }

  it('a single describe file piped on stdin is analysed like the file', async () => {
    const file = join(SAMPLES, 'oom-killed/describe-pod.txt');
    const fromFile = await cli(['analyze', file, '-f', 'json']);
    const fromStdin = podmortem(['analyze', '-', '-f', 'json'], readFileSync(file));
    const cats = (out: string) => (JSON.parse(out) as { diagnoses: { category: string }[] }).diagnoses.map((d) => d.category);
    expect(cats(fromFile.stdout)).toEqual(['oom-killed']);
    expect(cats(fromStdin.stdout)).toEqual(['oom-killed']);
  });
});

describe('inspect lists every file of every fixture bundle', () => {
  const dirs = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  for (const name of dirs) {
    it(`${name}: one inventory line per file, none dropped`, async () => {
      const dir = join(FIXTURES, name);
      const files = (await fg('**/*', { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false })).sort();
      const analysis = await analyze(dir);
      const listed = analysis.inventory.map((i) => i.path);
      // Every file has its own line; archives add one line per entry inside them.
      const outer = listed.filter((p) => !files.some((f) => p.startsWith(`${f}/`)));
      expect(outer.sort()).toEqual(files);
      for (const archive of analysis.inventory.filter((i) => i.kind === 'archive' && i.status === 'parsed')) {
        const inside = listed.filter((p) => p.startsWith(`${archive.path}/`)).length;
        expect(inside, archive.path).toBeGreaterThan(0);
        expect(archive.reason).toContain(`${inside} entries`);
      }
      for (const item of analysis.inventory) {
        if (item.status !== 'parsed') expect(item.reason, item.path).toBeTruthy();
      }
    });
  }

  it('the CLI prints the same count', async () => {
    const dir = join(FIXTURES, 'replicatedhq-sbctl');
    const r = await cli(['inspect', relative(ROOT, dir), '--json']);
    const doc = JSON.parse(r.stdout) as { inventory: unknown[] };
    const files = fg.sync('**/*', { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false });
    expect(doc.inventory).toHaveLength(files.length);
  });
});
