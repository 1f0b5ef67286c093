import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { RULES } from '../../src/rules/index.js';
import { fixture, holmesBody, SAMPLES, tempBundle } from '../helpers/fixtures.js';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { CATEGORY_IDS } from '../../src/model/types.js';

const H = 'holmesgpt/tests/llm/fixtures';

describe('rule engine', () => {
  it('diagnoses the failing container and leaves the healthy sidecar alone', async () => {
    const analysis = await analyze(join(SAMPLES, 'app-crash'));
    const pod = analysis.incident.pods[0]!;
    expect(pod.containers.map((c) => c.name).sort()).toEqual(['ledger-worker', 'metrics-exporter']);
    expect(analysis.diagnoses.map((d) => d.container)).toEqual(['ledger-worker']);
  });

  it('attaches BackOff and CrashLoopBackOff as symptoms, never as the cause', async () => {
    const analysis = await analyze(join(SAMPLES, 'oom-killed'));
    const d = analysis.diagnoses[0]!;
    expect(d.category).toBe('oom-killed');
    expect(d.symptoms.some((s) => /BackOff/.test(s.text))).toBe(true);
    expect(d.symptoms.some((s) => /CrashLoopBackOff/.test(s.text))).toBe(true);
    expect(d.evidence.every((e) => !/BackOff/.test(e.text))).toBe(true);
  });

  it('falls back to unknown, with capture commands, when nothing proves a cause', async () => {
    const describe = holmesBody(fixture(`${H}/test_investigate/01_oom_kill/kubectl_describe.txt`))
      .replace(/^(\s+Reason:\s+)OOMKilled$/m, '$1Error')
      .replace(/^(\s+Exit Code:\s+)137$/m, '$1143');
    const analysis = await analyze(tempBundle({ 'describe.txt': describe }));
    expect(analysis.diagnoses).toHaveLength(1);
    expect(analysis.diagnoses[0]!.category).toBe('unknown');
    expect(analysis.diagnoses[0]!.remediation.join('\n')).toMatch(/--previous/);
  });

  it('flags nothing in a describe of a healthy running pod', async () => {
    const running = fixture('kubernetes-website/content/en/docs/tasks/debug/debug-application/debug-running-pod.md.blocks/02-kubectl-describe-pod-running.txt');
    const analysis = await analyze(tempBundle({ 'describe.txt': running }));
    expect(analysis.incident.pods.length).toBe(1);
    expect(analysis.diagnoses).toEqual([]);
  });

  it('a log pasted alone is diagnosed when it ends badly, and left alone when it does not', async () => {
    const gaveUp = ['Checking database connection', 'Database connection verified', 'ERROR: schema version 12 is older than this release needs (14)', 'Server failed to start'];
    const crashed = await analyze(tempBundle({ 'app.log': `${gaveUp.join('\n')}\n` }));
    expect(crashed.diagnoses.map((d) => d.category)).toEqual(['app-crash']);
    expect(crashed.diagnoses[0]!.evidence.map((e) => e.line)).toEqual([3]);
    const calm = ['starting', 'ERROR: cache miss for key user:42, loading from store', 'listening on :8080', 'request served in 3ms'];
    const healthy = await analyze(tempBundle({ 'app.log': `${calm.join('\n')}\n` }));
    expect(healthy.diagnoses).toEqual([]);
  });

  it('a specific cause just above the crash it led to wins over the crash (parse error, then panic)', async () => {
    const log = ["* cannot parse 'Port' as int: strconv.ParseInt: parsing \"tcp://10.43.7.62:5230\": invalid syntax", 'panic: runtime error: invalid memory address or nil pointer dereference', ''];
    const analysis = await analyze(tempBundle({ 'app.log': log.join('\n') }));
    expect(analysis.diagnoses.map((d) => d.category)).toEqual(['bad-config-value']);
    expect(analysis.diagnoses[0]!.contributing.map((c) => c.category)).toContain('app-crash');
  });

  it('a replica with nothing of its own borrows its sibling\'s proven cause, says so, and sorts after causes shown', async () => {
    const describe = (await import('node:fs')).readFileSync(join(SAMPLES, 'oom-killed/describe-pod.txt'), 'utf8');
    const pod = /^Name:\s+(\S+)/m.exec(describe)![1]!;
    const ns = /^Namespace:\s+(\S+)/m.exec(describe)![1]!;
    const container = /^Containers:\n  ([\w-]+):/m.exec(describe)![1]!;
    // A second pod of the same ReplicaSet, known only from its row (same name up to its suffix).
    const sibling = pod.replace(/-[a-z0-9]{5}$/, '-zq7x9');
    const listing = `NAMESPACE   NAME   READY   STATUS             RESTARTS   AGE\n${ns}   ${sibling}   0/1     CrashLoopBackOff   6          12m\n`;
    const alone = await analyze(tempBundle({ 'pods.txt': listing }));
    expect(alone.diagnoses.map((d) => d.category)).toEqual(['unknown']);
    const a = await analyze(tempBundle({ 'describe.txt': describe, 'pods.txt': listing }));
    const own = a.diagnoses.find((d) => d.pod === pod && d.container === container)!;
    const borrowed = a.diagnoses.find((d) => d.pod === sibling)!;
    expect(own.category).toBe('oom-killed');
    expect(borrowed.category).toBe('oom-killed');
    expect(borrowed.confidence).toBeLessThan(own.confidence);
    expect(borrowed.summary).toContain(`replica of the same owner as ${pod}`);
    expect(borrowed.evidence.some((e) => e.artifact === 'pods.txt')).toBe(true);
    expect(borrowed.evidence.some((e) => e.artifact === 'describe.txt')).toBe(true);
  });

  it('every rule id is its file name, and every rule has a test', () => {
    for (const [id, rule] of RULES) {
      expect(rule.id).toBe(id);
      expect(CATEGORY_IDS).toContain(rule.category);
      expect(existsSync(new URL(`../../src/rules/${id}.ts`, import.meta.url)), id).toBe(true);
      expect(existsSync(new URL(`./${id}.test.ts`, import.meta.url)), `test for ${id}`).toBe(true);
    }
  });
});
