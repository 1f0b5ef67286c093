import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import type { Fact, PodRowFact } from '../../src/model/types.js';
import { parsePodsTable } from '../../src/parse/pods-table.js';
import { fixture, holmesBody, HOLMES } from '../helpers/fixtures.js';

const H = 'holmesgpt/tests/llm/fixtures';
const WEB = 'kubernetes-website/content/en/docs/tasks/debug/debug-application/debug-running-pod.md.blocks';
const POD_HEADER = /^\s*"?(?:NAMESPACE\s+)?NAME\s+READY\s+STATUS\s+RESTARTS\b/;

const rows = (facts: Fact[]) => facts.filter((f): f is PodRowFact => f.type === 'pod-row');

function parse(text: string, namespaceHint?: string) {
  const lines = text.split('\n');
  return { lines, ...parsePodsTable(lines, 'pods.txt', namespaceHint) };
}

/** How many data rows stand under pod table headers (up to the blank line that ends a table). */
function expectedRows(lines: string[]): number {
  let n = 0;
  let inPods = false;
  for (const l of lines) {
    if (l.trim() === '') inPods = false;
    else if (/^\s*"?(?:NAMESPACE\s+)?NAME\s{2,}[A-Z]/.test(l)) inPods = POD_HEADER.test(l);
    else if (inPods) n++;
  }
  return n;
}

const byName = (facts: Fact[], name: string) => rows(facts).find((r) => r.name === name)!;

describe('kubectl get pods: every real fixture', () => {
  const holmes = fg
    .sync('**/kubectl_get*', { cwd: HOLMES })
    .filter((f) => holmesBody(readFileSync(`${HOLMES}/${f}`, 'utf8')).split('\n').some((l) => POD_HEADER.test(l)))
    .sort();
  it('finds the holmesgpt pod tables', () => expect(holmes.length).toBeGreaterThanOrEqual(20));

  const all = [
    ...holmes.map((f) => ({ name: f, text: holmesBody(readFileSync(`${HOLMES}/${f}`, 'utf8')) })),
    ...['01-kubectl-get-pods.txt', '03-kubectl-get-pods-old-spacing.txt'].map((f) => ({ name: f, text: fixture(`${WEB}/${f}`) })),
  ];
  for (const { name, text } of all) {
    it(`${name}: every row read, no problem`, () => {
      const r = parse(text);
      expect(r.issues).toEqual([]);
      const found = rows(r.facts);
      expect(found.length).toBe(expectedRows(r.lines));
      expect(found.length).toBeGreaterThan(0);
      for (const row of found) {
        expect(row.source.text).toBe(r.lines[row.source.line - 1]!.trimEnd());
        expect(row.status.source).toEqual(row.source);
        expect(row.name).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
        expect(row.ready).toMatch(/^\d+\/\d+$/);
        expect(row.restarts).toBeGreaterThanOrEqual(0);
        expect(row.status.value).toMatch(/^\S+$/);
      }
    });
  }
});

describe('kubectl get pods: values', () => {
  it('-o wide --show-labels with `7 (32s ago)` and a JSON-quoted header (holmesgpt crashpod)', () => {
    const r = parse(holmesBody(fixture(`${H}/test_workload_health/01_crashpod/kubectl_get_by_kind_in_namespace.txt`)), 'default');
    expect(r.issues).toEqual([]);
    const crash = byName(r.facts, 'crashpod-9688789bc-lgjzj');
    expect(crash).toMatchObject({
      namespace: 'default',
      ready: '0/1',
      restarts: 7,
      lastRestartAgo: '32s',
      age: '11m',
      ip: '10.0.219.148',
      node: 'ip-10-0-203-129.us-east-2.compute.internal',
    });
    expect(crash.status.value).toBe('CrashLoopBackOff');
    expect(crash.source.line).toBe(3); // line 6 of the file, after the JSON lines and `stdout:`
    const terminating = byName(r.facts, 'robusta-runner-76f4b87775-hn9cn');
    expect(terminating.status.value).toBe('Terminating');
    expect(terminating.ip).toBeUndefined(); // `<none>`
  });

  it('default columns with four-digit restarts and Init: statuses (holmesgpt job crashing)', () => {
    const r = parse(holmesBody(fixture(`${H}/test_ask_holmes/12_job_crashing/kubectl_get_by_kind_in_namespace.txt`)));
    const db = byName(r.facts, 'db-certs-authenticator-757f89d977-4qfst');
    expect(db).toMatchObject({ restarts: 2121, lastRestartAgo: '3m17s', age: '31d' });
    expect(db.status.value).toBe('CrashLoopBackOff');
    expect(db.node).toBeUndefined();
    const init = byName(r.facts, 'logging-agent');
    expect(init.status.value).toBe('Init:CrashLoopBackOff');
    expect(init.restarts).toBe(2510);
    expect(byName(r.facts, 'get-data-wpsss')).toMatchObject({ restarts: 0, ready: '0/1' });
    expect(byName(r.facts, 'get-data-wpsss').lastRestartAgo).toBeUndefined();
  });

  it('-A puts NAMESPACE first (holmesgpt memory graph)', () => {
    const r = parse(holmesBody(fixture(`${H}/test_ask_holmes/34_memory_graph/kubectl_get_by_kind_in_cluster.txt`)));
    const db = byName(r.facts, 'db-certs-authenticator-757f89d977-8lng4');
    expect(db).toMatchObject({ namespace: 'default', restarts: 42, lastRestartAgo: '119s', node: 'local-kind-multi-node-worker4' });
    expect(db.status.value).toBe('CrashLoopBackOff');
    expect(byName(r.facts, 'tempo-ingester-1')).toMatchObject({ namespace: 'tempo', restarts: 4, node: 'local-kind-multi-node-worker' });
    expect(new Set(rows(r.facts).map((f) => f.namespace))).toEqual(new Set(['default', 'kube-system', 'local-path-storage', 'loki', 'otel', 'tempo']));
  });

  it('a single pod, -o wide (holmesgpt frontend-service)', () => {
    const r = parse(holmesBody(fixture(`${H}/test_ask_holmes/158_slack_chat_correct_date/kubectl_get_by_namepod_frontend-service_default.txt`)));
    const [row] = rows(r.facts);
    expect(row).toMatchObject({ name: 'frontend-service', restarts: 9, lastRestartAgo: '104s', node: 'aks-agentpool-29949785-vmss000001' });
    expect(row!.status.value).toBe('CrashLoopBackOff');
  });

  it('kubectl get all: only the pod table, `pod/` dropped, rows not aligned with their header', () => {
    const r = parse(holmesBody(fixture(`${H}/test_ask_holmes/03_what_is_the_command_to_port_forward/kubectl_get_all.txt`)), 'default');
    expect(r.issues).toEqual([]);
    expect(rows(r.facts)).toHaveLength(1);
    expect(rows(r.facts)[0]).toMatchObject({ name: 'my_grafana_4j981', namespace: 'default', ready: '1/1', restarts: 0, age: '7m27s' });
    expect(rows(r.facts)[0]!.status.value).toBe('Running');
  });

  it('--no-headers: the same rows as with the header, in the default and -A column orders (holmesgpt)', () => {
    for (const file of ['test_ask_holmes/12_job_crashing/kubectl_get_by_kind_in_namespace.txt', 'test_ask_holmes/34_memory_graph/kubectl_get_by_kind_in_cluster.txt']) {
      const text = holmesBody(fixture(`${H}/${file}`));
      const lines = text.split('\n');
      const at = lines.findIndex((l) => POD_HEADER.test(l));
      const table = lines.slice(at, lines.findIndex((l, i) => i > at && l.trim() === '') >>> 0);
      const withHeader = rows(parse(table.join('\n')).facts);
      const bare = rows(parse(table.slice(1).join('\n')).facts);
      const shape = (f: PodRowFact) => [f.namespace, f.name, f.ready, f.status.value, f.restarts, f.lastRestartAgo, f.age];
      expect(withHeader.length, file).toBeGreaterThan(3);
      expect(bare.map(shape), file).toEqual(withHeader.map(shape));
    }
  });

  it('a single row pasted without its header, cut after RESTARTS, `pod/` from kubectl get all', () => {
    const r = parse('pod/gitea-gitea-64b56bbcd8-v2r67                                   0/2     Init:CreateContainerConfigError   0\n');
    expect(r.issues).toEqual([]);
    expect(rows(r.facts).map((f) => [f.name, f.ready, f.status.value, f.restarts])).toEqual([['gitea-gitea-64b56bbcd8-v2r67', '0/2', 'Init:CreateContainerConfigError', 0]]);
  });

  it('kubernetes website: current and old (min width 10) spacing', () => {
    const now = rows(parse(fixture(`${WEB}/01-kubectl-get-pods.txt`)).facts);
    expect(now.map((f) => [f.name, f.status.value, f.restarts, f.age])).toEqual([
      ['nginx-deployment-67d4bdd6f5-cx2nz', 'Running', 0, '13s'],
      ['nginx-deployment-67d4bdd6f5-w6kd7', 'Running', 0, '13s'],
    ]);
    const old = rows(parse(fixture(`${WEB}/03-kubectl-get-pods-old-spacing.txt`)).facts);
    expect(old).toHaveLength(5);
    const pending = old.find((f) => f.name === 'nginx-deployment-1370807587-fg172')!;
    expect(pending).toMatchObject({ ready: '0/1', restarts: 0, age: '1m' });
    expect(pending.status).toEqual({ value: 'Pending', source: pending.source });
    expect(pending.source.line).toBe(5);
  });

  it('a pasted command line before the header is ignored', () => {
    const text = `$ kubectl get pods -n shop\n${fixture(`${WEB}/01-kubectl-get-pods.txt`)}`;
    const r = parse(text, 'shop');
    expect(r.issues).toEqual([]);
    expect(rows(r.facts).map((f) => [f.namespace, f.source.line])).toEqual([
      ['shop', 3],
      ['shop', 4],
    ]);
  });

  it('a row that does not fit is reported with its line; the others are read', () => {
    const text = fixture(`${WEB}/01-kubectl-get-pods.txt`).replace('1/1     Running   0          13s\nnginx', '1/1     Running   lots       13s\nnginx');
    const r = parse(text);
    expect(r.issues).toEqual([{ line: 2, message: expect.stringMatching(/does not fit/) }]);
    expect(rows(r.facts).map((f) => f.name)).toEqual(['nginx-deployment-67d4bdd6f5-w6kd7']);
  });

  it('`No resources found` is an empty answer, not a problem', () => {
    const r = parse(holmesBody(fixture(`${H}/test_ask_holmes/57_wrong_namespace/kubectl_get_by_kind_in_namespacepod_app-57.txt`)));
    expect(r).toMatchObject({ facts: [], issues: [] });
  });
});

describe('kubectl get pods: not mine', () => {
  it('an events table gives no pod row and an issue', () => {
    const r = parse(fixture('kubernetes-kubectl/pkg/cmd/events/events_test.go.goldens/TestEventIsSorted-all-namespaces.txt'));
    expect(rows(r.facts)).toEqual([]);
    expect(r.issues).toHaveLength(1);
  });

  it('a deployment table and a node table give no pod row', () => {
    for (const path of [
      `${H}/test_ask_holmes/07_high_latency/kubectl_get.txt`,
      `${H}/test_investigate/08_memory_pressure/kubectl_get_all.txt`,
    ]) {
      const r = parse(holmesBody(fixture(path)));
      expect(r.facts).toEqual([]);
      expect(r.issues).toEqual([{ line: 1, message: expect.stringMatching(/no pod table/) }]);
    }
  });

  it('empty input gives an issue', () => {
    expect(parse('')).toEqual({ lines: [''], facts: [], issues: [{ line: 1, message: expect.any(String) }] });
  });
});
