import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import type { EventFact } from '../../src/model/types.js';
import { parseEventsTable } from '../../src/parse/events-table.js';
import { fixture, holmesBody, HOLMES } from '../helpers/fixtures.js';
import { detectAndParse } from '../helpers/parse.js';

const events = (facts: { type: string }[]) => facts.filter((f): f is EventFact => f.type === 'event');

describe('kubectl get events / kubectl events tables', () => {
  it('every holmesgpt events table parses with no problem, one event per row', async () => {
    const files = fg.sync('**/kubectl_events*', { cwd: HOLMES });
    let tables = 0;
    for (const f of files) {
      const text = holmesBody(readFileSync(join(HOLMES, f), 'utf8'));
      const result = await detectAndParse(f, text);
      if (result.detection.kind !== 'events-table') continue;
      tables++;
      expect(result.issues, f).toEqual([]);
      const rows = text.split('\n').filter((l) => /^\S/.test(l) && !/^LAST SEEN/.test(l));
      expect(events(result.facts), f).toHaveLength(rows.length);
    }
    expect(tables).toBeGreaterThanOrEqual(5);
  });

  it('kubectl events: LAST SEEN with (xN over T), OBJECT keeping the kind case', () => {
    const text = holmesBody(fixture('holmesgpt/tests/llm/fixtures/test_ask_holmes/02_what_is_wrong_with_pod/kubectl_eventsapp-02_giant-narwhal-6958c5bdd8-69gtn_pod.txt'));
    const all = events(parseEventsTable(text.split('\n'), 'e.txt', 'app-02').facts);
    const backoff = all.find((e) => e.reason === 'BackOff')!;
    expect(backoff.subject).toEqual(expect.objectContaining({ kind: 'Pod', name: 'giant-narwhal-6958c5bdd8-69gtn', namespace: 'app-02' }));
    expect(backoff.count).toBeGreaterThan(1);
    expect(backoff.firstSeen).toBeTruthy();
  });

  it('kubectl events: OBJECT as Kind/name', () => {
    const text = holmesBody(fixture('holmesgpt/tests/llm/fixtures/test_investigate/06_job_failure/kubectl_events.txt'));
    const all = events(parseEventsTable(text.split('\n'), 'e.txt').facts);
    expect(all.length).toBeGreaterThan(0);
    for (const e of all) {
      expect(e.subject.kind).toBe('Pod');
      expect(e.subject.name).toBeTruthy();
      expect(['Normal', 'Warning']).toContain(e.eventType);
    }
  });

  it('kubectl 1.10-1.13 columns: FIRST SEEN, COUNT, NAME, KIND, SOURCE', () => {
    const text = fixture('argo-cd/docs/operator-manual/security.md.blocks/01-kubectl-get-events-legacy-columns.txt');
    const result = parseEventsTable(text.split('\n'), 'legacy.txt');
    expect(result.issues).toEqual([]);
    const [first] = events(result.facts);
    expect(first).toEqual(
      expect.objectContaining({ reason: 'ResourceCreated', eventType: 'Normal', count: 1, lastSeen: '1m', firstSeen: '1m', message: 'admin created application' }),
    );
    expect(first!.subject).toEqual({ kind: 'Application', name: 'guestbook' });
    expect(events(result.facts).find((e) => /OutOfSync/.test(e.message))?.message).toBe('Updated sync status:  -> OutOfSync');
  });

  it('-A: the NAMESPACE column, and rows line up with their source lines', () => {
    const text = fixture('kubernetes-kubectl/pkg/cmd/events/events_test.go.goldens/TestEventIsSorted-all-namespaces.txt');
    const all = events(parseEventsTable(text.split('\n'), 'sorted.txt').facts);
    expect(all.map((e) => [e.subject.namespace, e.lastSeen, e.count, e.firstSeen, e.eventType])).toEqual([
      ['foo', '20m', 3, '30m', 'Normal'],
      ['foo', '18m', 3, '28m', 'Warning'],
      ['otherfoo', '15m', 3, '25m', 'Normal'],
    ]);
    expect(all.map((e) => e.source.line)).toEqual([2, 3, 4]);
  });

  it('--no-headers: kubectl events rows without a header are still events', async () => {
    const text = fixture('kubernetes-kubectl/pkg/cmd/events/events_test.go.goldens/TestEventNoHeaders-all-namespaces.txt');
    const result = await detectAndParse('noheaders.txt', text);
    expect(result.detection.kind).toBe('events-fragment');
    expect(events(result.facts).map((e) => [e.subject.namespace, e.subject.kind, e.subject.name, e.lastSeen, e.count])).toEqual([
      ['foo', 'Deployment', 'bar', '20m', 3],
      ['foo', 'Deployment', 'bar', '18m', 3],
      ['otherfoo', 'Deployment', 'bar', '15m', 3],
    ]);
  });

  it('-o wide: SUBOBJECT gives the container field path', () => {
    const text = [
      'LAST SEEN   TYPE      REASON    OBJECT            SUBOBJECT               SOURCE              MESSAGE                                                FIRST SEEN   COUNT   NAME',
      '12s         Warning   BackOff   pod/api-7d9f-x2   spec.containers{api}    kubelet, worker-1   Back-off restarting failed container api in pod x   5m           24      api-7d9f-x2.17a9c1f0e2d3b4a5',
    ];
    const [e] = events(parseEventsTable(text, 'wide.txt', 'shop').facts);
    expect(e).toEqual(expect.objectContaining({ reason: 'BackOff', count: 24, firstSeen: '5m', lastSeen: '12s' }));
    expect(e!.subject).toEqual({ kind: 'pod', name: 'api-7d9f-x2', namespace: 'shop', fieldPath: 'spec.containers{api}' });
  });

  it('not mine: a pods table has no events header', () => {
    const result = parseEventsTable(['NAME      READY   STATUS    RESTARTS   AGE', 'web-1     1/1     Running   0          5m'], 'pods.txt');
    expect(result.facts).toEqual([]);
    expect(result.issues[0]?.message).toMatch(/no events table header/);
  });
});
