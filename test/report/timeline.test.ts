import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { buildReportView } from '../../src/report/view-model.js';
import { buildTimeline } from '../../src/report/timeline.js';
import { BASE, lastTerminated, withEvents, withState } from '../helpers/describe-edit.js';
import { SAMPLES, tempBundle } from '../helpers/fixtures.js';
import { join } from 'node:path';

async function timelineOf(dir: string, container: string) {
  const a = await analyze(dir);
  const pod = a.incident.pods[0]!;
  return buildTimeline(pod, pod.containers.find((c) => c.name === container)!);
}

describe('the restart timeline', () => {
  it('oom-killed sample: describe clock times anchor the event ages to an estimated capture', async () => {
    const t = await timelineOf(join(SAMPLES, 'oom-killed'), 'api');
    expect(t.axis).toBe('clock');
    // Last start 11:21:27 +0200 plus the age of the last Started event (3m3s).
    expect(t.capture?.at).toBe('2025-10-14T09:24:30Z');
    const run = t.items.find((i) => i.kind === 'run')!;
    expect([run.from.at, run.to?.at, run.label]).toEqual(['2025-10-14T09:21:27Z', '2025-10-14T09:22:45Z', 'ran 78s']);
    const term = t.items.find((i) => i.kind === 'termination')!;
    expect(term).toMatchObject({ label: 'OOMKilled, exit 137', tone: 'critical', source: { artifact: 'describe-pod.txt', line: 26 } });
    // The wait since the kill runs open to the capture: the back-off gap.
    const gap = t.items.find((i) => i.kind === 'backoff')!;
    expect(gap).toMatchObject({ open: true, from: { at: '2025-10-14T09:22:45Z' }, to: { at: '2025-10-14T09:24:30Z' } });
    // BackOff 14s (x22 over 9m46s): a band between estimated times.
    const backoff = t.items.find((i) => i.kind === 'event' && i.label === 'BackOff ×22')!;
    expect(backoff.from).toMatchObject({ text: '9m46s', ago: 586, estimated: true, at: '2025-10-14T09:14:44Z' });
    expect(backoff.to).toMatchObject({ text: '14s', at: '2025-10-14T09:24:16Z' });
    expect(t.restarts).toBe(5);
    expect(t.note).toMatch(/estimated/);
    // Chronological.
    const ts = t.items.map((i) => i.from.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
  });

  it('liveness-probe sample: RFC 3339 times from objects, the back-off gap between two instances', async () => {
    const t = await timelineOf(join(SAMPLES, 'liveness-probe'), 'inventory-api');
    expect(t.axis).toBe('clock');
    expect(t.capture).toBeUndefined();
    const gap = t.items.find((i) => i.kind === 'backoff')!;
    // Finished 14:38:34, running again from 14:39:22.
    expect(gap).toMatchObject({ label: 'back-off 48s', from: { at: '2025-11-25T14:38:34Z' }, to: { at: '2025-11-25T14:39:22Z' } });
    expect(t.items.some((i) => i.kind === 'run' && i.open && i.label === 'running')).toBe(true);
    // Liveness and readiness failures are two rows, told apart.
    expect(t.lanes.filter((l) => l.startsWith('Unhealthy'))).toEqual(['Unhealthy (Liveness) ×14', 'Unhealthy (Readiness) ×50']);
  });

  it('missing-configmap sample: ages only, on an axis counting back from the capture', async () => {
    const t = await timelineOf(join(SAMPLES, 'missing-configmap'), 'search-indexer');
    expect(t.axis).toBe('before-capture');
    const mount = t.items.find((i) => i.label.startsWith('FailedMount'))!;
    expect(mount.tone).toBe('warning');
    expect(mount.from.t).toBe(-mount.from.ago!);
    expect(mount.from.label).toBe(`${mount.from.text} before capture`);
    expect(mount.to!.t).toBeGreaterThan(mount.from.t);
    expect(t.to).toBe(0);
  });

  const noTimes = (text: string) =>
    text
      .split('\n')
      .filter((l) => !/^\s+(Started|Finished):/.test(l))
      .join('\n');
  const BACKOFF_ROW = '  Warning  BackOff    87s (x23 over 6m33s)   kubelet            Back-off restarting failed container memory-eater in pod x';

  it('an event seen 23 times over 6m33s is one band with its count, relative to the capture', async () => {
    const dir = tempBundle({ 'describe.txt': noTimes(withEvents([BACKOFF_ROW], withState(lastTerminated('OOMKilled', 137)))) });
    const t = await timelineOf(dir, 'memory-eater');
    expect(t.axis).toBe('before-capture');
    const band = t.items.find((i) => i.kind === 'event')!;
    expect(band).toMatchObject({ count: 23, tone: 'warning', label: 'BackOff ×23', from: { ago: 393, t: -393 }, to: { ago: 87, t: -87 } });
    // The termination has no time: it is not drawn, and the table says why.
    expect(t.items.some((i) => i.kind === 'termination')).toBe(false);
  });

  it('ages that nothing anchors are listed, not drawn on the clock', async () => {
    const dir = tempBundle({ 'describe.txt': withEvents([BACKOFF_ROW], withState(lastTerminated('OOMKilled', 137))) });
    const t = await timelineOf(dir, 'memory-eater');
    expect(t.axis).toBe('clock');
    expect(t.capture).toBeUndefined();
    expect(t.items.map((i) => i.kind)).toEqual(['run', 'termination', 'backoff']);
    expect(t.unplaced).toEqual([expect.objectContaining({ when: '6m33s → 87s', what: expect.stringMatching(/^Warning BackOff \(23 times\)/) })]);
  });

  it('a container with no times at all gets an empty timeline that says so', async () => {
    const dir = tempBundle({ 'describe.txt': withEvents([], noTimes(BASE)) });
    const t = await timelineOf(dir, 'memory-eater');
    expect(t.items).toEqual([]);
    expect(t.note).toMatch(/no times/);
  });

  it('every sample: each item\'s time is read from the line it cites, and lies inside the range', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    let cited = 0;
    for (const s of readdirSync(SAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const view = buildReportView(await analyze(join(SAMPLES, s.name)));
      for (const d of view.diagnoses) {
        for (const i of d.timeline.items) {
          if (i.source) {
            // The cited line is the file's own, and the file prints the time the item is placed at
            // (a termination cites its reason; its time is the finishedAt beside it).
            const file = readFileSync(join(SAMPLES, s.name, i.source.artifact), 'utf8');
            expect(file.split('\n')[i.source.line - 1]?.trimEnd(), `${s.name} ${i.label}`).toBe(i.source.text);
            expect(file, `${s.name} ${i.label}`).toContain(i.from.text.replace(/ \(x\d+ over \S+\)$/, ''));
            cited++;
          }
          expect(i.from.t, `${s.name} ${i.label}`).toBeGreaterThanOrEqual(d.timeline.from);
          expect((i.to ?? i.from).t, `${s.name} ${i.label}`).toBeLessThanOrEqual(d.timeline.to);
          expect(i.lane).toBeLessThan(d.timeline.lanes.length);
        }
      }
    }
    expect(cited).toBeGreaterThan(20);
  });
});
