import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import type { EventFact, Fact, NodeFact } from '../../src/model/types.js';
import { parseDescribeNode } from '../../src/parse/describe-node.js';
import { fixture, holmesBody, HOLMES } from '../helpers/fixtures.js';

const H = 'holmesgpt/tests/llm/fixtures';
const NOTREADY = 'kubernetes-website/content/en/docs/tasks/debug/debug-cluster/_index.md.blocks/02-kubectl-describe-node-notready.txt';
const CPU_THROTTLING = `${H}/test_investigate/03_cpu_throttling/kubectl_describe_node.txt`;
const MEMORY_PRESSURE = `${H}/test_investigate/08_memory_pressure/kubectl_describe.txt`;

const nodes = (facts: Fact[]) => facts.filter((f): f is NodeFact => f.type === 'node');
const events = (facts: Fact[]) => facts.filter((f): f is EventFact => f.type === 'event');

function parse(text: string, artifact = 'describe-node.txt') {
  const lines = text.split('\n');
  return { lines, ...parseDescribeNode(lines, artifact) };
}

/** Every source a node fact quotes must be the very line at its number. */
function expectSourcesQuoteTheirLines(node: NodeFact, lines: string[]) {
  const refs = [
    node.source,
    ...node.conditions.map((c) => c.source),
    ...node.taints.map((t) => t.source),
    ...node.pods.map((p) => p.source),
  ];
  for (const ref of refs) expect(ref.text).toBe(lines[ref.line - 1]!.trimEnd());
}

describe('kubectl describe node: every real fixture', () => {
  const holmes = fg
    .sync('**/kubectl_describe*', { cwd: HOLMES })
    .filter((f) => /^Roles:/m.test(readFileSync(`${HOLMES}/${f}`, 'utf8')))
    .sort();
  it('finds the holmesgpt node descriptions', () => expect(holmes.length).toBeGreaterThanOrEqual(2));

  const all = [...holmes.map((f) => ({ name: f, text: holmesBody(readFileSync(`${HOLMES}/${f}`, 'utf8')) })), { name: NOTREADY, text: fixture(NOTREADY) }];
  for (const { name, text } of all) {
    it(`${name}: one node, no problem`, () => {
      const r = parse(text, name);
      expect(r.issues).toEqual([]);
      const [node, ...more] = nodes(r.facts);
      expect(more).toEqual([]);
      expect(node!.name).toBe(/^Name:\s+(\S+)/m.exec(text)![1]);
      expect(node!.conditions.map((c) => c.type)).toEqual(expect.arrayContaining(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']));
      for (const c of node!.conditions) expect(['True', 'False', 'Unknown']).toContain(c.status);
      expect(Object.keys(node!.capacity)).toEqual(expect.arrayContaining(['cpu', 'memory', 'pods']));
      expect(Object.keys(node!.allocatable)).toEqual(expect.arrayContaining(['cpu', 'memory', 'pods']));
      expect(Object.keys(node!.allocated)).toEqual(expect.arrayContaining(['cpu', 'memory']));
      const total = Number(/^Non-terminated Pods:\s+\((\d+) in total\)/m.exec(text)![1]);
      expect(node!.pods).toHaveLength(total);
      expectSourcesQuoteTheirLines(node!, r.lines);
    });
  }
});

describe('kubectl describe node: values', () => {
  it('NotReady node (kubernetes website): conditions Unknown with their lines', () => {
    const r = parse(fixture(NOTREADY), NOTREADY);
    const node = nodes(r.facts)[0]!;
    const ready = node.conditions.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(ready.source.line).toBe(26);
    expect(ready.source.text).toMatch(/^ {2}Ready {16}Unknown {3}Thu, 17 Feb 2022 17:12:40 -0500/);
    expect(node.conditions[0]).toMatchObject({ type: 'NetworkUnavailable', status: 'False', reason: 'WeaveIsUp', message: 'Weave pod has set this' });
    expect(node.conditions[0]!.source.line).toBe(22);
  });

  it('NotReady node: taints with their lines, quantities, pods', () => {
    const node = nodes(parse(fixture(NOTREADY)).facts)[0]!;
    expect(node.taints.map((t) => [t.value, t.source.line])).toEqual([
      ['node.kubernetes.io/unreachable:NoExecute', 12],
      ['node.kubernetes.io/unreachable:NoSchedule', 13],
    ]);
    expect(node.capacity.memory).toBe('2025188Ki');
    expect(node.allocatable.memory).toBe('1922788Ki');
    expect(node.allocatable['ephemeral-storage']).toBe('14167048988');
    expect(node.allocated.cpu).toEqual({ requests: '1100m (55%)', limits: '1 (50%)' });
    expect(node.allocated['hugepages-2Mi']).toEqual({ requests: '0 (0%)', limits: '0 (0%)' });
    expect(node.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual([
      'default/nginx-deployment-67d4bdd6f5-cx2nz',
      'default/nginx-deployment-67d4bdd6f5-w6kd7',
      'kube-system/kube-proxy-dnxbz',
      'kube-system/weave-net-gjxxp',
    ]);
    expect(node.pods[3]!.source.line).toBe(59);
  });

  it('NotReady node: an `Events:` cut short with `...` is no event and no problem', () => {
    const r = parse(fixture(NOTREADY));
    expect(events(r.facts)).toEqual([]);
    expect(r.issues).toEqual([]);
  });

  it('cpu-throttling node (holmesgpt): Ready True, no taints, 72 pods, allocated cpu', () => {
    const r = parse(holmesBody(fixture(CPU_THROTTLING)));
    const node = nodes(r.facts)[0]!;
    expect(node.name).toBe('kind-double-node-worker');
    const ready = node.conditions.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect(ready.source.line).toBe(24); // line 26 of the file, after the 2 JSON lines
    expect(node.taints).toEqual([]);
    expect(node.allocatable.memory).toBe('95773032Ki');
    expect(node.allocated.cpu).toEqual({ requests: '5039m (15%)', limits: '4260m (13%)' });
    expect(node.allocated.memory).toEqual({ requests: '25181Mi (26%)', limits: '23343Mi (24%)' });
    expect(node.pods).toHaveLength(72);
    expect(node.pods.find((p) => p.name === 'frontend-service')).toMatchObject({ namespace: 'default' });
    expect(node.pods.at(-1)).toMatchObject({ namespace: 'test-ns', name: 'nginx' });
    expect(events(r.facts)).toEqual([]);
  });

  it('memory-pressure node (holmesgpt): MemoryPressure False, allocatable, overcommitted limits', () => {
    const node = nodes(parse(holmesBody(fixture(MEMORY_PRESSURE))).facts)[0]!;
    expect(node.name).toBe('ip-172-31-40-111.us-east-2.compute.internal');
    const mp = node.conditions.find((c) => c.type === 'MemoryPressure')!;
    expect(mp).toMatchObject({ status: 'False', reason: 'KubeletHasSufficientMemory' });
    expect(mp.source.line).toBe(34); // line 37 of the file, after the 3 lines holmesBody strips
    expect(node.allocatable).toMatchObject({ cpu: '1930m', memory: '3388304Ki', pods: '17' });
    expect(node.allocated.memory).toEqual({ requests: '2174Mi (65%)', limits: '5418Mi (163%)' });
    expect(node.pods.find((p) => p.name === 'ebs-csi-controller-7bb676b68d-dz5wd')?.namespace).toBe('kube-system');
  });
});

describe('kubectl describe node: variants', () => {
  it('several nodes in one file give one fact each, at their own lines', () => {
    const a = fixture(NOTREADY).trimEnd();
    const b = holmesBody(fixture(CPU_THROTTLING));
    const r = parse(`${a}\n\n\n${b}`);
    expect(r.issues).toEqual([]);
    const found = nodes(r.facts);
    expect(found.map((n) => n.name)).toEqual(['kube-worker-1', 'kind-double-node-worker']);
    expect(found[1]!.source.line).toBe(a.split('\n').length + 3);
    expect(found[1]!.conditions.find((c) => c.type === 'Ready')!.source.line).toBe(a.split('\n').length + 3 + 23);
    for (const n of found) expectSourcesQuoteTheirLines(n, r.lines);
  });

  it('node events are read with the Node as subject', () => {
    const text = fixture(NOTREADY).replace(
      /^Events:\n\.\.\.$/m,
      [
        'Events:',
        '  Type    Reason        Age                From             Message',
        '  ----    ------        ----               ----             -------',
        '  Normal  NodeNotReady  2m (x2 over 25m)   node-controller  Node kube-worker-1 status is now: NodeNotReady',
      ].join('\n'),
    );
    const r = parse(text);
    expect(r.issues).toEqual([]);
    const [ev] = events(r.facts);
    expect(ev).toMatchObject({ reason: 'NodeNotReady', count: 2, subject: { kind: 'Node', name: 'kube-worker-1' } });
    expect(ev!.source.line).toBe(text.split('\n').indexOf(ev!.source.text) + 1);
  });

  it('pre-1.10 `Allocated resources` (one row under CPU Requests ...) and `Pods: not authorized`', () => {
    const text = [
      'Name:               old-node',
      'Roles:              <none>',
      'Taints:             <none>',
      'Pods:               not authorized',
      'Allocated resources:',
      '  (Total limits may be over 100 percent, i.e., overcommitted.)',
      '  CPU Requests  CPU Limits  Memory Requests  Memory Limits',
      '  ------------  ----------  ---------------  -------------',
      '  1100m (55%)   1 (50%)     456Mi (24%)      256Mi (13%)',
      'Events:             <none>',
    ].join('\n');
    const r = parse(text);
    expect(r.issues).toEqual([]);
    const node = nodes(r.facts)[0]!;
    expect(node.allocated).toEqual({
      cpu: { requests: '1100m (55%)', limits: '1 (50%)' },
      memory: { requests: '456Mi (24%)', limits: '256Mi (13%)' },
    });
    expect(node.pods).toEqual([]);
    expect(node.taints).toEqual([]);
  });

  it('a multi-line condition message continues at column 0', () => {
    const text = fixture(NOTREADY).replace(
      /^( {2}Ready .*NodeStatusUnknown {3})Kubelet stopped posting node status\.$/m,
      '$1container runtime network not ready: NetworkReady=false\nreason:NetworkPluginNotReady message:cni plugin not initialized',
    );
    const r = parse(text);
    expect(r.issues).toEqual([]);
    const ready = nodes(r.facts)[0]!.conditions.find((c) => c.type === 'Ready')!;
    expect(ready.message).toBe('container runtime network not ready: NetworkReady=false\nreason:NetworkPluginNotReady message:cni plugin not initialized');
    expect(nodes(r.facts)[0]!.conditions).toHaveLength(5);
  });

  it('a table row that does not fit is reported with its line, the rest is read', () => {
    const lines = fixture(NOTREADY).split('\n');
    lines[23] = '  DiskPressure';
    const r = parseDescribeNode(lines, 'n.txt');
    expect(r.issues).toEqual([{ line: 24, message: expect.stringMatching(/condition row/) }]);
    expect(nodes(r.facts)[0]!.conditions.map((c) => c.type)).toEqual(['NetworkUnavailable', 'MemoryPressure', 'PIDPressure', 'Ready']);
  });
});

describe('kubectl describe node: not mine', () => {
  it('a pod description is no node', () => {
    const r = parse(holmesBody(fixture(`${H}/test_investigate/01_oom_kill/kubectl_describe.txt`)));
    expect(nodes(r.facts)).toEqual([]);
    expect(r.issues).toEqual([{ line: 1, message: expect.stringMatching(/not a node description/) }]);
  });

  it('empty input and a plain table give an issue, no fact', () => {
    for (const text of ['', fixture('kubernetes-website/content/en/docs/tasks/debug/debug-cluster/_index.md.blocks/01-kubectl-get-nodes.txt')]) {
      const r = parse(text);
      expect(r.facts).toEqual([]);
      expect(r.issues).toHaveLength(1);
    }
  });
});
