/**
 * A failing container's restart timeline, for the view model: its runs and terminations (from
 * `state`/`lastState`), the back-off gaps between them, and its events (with their first and last
 * sighting and count), placed on one axis.
 *
 * The axis is the clock when the bundle gives clock times. Ages (`87s`, `6m33s (x23 over 6m33s)`)
 * count back from the capture, a moment the bundle does not state: alone they are placed on an
 * axis of "time before capture". When both kinds are present, the capture is estimated from the
 * container's last start (a clock time in its status) plus the age of its last `Started` event,
 * and the ages are placed on the clock as estimates; without that anchor the minority kind is
 * listed but not drawn.
 */
import type { ContainerModel, ContainerStateFact, EventFact, PodModel, SourceRef } from '../model/types.js';
import { formatClock, formatSpan, isoClock, parseAge, parseClock } from './time.js';

/** A moment on the timeline. */
export interface TimePoint {
  /** As the bundle printed it: `2025-11-25T14:38:34Z`, `Tue, 14 Oct 2025 11:22:45 +0200`, `3m4s`. */
  text: string;
  /** Position on the axis: seconds since the epoch (`clock`), or seconds relative to capture, ≤ 0 (`before-capture`). */
  t: number;
  /** ISO 8601 UTC, when the bundle gives a clock time or one was estimated from an age. */
  at?: string;
  /** Seconds before capture, when the bundle printed an age. */
  ago?: number;
  /** The clock time was estimated from an age and the estimated capture time. */
  estimated?: boolean;
  /** How the reader should see it: `2025-11-25 14:38:34 UTC`, `≈ 2025-10-14 09:24:16 UTC`, `14s before capture`. */
  label: string;
}

export type TimelineKind = 'run' | 'termination' | 'backoff' | 'event';
export type TimelineTone = 'critical' | 'warning' | 'normal' | 'ok';

export interface TimelineItem {
  kind: TimelineKind;
  /** Row of the chart: 0 is the container's own row (runs, terminations, back-off); events get one row each. */
  lane: number;
  from: TimePoint;
  /** Ranges: a run, a back-off gap, an event seen `count` times between `from` and `to`. */
  to?: TimePoint;
  /** The range runs on past the last time the bundle knows (a container still running or waiting). */
  open?: boolean;
  /** Short text drawn on the chart. */
  label: string;
  /** One sentence for the table and the tooltip. */
  detail: string;
  tone: TimelineTone;
  count?: number;
  source?: SourceRef;
}

export interface TimelineView {
  axis: 'clock' | 'before-capture';
  /** The capture time when it could be estimated (clock axis, from ages). */
  capture?: { at: string; how: string };
  /** Axis range (see TimePoint.t). */
  from: number;
  to: number;
  /** Row titles: `container`, then one per event. */
  lanes: string[];
  /** Chronological. */
  items: TimelineItem[];
  /** Events whose time could not be placed on this axis (or that did not fit), as table rows. */
  unplaced: { when: string; what: string; source?: SourceRef }[];
  /** What the axis means, for the reader. */
  note: string;
  restarts?: number;
  /** The kubelet's current back-off delay, from the waiting message (`5m0s`). */
  backoff?: string;
}

/** At most this many event rows are drawn; warnings and the container's own events first. */
export const MAX_EVENT_LANES = 10;

interface Raw {
  text: string;
  clock?: number;
  ago?: number;
  precision?: number;
}

function raw(text: string | undefined): Raw | undefined {
  if (!text) return undefined;
  const clock = parseClock(text);
  if (clock !== undefined) return { text, clock };
  const age = parseAge(text);
  if (age) return { text, ago: age.seconds, precision: age.precision };
  return undefined;
}

interface Draft {
  kind: TimelineKind;
  lane: number;
  from: Raw;
  to?: Raw;
  /** Runs on to the capture (or the last known time). */
  open?: boolean;
  label: string;
  detail: string;
  tone: TimelineTone;
  count?: number;
  source?: SourceRef;
  /** For event rows: the message, which tells two rows of one reason apart. */
  message?: string;
}

function exitText(s: ContainerStateFact): string {
  const parts = [s.reason?.value, s.exitCode ? `exit ${s.exitCode.value}` : undefined, s.signal ? `signal ${s.signal.value}` : undefined].filter(Boolean);
  return parts.join(', ') || 'terminated';
}

function terminationTone(s: ContainerStateFact): TimelineTone {
  return s.exitCode?.value === 0 && s.reason?.value !== 'OOMKilled' ? 'normal' : 'critical';
}

/** The run (and termination mark) of a terminated state. */
function runOf(s: ContainerStateFact, which: string, drafts: Draft[]): void {
  const start = raw(s.startedAt?.value);
  const end = raw(s.finishedAt?.value);
  const lasted = start?.clock !== undefined && end?.clock !== undefined ? end.clock - start.clock : undefined;
  if (start) {
    drafts.push({
      kind: 'run',
      lane: 0,
      from: start,
      ...(end ? { to: end } : {}),
      label: lasted !== undefined ? `ran ${formatSpan(lasted)}` : 'run',
      detail: `${which} started${lasted !== undefined ? ` and ran ${formatSpan(lasted)}` : ''}.`,
      tone: 'ok',
      ...(s.startedAt ? { source: s.startedAt.source } : {}),
    });
  }
  if (end) {
    drafts.push({
      kind: 'termination',
      lane: 0,
      from: end,
      label: exitText(s),
      detail: `${which} terminated: ${exitText(s)}${lasted !== undefined ? ` after ${formatSpan(lasted)}` : ''}.`,
      tone: terminationTone(s),
      source: (s.reason ?? s.exitCode ?? s.finishedAt)!.source,
    });
  }
}

function eventDraft(e: EventFact, lane: number): Draft | undefined {
  const last = raw(e.lastSeen);
  const first = raw(e.firstSeen);
  const at = last ?? first;
  if (!at) return undefined;
  const ranged = first && last && e.count > 1 && first.text !== last.text;
  const tone: TimelineTone = e.eventType === 'Warning' ? 'warning' : 'normal';
  const times = e.count > 1 ? ` ×${e.count}` : '';
  return {
    kind: 'event',
    lane,
    from: ranged ? first : at,
    ...(ranged ? { to: last } : {}),
    label: `${e.reason}${times}`,
    detail: `${e.eventType ? `${e.eventType} ` : ''}${e.reason}${e.count > 1 ? ` (${e.count} times)` : ''}: ${e.message}`,
    tone,
    ...(e.count > 1 ? { count: e.count } : {}),
    source: e.source,
    message: e.message,
  };
}

function points(d: Draft): Raw[] {
  return d.to ? [d.from, d.to] : [d.from];
}

/** The container's most recent start: the running state's, else the last termination's. */
function latestStart(c: ContainerModel): number | undefined {
  if (c.state?.status === 'running' || c.state?.status === 'terminated') return raw(c.state.startedAt?.value)?.clock;
  return raw(c.lastState?.startedAt?.value)?.clock;
}

/** Estimates the capture from the last start (clock) and the age of the last Started event. */
function anchor(c: ContainerModel): { capture: number; precision: number; how: string } | undefined {
  const start = latestStart(c);
  if (start === undefined) return undefined;
  for (const reason of ['Started', 'Created']) {
    const e = c.events.find((ev) => ev.reason === reason && ev.lastSeen && parseAge(ev.lastSeen));
    if (!e) continue;
    const age = parseAge(e.lastSeen!)!;
    return {
      capture: start + age.seconds,
      precision: age.precision,
      how: `estimated: the container's last start (${formatClock(start)}) plus the age of its last ${reason} event (${e.lastSeen})`,
    };
  }
  return undefined;
}

function backoffDelay(c: ContainerModel): string | undefined {
  const msg = c.state?.status === 'waiting' ? c.state.message?.value : undefined;
  return msg ? /back-off (\d+m\d+s|\d+s|\d+m)/.exec(msg)?.[1] : undefined;
}

/** Builds the timeline of one container of one pod. */
export function buildTimeline(pod: PodModel, c: ContainerModel): TimelineView {
  const drafts: Draft[] = [];
  const backoff = backoffDelay(c);

  // The container's own row: the last terminated run, the current run or wait, the gap between.
  if (c.lastState?.status === 'terminated') runOf(c.lastState, 'The previous instance', drafts);
  if (c.state?.status === 'terminated') runOf(c.state, 'The container', drafts);
  const lastEnd = raw(c.lastState?.status === 'terminated' ? c.lastState.finishedAt?.value : undefined);
  if (c.state?.status === 'running') {
    const start = raw(c.state.startedAt?.value);
    if (start) {
      drafts.push({
        kind: 'run',
        lane: 0,
        from: start,
        open: true,
        label: 'running',
        detail: `The current instance started${c.ready?.value === false ? ' (not ready)' : ''} and was still running when the bundle was captured.`,
        tone: 'ok',
        ...(c.state.startedAt ? { source: c.state.startedAt.source } : {}),
      });
      if (lastEnd) {
        const gap = lastEnd.clock !== undefined && start.clock !== undefined ? start.clock - lastEnd.clock : undefined;
        drafts.push({
          kind: 'backoff',
          lane: 0,
          from: lastEnd,
          to: start,
          label: gap !== undefined ? `back-off ${formatSpan(gap)}` : 'back-off',
          detail: `The kubelet waited${gap !== undefined ? ` ${formatSpan(gap)}` : ''} (restart back-off) before starting the container again.`,
          tone: 'warning',
        });
      }
    }
  } else if (c.state?.status === 'waiting' && lastEnd) {
    const why = c.state.reason?.value ?? 'waiting';
    drafts.push({
      kind: 'backoff',
      lane: 0,
      from: lastEnd,
      open: true,
      label: backoff ? `back-off ${backoff}` : why,
      detail: `Since the last termination the container has been waiting (${why}${backoff ? `, back-off ${backoff}` : ''}); it was not running when the bundle was captured.`,
      tone: 'warning',
      ...(c.state.reason ? { source: c.state.reason.source } : {}),
    });
  }

  // One row per event: the container's own events, then the pod's, but not those the message
  // gives to another container (the pull of a sidecar's image).
  const others = pod.containers.filter((o) => o !== c);
  const aboutOther = (e: EventFact) =>
    !(c.image && e.message.includes(c.image.value)) &&
    others.some((o) => (o.image && e.message.includes(o.image.value)) || new RegExp(`\\bcontainer "?${o.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?(?:\\s|$)`).test(e.message));
  const events = [...c.events, ...pod.events.filter((e) => !aboutOther(e))];
  const eventDrafts = events.map((e) => eventDraft(e, 0)).filter((d): d is Draft => d !== undefined);
  const undated = events.filter((e) => !raw(e.lastSeen) && !raw(e.firstSeen));

  // The axis.
  const all = [...drafts, ...eventDrafts];
  const clocks = all.flatMap(points).filter((p) => p.clock !== undefined).length;
  const ages = all.flatMap(points).filter((p) => p.ago !== undefined).length;
  let axis: TimelineView['axis'] = clocks >= ages && clocks > 0 ? 'clock' : 'before-capture';
  let capture: { capture: number; precision: number; how: string } | undefined;
  if (clocks > 0 && ages > 0) {
    const found = anchor(c);
    // The estimate must not put a known clock time well after the capture.
    const latest = Math.max(...all.flatMap(points).flatMap((p) => (p.clock !== undefined ? [p.clock] : [])));
    if (found && latest <= found.capture + found.precision + 60) {
      capture = found;
      axis = 'clock';
    }
  }

  const place = (p: Raw): TimePoint | undefined => {
    if (axis === 'clock') {
      if (p.clock !== undefined) return { text: p.text, t: p.clock, at: isoClock(p.clock), label: formatClock(p.clock) };
      if (p.ago !== undefined && capture) {
        const t = capture.capture - p.ago;
        return { text: p.text, t, at: isoClock(t), ago: p.ago, estimated: true, label: `≈ ${formatClock(t)} (${p.text} before capture)` };
      }
      return undefined;
    }
    if (p.ago !== undefined) return { text: p.text, t: -p.ago, ago: p.ago, label: p.ago === 0 ? 'at capture' : `${p.text} before capture` };
    return undefined;
  };

  // Event rows: warnings and the container's own events first when there are too many.
  const ownCount = c.events.length;
  const ranked = eventDrafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => Number(b.d.tone === 'warning') - Number(a.d.tone === 'warning') || Number(b.i < ownCount) - Number(a.i < ownCount) || a.i - b.i);
  const unplaced: TimelineView['unplaced'] = [];
  // One row per kind of event: the same reason and message (numbers aside) share a row, so
  // the kubelet's repeated `Pulled` and `Pulling` make one row of dots.
  const rowKey = (d: Draft) => `${d.tone}|${d.label.replace(/ ×\d+$/, '')}|${(d.message ?? '').replace(/\d+(?:\.\d+)?/g, '#')}`;
  const rows = new Map<string, Draft[]>();
  for (const { d } of ranked) {
    const ok = points(d).every((p) => place(p) !== undefined);
    const key = rowKey(d);
    if (!ok || (!rows.has(key) && rows.size >= MAX_EVENT_LANES)) {
      unplaced.push({ when: points(d).map((p) => p.text).join(' → '), what: d.detail, ...(d.source ? { source: d.source } : {}) });
      continue;
    }
    rows.set(key, [...(rows.get(key) ?? []), d]);
  }
  for (const e of undated) unplaced.push({ when: 'time not given', what: `${e.eventType ? `${e.eventType} ` : ''}${e.reason}: ${e.message}`, source: e.source });

  const items: TimelineItem[] = [];
  const lanes = ['container'];
  const toItem = (d: Draft, lane: number) => {
    const from = place(d.from);
    const to = d.to ? place(d.to) : undefined;
    if (!from || (d.to && !to)) {
      unplaced.push({ when: points(d).map((p) => p.text).join(' → '), what: d.detail, ...(d.source ? { source: d.source } : {}) });
      return;
    }
    items.push({
      kind: d.kind,
      lane,
      from,
      ...(to ? { to } : {}),
      ...(d.open ? { open: true } : {}),
      label: d.label,
      detail: d.detail,
      tone: d.tone,
      ...(d.count !== undefined ? { count: d.count } : {}),
      ...(d.source ? { source: d.source } : {}),
    });
  };
  for (const d of drafts) toItem(d, 0);
  // Rows in the order their events began.
  const ordered = [...rows.values()].sort((a, b) => Math.min(...a.map((d) => place(d.from)!.t)) - Math.min(...b.map((d) => place(d.from)!.t)));
  const reasonOf = (row: Draft[]) => row[0]!.label.replace(/ ×\d+$/, '');
  // Rows of one reason (liveness and readiness `Unhealthy`; `Failed` to pull, `ErrImagePull`,
  // `ImagePullBackOff`): the first word of each message that no other of them has tells them apart.
  const words = (row: Draft[]): string[] => (row[0]!.message ?? '').match(/[A-Za-z][\w-]{2,}/g) ?? [];
  const hintOf = (row: Draft[], same: Draft[][]) => {
    const mine = words(row);
    const others = same.filter((r) => r !== row).map(words);
    const reason = reasonOf(row).toLowerCase();
    const first = mine[0] && mine[0].toLowerCase() !== reason && !/^(?:error|warning|failed|failure|the)$/i.test(mine[0]) ? mine[0] : undefined;
    const firstUnique = first && others.every((o) => o[0] !== first);
    const firstHelps = first && others.some((o) => o[0] !== first);
    const unique = mine.find((w) => w.toLowerCase() !== reason && others.every((o) => !o.includes(w)));
    if (firstUnique) return first;
    if (firstHelps && unique) return `${first}: ${unique}`;
    return unique ?? (firstHelps ? first : undefined);
  };
  for (const row of ordered) {
    const reason = reasonOf(row);
    const same = ordered.filter((r) => reasonOf(r) === reason);
    const hint = same.length > 1 ? hintOf(row, same) : undefined;
    const total = row.reduce((n, d) => n + (d.count ?? 1), 0);
    lanes.push(`${reason}${hint ? ` (${hint})` : ''}${total > 1 ? ` ×${total}` : ''}`);
    for (const d of row) toItem(d, lanes.length - 1);
  }

  // Range: every placed time, the capture, and a little room on both sides.
  const ts = items.flatMap((i) => (i.to ? [i.from.t, i.to.t] : [i.from.t]));
  const captureT = axis === 'before-capture' ? (ages > 0 ? 0 : undefined) : capture?.capture;
  if (captureT !== undefined && ts.length > 0) ts.push(captureT);
  let from = ts.length ? Math.min(...ts) : -60;
  let to = ts.length ? Math.max(...ts) : 0;
  if (to - from < 60) {
    const mid = (to + from) / 2;
    from = mid - 30;
    to = mid + 30;
  }
  // Open ranges run to the capture or the last known time.
  for (const i of items) {
    if (!i.open || i.to) continue;
    const end = captureT ?? to;
    if (end > i.from.t) i.to = axis === 'clock' ? { text: '', t: end, at: isoClock(end), label: capture ? `≈ ${formatClock(end)} (capture)` : `${formatClock(end)} (the latest time in the bundle)`, ...(capture ? { estimated: true } : {}) } : { text: '0s', t: end, ago: 0, label: 'at capture' };
  }
  items.sort((a, b) => a.from.t - b.from.t || a.lane - b.lane);
  unplaced.sort((a, b) => Number(a.when === 'time not given') - Number(b.when === 'time not given'));

  const note =
    items.length === 0
      ? 'The bundle gives no times for this container: no start, termination or dated event.'
      : axis === 'clock'
        ? capture
          ? `Clock times in UTC. Times marked ≈ come from event ages, which count back from the capture; the bundle does not state when it was captured, so that moment was ${capture.how}.`
          : 'Clock times in UTC, as the bundle records them.'
        : 'The bundle gives event ages only, relative to the moment it was captured (which it does not state): the axis counts back from that moment.';

  const runs = items.filter((i) => i.kind === 'run').length;
  const restarts = c.restartCount?.value ?? 0;
  const earlier =
    restarts > 1 && runs > 0
      ? ` The bundle times only the last ${runs === 1 ? 'instance' : `${runs} instances`}; the ${restarts} restarts before show in the Started events' count and span.`
      : '';
  const view: TimelineView = {
    axis,
    from,
    to,
    lanes,
    items,
    unplaced,
    note: `${note}${earlier}`,
  };
  if (capture) view.capture = { at: isoClock(capture.capture), how: capture.how };
  if (c.restartCount) view.restarts = c.restartCount.value;
  if (backoff) view.backoff = backoff;
  return view;
}

/** When the trouble began, as far as the timeline shows: the first warning or failed termination. */
export function firstTrouble(t: TimelineView): { point: TimePoint; what: string } | undefined {
  const trouble = t.items.filter((i) => i.tone === 'critical' || i.tone === 'warning');
  const first = trouble.sort((a, b) => a.from.t - b.from.t)[0];
  if (!first) return undefined;
  const what = first.kind === 'event' ? `first ${first.label.replace(/ ×\d+$/, '')} event` : first.kind === 'termination' ? 'termination' : 'back-off';
  return { point: first.from, what };
}
