import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import type { EventFact, NodeFact, ObjectFact, PodFact } from '../../src/model/types.js';
import { parseManifests } from '../../src/parse/manifest.js';
import { fixture, FIXTURES, holmesBody } from '../helpers/fixtures.js';
import { detectAndParse } from '../helpers/parse.js';

const H = 'holmesgpt/tests/llm/fixtures';
const DUMP = 'global-cloudwork-kubernetes/cluster-dump';
const SBCTL = 'replicatedhq-sbctl/tests/support-bundle';
const MG = 'openshift-must-gather-clean/test/files/must-gather-metal.tar.xz.extracted/must-gather-metal';
const byType = <T extends { type: string }>(facts: { type: string }[], type: T['type']) => facts.filter((f): f is T => f.type === type);

describe('manifests: pasted pieces', () => {
  it('containerStatuses pasted without their status key, at any indentation, even cut before the name', async () => {
    for (const indent of ['', '    ']) {
      const text = ['containerStatuses:', '- lastState:', '    terminated:', '      exitCode: 137', '      reason: Error', '  state:', '    waiting:', '      message: couldn\'t find key kind in Secret sample/minio', '      reason: CreateContainerConfigError', '']
        .map((l) => (l ? indent + l : l))
        .join('\n');
      const r = await detectAndParse('pod.yaml', text);
      expect(r.detection.kind, JSON.stringify(indent)).toBe('manifest-yaml');
      const [pod] = r.facts.filter((f): f is PodFact => f.type === 'pod');
      const c = pod!.containers[0]!;
      expect(c.lastState?.exitCode?.value).toBe(137);
      expect(c.state?.reason?.value).toBe('CreateContainerConfigError');
      expect(c.state?.message?.source.line).toBe(8);
    }
  });

  it('one container status pasted alone, as YAML or as JSON members with a trailing comma', async () => {
    const json = ['                "lastState": {', '                    "terminated": {', '                        "exitCode": 137,', '                        "reason": "Error"', '                    }', '                },', ''].join('\n');
    const yaml = ['lastState:', '  terminated:', '    exitCode: 137', '    reason: Error', ''].join('\n');
    for (const [path, text] of [['status.json', json], ['status.yaml', yaml]] as const) {
      const r = await detectAndParse(path, text);
      expect(r.detection.kind, path).toMatch(/^manifest-/);
      const [pod] = r.facts.filter((f): f is PodFact => f.type === 'pod');
      expect(pod!.containers[0]!.lastState?.exitCode?.value, path).toBe(137);
      expect(pod!.containers[0]!.lastState?.exitCode?.source.line, path).toBe(3);
    }
  });
});

describe('manifests: real files', () => {
  it('cluster-info dump pods.json (4-space JSON PodList, items without kind)', () => {
    const text = fixture(`${DUMP}/kube-system/pods.json`);
    const result = parseManifests(text, 'kube-system/pods.json', 'json');
    expect(result.issues).toEqual([]);
    const pods = byType<PodFact>(result.facts, 'pod');
    const expected = (JSON.parse(text) as { items: unknown[] }).items.length;
    expect(pods).toHaveLength(expected);
    const restarted = pods.flatMap((p) => p.containers).filter((c) => (c.restartCount?.value ?? 0) > 0);
    expect(restarted.length).toBeGreaterThan(5);
    const lines = text.split('\n');
    expect(restarted.filter((c) => c.lastState?.status === 'terminated').length).toBeGreaterThan(5);
    for (const c of restarted) {
      // Each value's line really holds it.
      expect(lines[c.restartCount!.source.line - 1]).toMatch(new RegExp(`"restartCount": ${c.restartCount!.value}`));
      if (c.lastState?.exitCode) expect(lines[c.lastState.exitCode.source.line - 1]).toMatch(/"exitCode": \d+/);
    }
  });

  it('cluster-info dump nodes.json becomes a node with conditions', () => {
    const result = parseManifests(fixture(`${DUMP}/nodes.json`), 'nodes.json', 'json');
    const [node] = byType<NodeFact>(result.facts, 'node');
    expect(node!.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(node!.allocatable.memory).toMatch(/Ki$/);
  });

  it('must-gather YAML (--- first, typed lists): pods, events and secret keys', () => {
    const ns = `${MG}/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-514b5bd41b36c20014cd237c8aa7eec548e02df0b5d289ae15385eb2a8c6eebf/namespaces/openshift-marketplace/core`;
    const pods = parseManifests(fixture(`${ns}/pods.yaml`), 'pods.yaml', 'yaml');
    expect(pods.issues).toEqual([]);
    const marketplace = byType<PodFact>(pods.facts, 'pod').find((p) => p.name.startsWith('marketplace-operator'))!;
    expect(marketplace.namespace).toBe('openshift-marketplace');
    expect(marketplace.containers[0]!.restartCount?.value).toBe(3);
    const events = parseManifests(fixture(`${ns}/events.yaml`), 'events.yaml', 'yaml');
    const scheduling = byType<EventFact>(events.facts, 'event').find((e) => e.reason === 'FailedScheduling');
    expect(scheduling?.subject.kind).toBe('Pod');
    expect(scheduling?.message).toMatch(/taint/);
    const secrets = parseManifests(fixture(`${ns}/secrets.yaml`), 'secrets.yaml', 'yaml');
    const withKeys = byType<ObjectFact>(secrets.facts, 'object').filter((o) => o.kind === 'Secret' && (o.keys?.length ?? 0) > 0);
    expect(withKeys.length).toBeGreaterThan(0);
  });

  it('support bundle JSON events: new-API events without count or lastTimestamp', () => {
    const text = fixture('replicatedhq-troubleshoot/extracted/testdata-supportbundle-support-bundle/support-bundle/cluster-resources/events/default.json');
    const events = byType<EventFact>(parseManifests(text, 'events/default.json', 'json').facts, 'event');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.count).toBeGreaterThanOrEqual(1);
      expect(e.lastSeen).toBeTruthy();
    }
  });

  it('troubleshoot ***HIDDEN*** in YAML does not lose the rest of the file', () => {
    const files = fg.sync(`${SBCTL}/cluster-resources/custom-resources/**/*.yaml`, { cwd: FIXTURES });
    const hidden = files.filter((f) => /: \*\*\*HIDDEN\*\*\*/.test(readFileSync(join(FIXTURES, f), 'utf8')));
    expect(hidden.length).toBeGreaterThan(0);
    for (const f of hidden) {
      const result = parseManifests(readFileSync(join(FIXTURES, f), 'utf8'), f, 'yaml');
      expect(result.issues, f).toEqual([]);
      expect(result.facts.length, f).toBeGreaterThan(0);
    }
  });

  it('holmesgpt kubectl get -o yaml files (after the tool header) parse without problems', async () => {
    const files = fg.sync('**/kubectl_get_yaml*', { cwd: join(FIXTURES, H) });
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = holmesBody(readFileSync(join(FIXTURES, H, f), 'utf8'));
      const result = await detectAndParse(f, text);
      if (!result.detection.kind.startsWith('manifest')) continue;
      expect(result.issues, f).toEqual([]);
      expect(result.facts.length, f).toBeGreaterThan(0);
    }
  });

  it('a pod with a status-only edited date keeps every other field', () => {
    const text = holmesBody(fixture(`${H}/test_ask_holmes/158_slack_chat_correct_date/kubectl_get_yamlpod_frontend-service_default.txt`));
    const [pod] = byType<PodFact>(parseManifests(text, 'pod.yaml', 'yaml').facts, 'pod');
    const c = pod!.containers.find((x) => x.name === 'stress')!;
    expect(c.restartCount?.value).toBeGreaterThan(0);
    expect(c.lastState?.exitCode?.value).toBe(255);
    expect(c.state?.message?.value).toMatch(/^back-off 5m0s restarting failed container=stress/);
  });
});

describe('manifests: shapes', () => {
  const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ns\nspec:\n  containers:\n  - name: c\n    image: i\n`;

  it('multi-document YAML, kind: List, and items: null', () => {
    expect(byType<PodFact>(parseManifests(`${pod('a')}---\n${pod('b')}`, 'x', 'yaml').facts, 'pod').map((p) => p.name)).toEqual(['a', 'b']);
    const list = `apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: ""\nitems:\n- ${pod('c').replace(/\n/g, '\n  ').trimEnd()}\n`;
    expect(byType<PodFact>(parseManifests(list, 'x', 'yaml').facts, 'pod').map((p) => p.name)).toEqual(['c']);
    expect(parseManifests('{"apiVersion":"v1","kind":"PodList","items":null}', 'x', 'json')).toEqual({ facts: [], issues: [] });
  });

  it('spec references: env from secrets, envFrom, secret/configMap/projected volumes, owner', () => {
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'n', ownerReferences: [{ kind: 'ReplicaSet', name: 'rs-1', controller: true }] },
      spec: {
        containers: [
          {
            name: 'c',
            env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
            envFrom: [{ configMapRef: { name: 'cfg', optional: true }, prefix: 'APP_' }],
            volumeMounts: [{ name: 'tls', mountPath: '/tls', readOnly: true }],
          },
        ],
        volumes: [
          { name: 'tls', secret: { secretName: 'api-tls' } },
          { name: 'x', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt' } }, { secret: { name: 'extra', optional: true } }] } },
        ],
      },
    }, null, 2);
    const [p] = byType<PodFact>(parseManifests(text, 'p.json', 'json').facts, 'pod');
    expect(p!.owner?.value).toEqual({ kind: 'ReplicaSet', name: 'rs-1' });
    const c = p!.containers[0]!;
    expect(c.env[0]!.from).toEqual({ kind: 'secret', name: 'db', key: 'password', optional: false });
    expect(c.envFrom[0]).toEqual(expect.objectContaining({ kind: 'configmap', name: 'cfg', prefix: 'APP_', optional: true }));
    expect(c.mounts[0]).toEqual(expect.objectContaining({ path: '/tls', volume: 'tls', readOnly: true }));
    expect(p!.volumes.map((v) => [v.name, v.kind, v.refs])).toEqual([
      ['tls', 'secret', [{ kind: 'secret', name: 'api-tls', optional: false }]],
      ['x', 'projected', [{ kind: 'configmap', name: 'kube-root-ca.crt', optional: false }, { kind: 'secret', name: 'extra', optional: true }]],
    ]);
  });

  it('truncated YAML and JSON are reported with the line', () => {
    const yaml = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "broken\n', 'bad.yaml', 'yaml');
    expect(yaml.issues[0]).toEqual(expect.objectContaining({ line: expect.any(Number), message: expect.stringMatching(/\S/) }));
    const json = parseManifests('{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {\n    "name": "x"', 'bad.json', 'json');
    expect(json.issues.length).toBeGreaterThan(0);
  });
});
