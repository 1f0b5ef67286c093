import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOST_BY_RUNTIME_REASONS, lookupReason, NODE_POD_REASONS, NOT_APP_EXIT_REASONS } from '../src/knowledge/reasons.js';
import { FAULT_EXIT_CODES, OUTSIDE_EXIT_CODES } from '../src/knowledge/exit-codes.js';

const SRC = join(__dirname, '../src');

/**
 * Knowledge defined once: the kubelet's and kubectl's vocabulary (reasons, STATUS words, exit
 * codes) lives in src/knowledge/ and is imported; stages and rules declare no lists of it.
 */
describe('knowledge in one place', () => {
  it('no rule, model step or report declares its own list of reasons, STATUS words or exit codes (parsers own their format\'s column names)', () => {
    // A list of two or more capitalised words (`['Evicted', 'NodeLost']`), or a set of numbers.
    const LIST = /\[\s*'[A-Z][A-Za-z]+'(?:\s*,\s*'[A-Z][A-Za-z]+')+\s*\]|new Set\(\[\s*\d/g;
    const offenders: string[] = [];
    for (const dir of ['rules', 'model', 'report']) {
      for (const file of readdirSync(join(SRC, dir)).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(join(SRC, dir, file), 'utf8');
        for (const m of text.matchAll(LIST)) offenders.push(`src/${dir}/${file}: ${m[0].slice(0, 60)}`);
      }
    }
    // Known exceptions, each not kubelet vocabulary: the timeline's own event order.
    expect(offenders.filter((o) => !o.startsWith("src/report/timeline.ts: ['Started', 'Created']"))).toEqual([]);
  });

  it('the derived sets agree with the reason and exit-code tables', () => {
    for (const r of NODE_POD_REASONS) expect(lookupReason(r)).toMatchObject({ kind: 'pod', points: 'node-issue' });
    expect([...NODE_POD_REASONS]).toEqual(expect.arrayContaining(['Evicted', 'NodeLost', 'OutOfcpu', 'OutOfmemory', 'OutOfpods', 'UnexpectedAdmissionError', 'NodeAffinity', 'Terminated', 'Shutdown']));
    expect([...LOST_BY_RUNTIME_REASONS].sort()).toEqual(['ContainerStatusUnknown', 'Unknown']);
    expect(NOT_APP_EXIT_REASONS.has('Error')).toBe(false);
    expect(NOT_APP_EXIT_REASONS.has('OOMKilled')).toBe(true);
    expect([...FAULT_EXIT_CODES].sort()).toEqual([135, 136, 139]);
    expect([...OUTSIDE_EXIT_CODES].sort()).toEqual([126, 127, 128, 137, 143]);
  });
});
