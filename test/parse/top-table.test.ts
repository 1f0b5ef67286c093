import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import type { Fact, UsageFact } from '../../src/model/types.js';
import { parseTopTable } from '../../src/parse/top-table.js';
import { fixture, holmesBody, HOLMES } from '../helpers/fixtures.js';

const H = 'holmesgpt/tests/llm/fixtures';

const usage = (facts: Fact[]) => facts.filter((f): f is UsageFact => f.type === 'usage');

function parse(text: string, namespaceHint?: string) {
  const lines = text.split('\n');
  return { lines, ...parseTopTable(lines, 'top.txt', namespaceHint) };
}

/**
 * HolmesGPT's two JSON header lines removed, its `stdout:`/`stderr:` wrappers kept: when
 * kubectl failed, its answer (`error: Metrics API not available`) stands under `stderr:`,
 * which `holmesBody` cuts off.
 */
const withoutJsonHeader = (text: string) => text.replace(/^(?:\{.*\n)+/, '');

const files = fg.sync('**/kubectl_top*', { cwd: HOLMES }).sort();
const read = (f: string) => readFileSync(`${HOLMES}/${f}`, 'utf8');

describe('kubectl top: every real fixture', () => {
  it('finds the holmesgpt top outputs', () => expect(files.length).toBeGreaterThanOrEqual(9));

  for (const file of files) {
    const raw = read(file);
    if (/^error: Metrics API not available/m.test(raw)) {
      it(`${file}: metrics not available is one issue, no fact`, () => {
        const r = parse(withoutJsonHeader(raw));
        expect(r.facts).toEqual([]);
        expect(r.issues).toEqual([{ line: expect.any(Number), message: expect.stringMatching(/metrics were not available/) }]);
        expect(r.lines[r.issues[0]!.line - 1]).toBe('error: Metrics API not available');
      });
    } else if (/^NAME\s+CPU\(cores\)\s+CPU%/m.test(raw)) {
      it(`${file}: kubectl top node is no pod usage and no problem`, () => {
        expect(parse(holmesBody(raw))).toMatchObject({ facts: [], issues: [] });
        expect(parse(withoutJsonHeader(raw))).toMatchObject({ facts: [], issues: [] });
      });
    } else {
      it(`${file}: every pod row read, no problem`, () => {
        for (const text of [holmesBody(raw), withoutJsonHeader(raw)]) {
          const r = parse(text);
          expect(r.issues).toEqual([]);
          const header = r.lines.findIndex((l) => /CPU\(cores\)/.test(l));
          const dataRows = r.lines.slice(header + 1).findIndex((l) => l.trim() === '');
          const expected = dataRows < 0 ? r.lines.length - header - 1 : dataRows;
          expect(usage(r.facts)).toHaveLength(expected);
          for (const u of usage(r.facts)) {
            expect(u.source.text).toBe(r.lines[u.source.line - 1]);
            expect(u.cpu).toMatch(/^\d+m$/);
            expect(u.memory).toMatch(/^\d+Mi$/);
            expect(u.namespace).toBeTruthy();
          }
        }
      });
    }
  }
});

describe('kubectl top pod: values', () => {
  it('-A (holmesgpt tempo): namespace, cpu and memory as printed, with the line', () => {
    const r = parse(holmesBody(fixture(`${H}/test_investigate/14_tempo/kubectl_top_pods.txt`)));
    const prom = usage(r.facts).find((u) => u.pod === 'prometheus-robusta-kube-prometheus-st-prometheus-0')!;
    expect(prom).toMatchObject({ namespace: 'default', cpu: '29m', memory: '553Mi' });
    expect(prom.container).toBeUndefined();
    expect(prom.source.line).toBe(4);
  });

  it('-A (holmesgpt memory graph): another capture', () => {
    const r = parse(holmesBody(fixture(`${H}/test_ask_holmes/34_memory_graph/kubectl_top_pods.txt`)));
    expect(usage(r.facts).find((u) => u.pod === 'alertmanager-robusta-kube-prometheus-st-alertmanager-0')).toMatchObject({
      namespace: 'default',
      cpu: '5m',
      memory: '67Mi',
    });
    expect(usage(r.facts).find((u) => u.pod === 'checkout-service-5bcd6bf54-g8ckl')).toMatchObject({ cpu: '0m', memory: '6Mi' });
  });

  it('--containers: POD then NAME = container; the namespace hint fills in', () => {
    const text = [
      'POD                                  NAME          CPU(cores)   MEMORY(bytes)',
      'customer-orders-6f5cbdf85-c5fsf      fastapi-app   3m           61Mi',
      'customer-orders-6f5cbdf85-c5fsf      curl-sidecar  0m           1Mi',
    ].join('\n');
    const r = parse(text, 'default');
    expect(r.issues).toEqual([]);
    expect(usage(r.facts).map((u) => [u.namespace, u.pod, u.container, u.cpu, u.memory])).toEqual([
      ['default', 'customer-orders-6f5cbdf85-c5fsf', 'fastapi-app', '3m', '61Mi'],
      ['default', 'customer-orders-6f5cbdf85-c5fsf', 'curl-sidecar', '0m', '1Mi'],
    ]);
  });

  it('-A --containers --sum: the underscore row and the totals are skipped', () => {
    const text = [
      '$ kubectl top pod -A --containers --sum',
      'NAMESPACE   POD                     NAME   CPU(cores)   MEMORY(bytes)',
      'shop        api-7d9f6b5c4-xk2p9     api    12m          231Mi',
      'shop        api-7d9f6b5c4-xk2p9     sc     1m           8Mi',
      '                                           ________     ________',
      '                                           13m          239Mi',
    ].join('\n');
    const r = parse(text);
    expect(r.issues).toEqual([]);
    expect(usage(r.facts).map((u) => [u.namespace, u.pod, u.container, u.source.line])).toEqual([
      ['shop', 'api-7d9f6b5c4-xk2p9', 'api', 3],
      ['shop', 'api-7d9f6b5c4-xk2p9', 'sc', 4],
    ]);
  });

  it('kubectl top node with 1.32+ `CPU(%)` headers is no pod usage, and no problem', () => {
    const text = ['NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)', 'node-1   117m         0%       1387Mi          1%', 'node-2   <unknown>    <unknown>   <unknown>    <unknown>'].join('\n');
    expect(parse(text)).toMatchObject({ facts: [], issues: [] });
  });

  it('`error: metrics not available yet` is the same issue', () => {
    const r = parse('error: metrics not available yet\n');
    expect(r.facts).toEqual([]);
    expect(r.issues).toEqual([{ line: 1, message: 'metrics were not available: error: metrics not available yet' }]);
  });

  it('a row that does not fit is reported with its line', () => {
    const r = parse(['NAME                 CPU(cores)   MEMORY(bytes)', 'api-7d9f6b5c4-xk2p9  12m          231Mi', 'api-7d9f6b5c4-zz9   lots of      memory'].join('\n'));
    expect(usage(r.facts)).toHaveLength(1);
    expect(r.issues).toEqual([{ line: 3, message: expect.stringMatching(/does not fit/) }]);
  });
});

describe('kubectl top: not mine', () => {
  it('a pods table gives no usage and an issue', () => {
    const r = parse(fixture('kubernetes-website/content/en/docs/tasks/debug/debug-application/debug-running-pod.md.blocks/01-kubectl-get-pods.txt'));
    expect(r.facts).toEqual([]);
    expect(r.issues).toEqual([{ line: 1, message: expect.stringMatching(/no kubectl top pod table header/) }]);
  });

  it('empty input gives an issue', () => {
    expect(parse('')).toMatchObject({ facts: [], issues: [{ line: 1 }] });
  });
});
