import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import type { PodFact, EventFact } from '../../src/model/types.js';
import { parseDescribePod } from '../../src/parse/describe-pod.js';
import { fixture, FIXTURES, holmesBody, HOLMES } from '../helpers/fixtures.js';
import { detectAndParse } from '../helpers/parse.js';

const H = 'holmesgpt/tests/llm/fixtures';
const pods = (facts: { type: string }[]) => facts.filter((f): f is PodFact => f.type === 'pod');
const events = (facts: { type: string }[]) => facts.filter((f): f is EventFact => f.type === 'event');

function parseHolmes(path: string) {
  const text = holmesBody(fixture(`${H}/${path}`));
  return { text, ...parseDescribePod(text.split('\n'), path) };
}

describe('kubectl describe pod: every real fixture', () => {
  const files = fg.sync('**/kubectl_describe*', { cwd: HOLMES });
  it('finds the fixtures', () => expect(files.length).toBeGreaterThan(40));
  // What each fixture holds is told by the fixture itself (the kind the tool was asked to
  // describe, in its header), not by podmortem's detection.
  const asked = (raw: string) => /"kind":\s*"(\w+)"/.exec(raw.split('\n', 1)[0]!)?.[1];
  // (One fixture, 12_job_crashing, holds a Job's description under a pod header: its Pod Template shows it.)
  const isPodDescription = (raw: string, body: string) => asked(raw) === 'pod' && /^Name:/m.test(body) && !/^Error from server/m.test(body) && !/^Pod Template:/m.test(body);
  it('finds the pod descriptions among them', () => {
    const podFiles = files.filter((f) => {
      const raw = readFileSync(`${HOLMES}/${f}`, 'utf8');
      return isPodDescription(raw, holmesBody(raw));
    });
    expect(podFiles.length).toBeGreaterThan(25);
  });
  for (const file of files) {
    it(`${file}: read as what it is; a pod's description parses with no problem`, async () => {
      const raw = readFileSync(`${HOLMES}/${file}`, 'utf8');
      const text = holmesBody(raw);
      const result = await detectAndParse(file, text);
      if (!isPodDescription(raw, text)) {
        // A node, deployment, job or claim, or an error: another parser's, never a pod's.
        expect(result.detection.kind).not.toBe('describe-pod');
        return;
      }
      expect(result.detection.kind).toBe('describe-pod');
      expect(result.issues).toEqual([]);
      expect(pods(result.facts).length).toBeGreaterThan(0);
      for (const pod of pods(result.facts)) {
        expect(pod.namespace).toBeTruthy();
        expect(pod.containers.length).toBeGreaterThan(0);
        // Every sourced line number points at the line it quotes.
        const lines = text.split('\n');
        for (const c of pod.containers) {
          for (const v of [c.restartCount, c.ready, c.image, c.state?.reason, c.lastState?.exitCode]) {
            if (v) expect(lines[v.source.line - 1]?.trimEnd()).toBe(v.source.text);
          }
        }
      }
    });
  }
});

describe('kubectl describe pod: values', () => {
  it('01_oom_kill: OOMKilled, exit 137, 6 restarts, 100Mi, BackOff x23', () => {
    const { facts } = parseHolmes('test_investigate/01_oom_kill/kubectl_describe.txt');
    const [pod] = pods(facts);
    expect(pod!.name).toBe('analytics-exporter-fast-76897854c-cw5wh');
    expect(pod!.namespace).toBe('default');
    expect(pod!.node).toBe('grafana-cloud-control-plane');
    expect(pod!.owner?.value).toEqual({ kind: 'ReplicaSet', name: 'analytics-exporter-fast-76897854c' });
    expect(pod!.qosClass).toBe('Burstable');
    const c = pod!.containers[0]!;
    expect(c.name).toBe('memory-eater');
    expect(c.state?.status).toBe('waiting');
    expect(c.state?.reason?.value).toBe('CrashLoopBackOff');
    expect(c.lastState?.reason?.value).toBe('OOMKilled');
    expect(c.lastState?.exitCode?.value).toBe(137);
    expect(c.lastState?.exitCode?.source).toEqual({ artifact: 'test_investigate/01_oom_kill/kubectl_describe.txt', line: 32, text: '      Exit Code:    137' });
    expect(c.restartCount?.value).toBe(6);
    expect(c.limits.memory?.value).toBe('100Mi');
    expect(c.args?.value).toEqual(['80Mi', '0', '100Mi', '10', '1']);
    expect(c.mounts).toEqual([expect.objectContaining({ path: '/var/run/secrets/kubernetes.io/serviceaccount', volume: 'kube-api-access-2vlp9', readOnly: true })]);
    expect(pod!.conditions.find((x) => x.type === 'Ready')?.status).toBe('False');
    expect(pod!.volumes[0]).toEqual(expect.objectContaining({ name: 'kube-api-access-2vlp9', kind: 'projected', refs: [{ kind: 'configmap', name: 'kube-root-ca.crt', optional: false }] }));
    const backoff = events(facts).find((e) => e.reason === 'BackOff');
    expect(backoff).toEqual(expect.objectContaining({ eventType: 'Warning', count: 23, lastSeen: '87s', firstSeen: '6m33s' }));
    expect(backoff!.message).toMatch(/^Back-off restarting failed container memory-eater in pod/);
  });

  it('02_crashloop_backoff: init container StartError with the runtime message', () => {
    const { facts } = parseHolmes('test_investigate/02_crashloop_backoff/kubectl_describe.txt');
    const pod = pods(facts)[0]!;
    const init = pod.containers.find((c) => c.init)!;
    expect(init.lastState?.reason?.value).toBe('StartError');
    expect(init.lastState?.exitCode?.value).toBe(128);
    expect(init.lastState?.message?.value).toMatch(/exec: "wge": executable file not found in \$PATH/);
  });

  it('05_crashpod: exit 1 after Reason Error', () => {
    const { facts } = parseHolmes('test_investigate/05_crashpod/kubectl_describe.txt');
    const c = pods(facts)[0]!.containers[0]!;
    expect(c.name).toBe('flask');
    expect(c.lastState?.reason?.value).toBe('Error');
    expect(c.lastState?.exitCode?.value).toBe(1);
  });

  it('environment: secret and config map references with Optional', () => {
    const lines = [
      'Name:         api-1',
      'Namespace:    shop',
      'Containers:',
      '  api:',
      '    Image:      api:1',
      '    Environment Variables from:',
      "      app-config  ConfigMap  Optional: false",
      "      db-secret   Secret with prefix 'DB_'  Optional: true",
      '    Environment:',
      "      DB_PASSWORD:  <set to the key 'password' in secret 'db-creds'>  Optional: false",
      "      LOG_LEVEL:    <set to the key 'level' of config map 'app-cfg'>   Optional: true",
      '      PORT:         8080',
      '      POD_NAME:     api-1 (v1:metadata.name)',
      '    Mounts:',
      '      /etc/app from cfg (ro,path="app.yaml")',
      'Events:  <none>',
    ];
    const c = pods(parseDescribePod(lines, 'd.txt').facts)[0]!.containers[0]!;
    expect(c.env.map((e) => [e.name, e.from ?? e.value])).toEqual([
      ['DB_PASSWORD', { kind: 'secret', name: 'db-creds', key: 'password', optional: false }],
      ['LOG_LEVEL', { kind: 'configmap', name: 'app-cfg', key: 'level', optional: true }],
      ['PORT', '8080'],
      ['POD_NAME', 'api-1 (v1:metadata.name)'],
    ]);
    expect(c.envFrom.map((e) => [e.kind, e.name, e.prefix, e.optional])).toEqual([
      ['configmap', 'app-config', undefined, false],
      ['secret', 'db-secret', 'DB_', true],
    ]);
    expect(c.mounts[0]).toEqual(expect.objectContaining({ path: '/etc/app', volume: 'cfg', readOnly: true, subPath: 'app.yaml' }));
  });

  it('probes: both summary forms', () => {
    const lines = [
      'Name:         web-1',
      'Namespace:    default',
      'Containers:',
      '  web:',
      '    Liveness:   http-get http://:3003/backend/health delay=15s timeout=1s period=20s #success=1 #failure=3',
      '    Startup:    tcp-socket :5432 delay=0s timeout=1s period=10s successThreshold=1 failureThreshold=30',
    ];
    const probes = pods(parseDescribePod(lines, 'd.txt').facts)[0]!.containers[0]!.probes;
    expect(probes[0]).toEqual(expect.objectContaining({ type: 'liveness', action: 'http-get http://:3003/backend/health', delaySeconds: 15, periodSeconds: 20, failureThreshold: 3 }));
    expect(probes[1]).toEqual(expect.objectContaining({ type: 'startup', action: 'tcp-socket :5432', failureThreshold: 30 }));
  });

  it('a multi-line termination message continues at column 0 until Exit Code', () => {
    const lines = [
      'Name:         j-1',
      'Namespace:    default',
      'Containers:',
      '  j:',
      '    State:      Terminated',
      '      Reason:   Error',
      '      Message:  Exception in thread "main" java.lang.IllegalStateException: boom',
      '        at com.example.Main.run(Main.java:42)',
      'Caused by: java.io.IOException: disk',
      '',
      '      Exit Code:    1',
      '    Ready:          False',
      '    Restart Count:  0',
    ];
    const c = pods(parseDescribePod(lines, 'd.txt').facts)[0]!.containers[0]!;
    expect(c.state?.message?.value.split('\n')).toHaveLength(3);
    expect(c.state?.exitCode?.value).toBe(1);
    expect(c.restartCount?.value).toBe(0);
  });

  it('several pods in one file, and the 2016 tab-separated layout', async () => {
    const two = `${holmesBody(fixture(`${H}/test_investigate/01_oom_kill/kubectl_describe.txt`))}\n\n${holmesBody(fixture(`${H}/test_investigate/05_crashpod/kubectl_describe.txt`))}`;
    expect(pods(parseDescribePod(two.split('\n'), 'x').facts).map((p) => p.name)).toEqual([
      'analytics-exporter-fast-76897854c-cw5wh',
      'db-certs-authenticator-757f89d977-795x7',
    ]);
    const legacy = readFileSync(`${FIXTURES}/kubernetes-website/content/en/docs/tasks/debug/debug-application/debug-running-pod.md.blocks/04-kubectl-describe-pod-pending-legacy-tab-format.txt`, 'utf8');
    const result = await detectAndParse('legacy.txt', legacy);
    expect(result.detection.kind).toBe('describe-pod');
    expect(result.issues).toEqual([]);
    const pod = pods(result.facts)[0]!;
    expect(pod.name).toBe('nginx-deployment-1370807587-fz9sd');
    expect(pod.owner?.value).toEqual({ kind: 'ReplicaSet', name: 'nginx-deployment-1370807587' });
    expect(pod.containers[0]!.limits.memory?.value).toBe('128Mi');
    const e = events(result.facts)[0]!;
    expect(e).toEqual(expect.objectContaining({ reason: 'FailedScheduling', eventType: 'Warning', count: 7 }));
    expect(e.message).toMatch(/fit failure on node \(kubernetes-node-wul5\)/);
    // Pasted, its tabs became blanks: the same event, count and message.
    const pasted = await detectAndParse('legacy-pasted.txt', legacy.replace(/\t/g, '    '));
    const p = events(pasted.facts)[0]!;
    expect([p.reason, p.eventType, p.count, p.firstSeen, p.lastSeen]).toEqual(['FailedScheduling', 'Warning', 7, '1m', '48s']);
    expect(p.message).toMatch(/fit failure on node \(kubernetes-node-wul5\)/);
  });

  it('kubectl golden: no containers, trailing blanks', async () => {
    const text = fixture('kubernetes-kubectl/pkg/describe/describe_test.go.goldens/TestDescribePodVolumes.txt');
    const result = await detectAndParse('golden.txt', text);
    expect(result.detection.kind).toBe('describe-pod');
    // `Containers: <none>` (one blank, as kubectl prints it) is an empty section, not a cut.
    expect(result.issues).toEqual([]);
    expect(pods(result.facts)[0]).toEqual(expect.objectContaining({ name: 'bar', containers: [] }));
  });

  it('a description cut mid-block keeps what it has and says what is missing', () => {
    const text = holmesBody(fixture(`${H}/test_investigate/01_oom_kill/kubectl_describe.txt`)).split('\n').slice(0, 31);
    const result = parseDescribePod(text, 'cut.txt');
    const pod = pods(result.facts)[0]!;
    expect(pod.name).toBe('analytics-exporter-fast-76897854c-cw5wh');
    expect(pod.containers[0]!.lastState?.reason?.value).toBe('OOMKilled');
    expect(result.issues).toEqual([expect.objectContaining({ line: 31, fatal: true, message: expect.stringMatching(/cut short/) })]);
  });
});
