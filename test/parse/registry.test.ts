import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectArtifact } from '../../src/detect/detect.js';
import { PARSED_KINDS, PARSERS, parserFor, recognise } from '../../src/parse/registry.js';

const detect = (text: string, path = 'paste.txt') => detectArtifact({ path, type: 'file', head: Buffer.from(text), headText: text }).kind;

/** The parsers as a registry: each owns its recogniser, and detection only asks them. */
describe('the parser registry', () => {
  it('has one parser per kind, and a parser for every kind the parse stage reads', () => {
    const kinds = PARSERS.map((p) => p.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const kind of PARSED_KINDS) expect(parserFor(kind as never), kind).toBeDefined();
  });

  it('every recogniser says "not mine" to prose', () => {
    const prose = 'We upgraded the chart yesterday and since then nothing works.\nAny idea?\n';
    for (const p of PARSERS) expect(p.sniff({ text: prose, hints: {} }), p.kind).toBeUndefined();
    expect(recognise({ text: prose, hints: {} })).toBeUndefined();
  });

  // One head per kind, in the shapes kubectl and the tools print (the team's formats reference).
  const heads: [string, string][] = [
    ['describe-pod', 'Name:         web-0\nNamespace:    shop\nNode:         node-1/10.0.0.1\nContainers:\n  web:\n    Image: nginx\n'],
    ['describe-node', 'Name:               node-1\nRoles:              worker\nTaints:             <none>\n'],
    ['describe-other', 'Name:         web\nNamespace:    shop\nReplicas:     1 desired\n'],
    ['get-pods-table', 'NAME    READY   STATUS             RESTARTS   AGE\nweb-0   0/1     CrashLoopBackOff   5          3m\n'],
    ['get-pods-table', 'web-0   0/1     CrashLoopBackOff   5          3m\n'],
    ['events-table', 'LAST SEEN   TYPE      REASON    OBJECT      MESSAGE\n2m          Warning   BackOff   pod/web-0   Back-off restarting failed container\n'],
    ['top-table', 'NAME    CPU(cores)   MEMORY(bytes)\nweb-0   250m         512Mi\n'],
    ['get-table', 'NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nweb    ClusterIP   10.0.0.10    <none>        80/TCP    1d\n'],
    ['manifest-yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-0\n'],
    ['manifest-json', '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "web-0"}\n}\n'],
    ['json-other', '{\n  "hello": "world"\n}\n'],
    ['container-log', '{"level":"error","ts":1700000000,"msg":"boom"}\n'],
    ['container-log', '2024-05-01T10:00:00Z INFO listening on :8080\n'],
    ['describe-fragment', '    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Exit Code:    1\n    Restart Count:  5\n'],
    ['events-fragment', '  Warning  BackOff  2m (x20 over 7m)  kubelet  Back-off restarting failed container\n'],
    ['pod-status-fragment', 'Status:   Failed\nReason:   Evicted\nMessage:  The node was low on resource: memory.\n'],
    ['log-error', 'Error from server (BadRequest): previous terminated container "web" in pod "web-0" not found\n'],
    ['kubectl-message', 'No resources found in shop namespace.\n'],
    ['cluster-dump-logs', '==== START logs for container web of pod shop/web-0 ====\npanic: boom\n==== END logs for container web of pod shop/web-0 ====\n'],
    ['kubelet-log', 'Jun 02 14:00:54 node-1 kubelet[1234]: E0602 14:00:54.956191    1234 pod_workers.go:191] Error syncing pod\n'],
    ['existence-check', '{ "namespace": "default", "name": "db", "key": "", "secretExists": false }\n'],
  ];
  it.each(heads)('recognises %s', (kind, text) => {
    expect(detect(text)).toBe(kind);
  });

  it('a structured output beats a looser reading of the same text', () => {
    // A describe that also holds event rows and log-like lines is the describe.
    const describe = heads.find(([k]) => k === 'describe-pod')![1] + 'Events:\n  Type     Reason   Age  From     Message\n  Warning  BackOff  2m   kubelet  Back-off restarting failed container\n';
    const claims = PARSERS.map((p) => [p.kind, p.sniff({ text: describe, hints: {} })?.confidence ?? 0] as const).filter(([, c]) => c > 0);
    expect(claims.length).toBeGreaterThan(1);
    expect(recognise({ text: describe, hints: {} })!.kind).toBe('describe-pod');
  });

  it('detection imports no parser internals: only the registry', () => {
    const dir = join(__dirname, '../../src/detect');
    for (const file of readdirSync(dir)) {
      const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '(\.\.\/parse\/[^']+)'/g)].map((m) => m[1]);
      for (const i of imports) expect(['../parse/registry.js', '../parse/parser.js'], `${file} imports ${i}`).toContain(i);
    }
  });
});
