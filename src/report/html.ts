/**
 * The HTML report: one self-contained page to hand to a customer. Inline CSS, no script, no
 * external request of any kind (a Content-Security-Policy meta tag forbids them), printable.
 * Each failing container's timeline is drawn as inline SVG.
 *
 * Like ESLint's html formatter, every value reaches the page through one escaping function:
 * Handlebars' `{{ }}` (`escapeHtml` below is the same function, for code that builds markup).
 * The templates never use `{{{ }}}`; a test holds them to that.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../version.js';
import { formatSpan } from './time.js';
import type { TimelineItem, TimelineView } from './timeline.js';
import type { DiagnosisView, ReportView } from './view-model.js';

/** The page's Content-Security-Policy: nothing may load, nothing may run. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The one escaping function: `& < > " ' \` =` become entities. */
export const escapeHtml: (text: unknown) => string = (text) => Handlebars.escapeExpression(text == null ? '' : String(text));

// ------------------------------------------------------------------------------------------
// Timeline geometry: the view model gives times, this lays them out in SVG user units.
// ------------------------------------------------------------------------------------------

const WIDTH = 960;
const LABEL_WIDTH = 200;
const RIGHT = 28;
/** The container's own row is taller: labels above (terminations) and below (runs, back-off) its bars. */
const OWN_LANE = 48;
const LANE = 24;
const TOP = 6;
const AXIS = 30;
const CHAR = 6.2; // average glyph width of the 11px labels

const laneTop = (i: number) => (i === 0 ? TOP : TOP + OWN_LANE + (i - 1) * LANE);
const laneHeight = (i: number) => (i === 0 ? OWN_LANE : LANE);

interface Bar {
  x: number;
  y: number;
  w: number;
  h: number;
  cls: string;
  title: string;
}
interface Mark {
  d: string;
  cls: string;
  title: string;
}
interface Label {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  text: string;
  cls: string;
  /** Other heights the label may move to when it would overlap another. */
  alt?: number[];
}
export interface TimelineSvg {
  id: string;
  width: number;
  height: number;
  ariaLabel: string;
  lanes: { y: number; h: number; textY: number; title: string; fullTitle: string; band: boolean }[];
  ticks: { x: number; label: string }[];
  chartX: number;
  chartRight: number;
  axisY: number;
  bars: Bar[];
  marks: Mark[];
  labels: Label[];
  capture?: { x: number; label: string };
  empty?: string;
}

const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 2592000];

const pad2 = (n: number) => String(n).padStart(2, '0');

function tickLabel(t: number, axis: TimelineView['axis'], step: number, span: number): string {
  if (axis === 'before-capture') return t === 0 ? 'capture' : `−${formatSpan(-t)}`;
  const d = new Date(t * 1000);
  const hm = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  const time = step < 60 ? `${hm}:${pad2(d.getUTCSeconds())}` : hm;
  return span > 86400 ? `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${time}` : time;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Lays out one container's timeline. */
export function layoutTimeline(id: string, t: TimelineView, name: string): TimelineSvg {
  const chartX = LABEL_WIDTH;
  const chartRight = WIDTH - RIGHT;
  const chartW = chartRight - chartX;
  const lanes = t.lanes.length;
  const axisY = laneTop(lanes) + 2;
  const svg: TimelineSvg = {
    id,
    width: WIDTH,
    height: axisY + AXIS,
    ariaLabel: `Restart timeline of container ${name}: ${t.items.length} entries. ${t.note}`,
    lanes: t.lanes.map((title, i) => ({
      y: laneTop(i),
      h: laneHeight(i),
      textY: round(laneTop(i) + laneHeight(i) / 2 + 4),
      title: truncate(i === 0 ? name : title, 30),
      fullTitle: i === 0 ? `container ${name}` : title,
      band: i % 2 === 1,
    })),
    ticks: [],
    chartX,
    chartRight,
    axisY,
    bars: [],
    marks: [],
    labels: [],
  };
  if (t.items.length === 0) {
    svg.empty = 'No start, termination or dated event in the bundle for this container.';
    return svg;
  }
  const span = t.to - t.from;
  const from = t.from - span * 0.03;
  const to = t.to + span * 0.03;
  const x = (v: number) => chartX + ((v - from) / (to - from)) * chartW;

  const step = STEPS.find((s) => span / s <= 8) ?? STEPS[STEPS.length - 1]!;
  // Ticks fall on whole steps of the clock, or of the time back from the capture.
  for (let v = Math.ceil(from / step) * step; v <= to; v += step) {
    const tx = x(v);
    if (tx < chartX + 2 || tx > chartRight - 2) continue;
    svg.ticks.push({ x: round(tx), label: tickLabel(v, t.axis, step, span) });
  }
  const captureT = t.axis === 'before-capture' ? 0 : t.capture ? Date.parse(t.capture.at) / 1000 : undefined;
  if (captureT !== undefined && captureT >= from && captureT <= to) {
    svg.capture = { x: round(x(captureT)), label: t.axis === 'clock' ? 'capture (est.)' : 'capture' };
  }
  for (const item of t.items) place(svg, item, x);
  // Termination marks on top of everything; their labels matter most when space runs out.
  const rank = (cls: string) => (cls.includes('term') ? 0 : cls.includes('backoff') ? 1 : cls.includes('run') || cls.includes('inside') ? 2 : 3);
  svg.marks.sort((a, b) => Number(a.cls.startsWith('term')) - Number(b.cls.startsWith('term')));
  svg.labels = withoutOverlaps([...svg.labels].sort((a, b) => rank(a.cls) - rank(b.cls)));
  if (!t.items.some((i) => i.lane === 0)) {
    const why = t.unplaced.length > 0 && t.items.length > 0 ? 'its run times use another clock: see the table below' : 'no start or termination time in the bundle';
    svg.labels.push({ x: chartX + 8, y: round(laneTop(0) + OWN_LANE / 2 + 4), anchor: 'start', text: `(${why})`, cls: 'lbl lbl-none' });
  }
  return svg;
}

function extent(l: Label): [number, number] {
  const w = l.text.length * CHAR;
  return l.anchor === 'start' ? [l.x, l.x + w] : l.anchor === 'end' ? [l.x - w, l.x] : [l.x - w / 2, l.x + w / 2];
}

/** Keeps labels apart: one that would overlap an earlier one moves to another height, or is left out (its tooltip stays). */
function withoutOverlaps(labels: Label[]): Label[] {
  const kept: Label[] = [];
  const clash = (l: Label) => {
    const [a, b] = extent(l);
    return kept.some((k) => {
      const [c, d] = extent(k);
      return Math.abs(k.y - l.y) < 10 && a < d + 4 && c < b + 4;
    });
  };
  for (const label of labels) {
    const tries = [label.y, ...(label.alt ?? [])].map((y) => ({ ...label, y }));
    const fit = tries.find((l) => !clash(l));
    if (fit) {
      delete fit.alt;
      kept.push(fit);
    }
  }
  return kept;
}

function tooltip(item: TimelineItem): string {
  const when = item.to ? `${item.from.label} → ${item.to.label}` : item.from.label;
  return `${when}: ${item.detail}`;
}

function diamond(cx: number, cy: number, r: number): string {
  return `M${round(cx)} ${round(cy - r)}L${round(cx + r)} ${round(cy)}L${round(cx)} ${round(cy + r)}L${round(cx - r)} ${round(cy)}Z`;
}

function circle(cx: number, cy: number, r: number): string {
  return `M${round(cx - r)} ${round(cy)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
}

/** A label at x, kept inside the chart: anchored at its start, or at its end near the right edge. */
function sideLabel(svg: TimelineSvg, text: string, x: number, y: number, cls: string): Label {
  const w = text.length * CHAR;
  if (x + w < svg.chartRight + RIGHT - 2) return { x: round(x), y: round(y), anchor: 'start', text, cls };
  return { x: round(Math.max(svg.chartX, x - 12)), y: round(y), anchor: 'end', text, cls };
}

function place(svg: TimelineSvg, item: TimelineItem, x: (t: number) => number): void {
  const top = laneTop(item.lane);
  const mid = top + laneHeight(item.lane) / 2;
  const x1 = x(item.from.t);
  const x2 = item.to ? x(item.to.t) : x1;
  const tip = tooltip(item);
  if (item.kind === 'termination') {
    svg.marks.push({ d: diamond(x1, mid, 7), cls: `term tone-${item.tone}`, title: tip });
    svg.labels.push({ ...sideLabel(svg, item.label, x1 - 4, top + 9, 'lbl lbl-term'), alt: [round(top + laneHeight(item.lane) - 3)] });
    return;
  }
  if (item.kind === 'run' || item.kind === 'backoff') {
    const h = item.kind === 'run' ? 14 : 10;
    const w = Math.max(2, x2 - x1);
    svg.bars.push({ x: round(x1), y: round(mid - h / 2), w: round(w), h, cls: `${item.kind}${item.open ? ' open' : ''}`, title: tip });
    if (item.kind === 'run') svg.marks.push({ d: circle(x1, mid, 4), cls: 'start', title: tip });
    const fits = w > item.label.length * CHAR + 10;
    if (fits && item.kind === 'run') svg.labels.push({ x: round(x1 + w / 2), y: round(mid + 4), anchor: 'middle', text: item.label, cls: 'lbl lbl-inside' });
    else svg.labels.push({ ...sideLabel(svg, item.label, fits ? x1 + w / 2 - (item.label.length * CHAR) / 2 : x1, top + laneHeight(item.lane) - 3, `lbl lbl-${item.kind}`), alt: [round(top + 9)] });
    return;
  }
  // Events: one sighting is a dot; repeated sightings a band from the first to the last.
  if (item.to && x2 - x1 >= 1) {
    svg.bars.push({ x: round(x1), y: round(mid - 3), w: round(x2 - x1), h: 6, cls: `ev tone-${item.tone}`, title: tip });
    svg.marks.push({ d: circle(x1, mid, 4), cls: `dot tone-${item.tone}`, title: tip });
  }
  svg.marks.push({ d: circle(x2, mid, 4.5), cls: `dot tone-${item.tone}`, title: tip });
  if (item.count && item.count > 1) svg.labels.push(sideLabel(svg, `×${item.count}`, x2 + 8, mid + 4, 'lbl lbl-count'));
}

// ------------------------------------------------------------------------------------------
// The page.
// ------------------------------------------------------------------------------------------

type HtmlDiagnosis = DiagnosisView & { svg: TimelineSvg; hasTimelineRows: boolean };
type HtmlView = Omit<ReportView, 'diagnoses'> & { diagnoses: HtmlDiagnosis[]; csp: string };

function compile(): Handlebars.TemplateDelegate<HtmlView> {
  const hb = Handlebars.create();
  for (const name of ['styles', 'diagnosis', 'timeline', 'evidence']) {
    hb.registerPartial(name, readFileSync(new URL(`partials/${name}.html.hbs`, TEMPLATES_DIR), 'utf8'));
  }
  // Our own sentences mark commands with backticks: those spans become <code>, all of it escaped.
  hb.registerHelper('codespans', (v: unknown) =>
    new Handlebars.SafeString(
      String(v ?? '')
        .split(/(`[^`\n]+`)/)
        .map((part) => (/^`[^`]+`$/.test(part) ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : escapeHtml(part)))
        .join(''),
    ),
  );
  hb.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('len', (a: unknown[] | undefined) => a?.length ?? 0);
  hb.registerHelper('sum', (...args: unknown[]) => args.slice(0, -1).reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0));
  const source = readFileSync(new URL('report.html.hbs', TEMPLATES_DIR), 'utf8');
  // strict: a misspelt field is an error, not an empty string.
  return hb.compile<HtmlView>(source, { strict: false, preventIndent: true });
}

let template: Handlebars.TemplateDelegate<HtmlView> | undefined;

/** The HTML page of a (redacted) view. */
export function renderHtml(view: ReportView): string {
  template ??= compile();
  const data: HtmlView = {
    ...view,
    csp: CSP,
    diagnoses: view.diagnoses.map((d) => ({
      ...d,
      svg: layoutTimeline(d.id, d.timeline, d.container),
      hasTimelineRows: d.timeline.items.length + d.timeline.unplaced.length > 0,
    })),
  };
  return `${template(data).replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
