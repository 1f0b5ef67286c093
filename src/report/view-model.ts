/**
 * The postmortem view model: built once from an analysis, redacted (unless asked not to), and
 * only then handed to a renderer; every renderer only lays it out.
 *
 * Order of a report: an overview first (what failed, since when, the root cause in one
 * sentence), the summary table, then per failing container its details, restart timeline,
 * evidence and remediation, then notes and the inventory of what was read.
 */
import type { Analysis } from '../analyze.js';
import { describeExitCode } from '../knowledge/exit-codes.js';
import type { CategoryId, ContainerModel, ContainerStateFact, Diagnosis, InventoryEntry, PodModel, Severity, SourceRef } from '../model/types.js';
import { SEVERITIES } from '../model/types.js';
import { lastTermination } from '../rules/engine.js';
import { CATEGORIES } from '../knowledge/categories.js';
import { VERSION } from '../version.js';
import { redactDeep } from './redact.js';
import { formatClock, formatSpan, parseClock } from './time.js';
import { buildTimeline, firstTrouble, type TimelineView } from './timeline.js';

/** One labelled fact of a container, as shown in its details. */
export interface DetailRow {
  label: string;
  value: string;
  source?: SourceRef;
}

/** An environment variable of the failing container: a literal value, or where it comes from. */
export interface EnvView {
  kind: 'env';
  name: string;
  /** The literal value; empty when it comes from elsewhere. */
  value: string;
  /** `Secret api-db, key password` / `ConfigMap app, key LEVEL` / `field metadata.name`. */
  from?: string;
  source: SourceRef;
}

export interface DiagnosisView {
  /** Anchor in the HTML report: `d1`, `d2`, ... */
  id: string;
  number: number;
  namespace: string;
  pod: string;
  container: string;
  init: boolean;
  category: CategoryId;
  categoryTitle: string;
  secondary: CategoryId | null;
  secondaryTitle?: string;
  ruleId: string;
  severity: Severity;
  confidence: number;
  confidencePercent: number;
  summary: string;
  evidence: SourceRef[];
  symptoms: SourceRef[];
  remediation: string[];
  restarts?: number;
  lastExit?: string;
  owner?: string;
  /** When the trouble began, as far as the bundle tells: `2025-11-25 14:23:49 UTC (first Unhealthy event)`. */
  since?: string;
  /** The container's state when the bundle was captured, in one line. */
  state?: string;
  image?: string;
  node?: string;
  /** Labelled facts: pod, owner, node, image, state, last termination, restarts, resources, probes. */
  details: DetailRow[];
  env: EnvView[];
  timeline: TimelineView;
  /** Other rules that fired for the container, weaker than the primary. */
  contributing: { ruleId: string; category: CategoryId; confidencePercent: number }[];
}

export interface ReportOverview {
  status: 'failing' | 'healthy' | 'empty';
  /** A short title: `api in shop/api-7d9f6b5c4-xk2p9: oom-killed`, `3 failing containers in shop`. */
  title: string;
  /** What failed, in one sentence. */
  verdict: string;
  /** The root cause of the most severe failure, in one sentence. */
  rootCause?: string;
  /** `Root cause`, or `Root cause of #1` when several containers failed. */
  rootCauseLabel?: string;
  /** When the trouble began, as far as the bundle tells. */
  since?: string;
}

export interface ReportView {
  tool: { name: 'podmortem'; version: string };
  bundles: { input: string; format: string }[];
  headline: string;
  overview: ReportOverview;
  counts: { pods: number; containers: number; failing: number; artifacts: number; parsed: number; skipped: number; errors: number };
  /** Diagnoses per severity, most severe first, only those present. */
  severities: { severity: Severity; count: number }[];
  diagnoses: DiagnosisView[];
  /**
   * Diagnoses that share a workload, a container and a cause: one line per group of two or
   * more (ten replicas OOM-killed the same way are one incident, not ten). Node-wide causes
   * group by node instead.
   */
  groups: GroupView[];
  inventory: InventoryEntry[];
  notes: string[];
  /** Whether credentials were masked, and how many values. */
  redaction: { enabled: boolean; count: number };
}

export interface GroupView {
  /** `Deployment/api`, or `node worker-3` for node-wide causes. */
  scope: string;
  namespace: string;
  container: string;
  category: CategoryId;
  severity: Severity;
  count: number;
  pods: string[];
  /** Diagnosis numbers in this report. */
  numbers: number[];
}

/** Groups diagnoses by workload (or node, for node-issue) + container + category. */
export function groupDiagnoses(diagnoses: DiagnosisView[]): GroupView[] {
  const groups = new Map<string, GroupView>();
  for (const d of diagnoses) {
    const scope = d.category === 'node-issue' && d.node ? `node ${d.node}` : (d.owner ?? `pod ${d.pod}`);
    const key = `${d.namespace}|${scope}|${d.container}|${d.category}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { scope, namespace: d.namespace, container: d.container, category: d.category, severity: d.severity, count: 1, pods: [d.pod], numbers: [d.number] });
      continue;
    }
    g.count++;
    if (!g.pods.includes(d.pod)) g.pods.push(d.pod);
    g.numbers.push(d.number);
    if (severityRank(d.severity) < severityRank(g.severity)) g.severity = d.severity;
  }
  return [...groups.values()].filter((g) => g.count > 1).sort((a, b) => b.count - a.count || severityRank(a.severity) - severityRank(b.severity));
}

export interface ReportOptions {
  /** Mask credentials (default true). */
  redact?: boolean;
}

function categoryTitle(category: CategoryId): string {
  return CATEGORIES[category]?.title ?? category;
}

function clockText(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = parseClock(value);
  return t === undefined ? undefined : formatClock(t);
}

function stateText(s: ContainerStateFact | undefined, c: ContainerModel): string | undefined {
  if (!s) return undefined;
  if (s.status === 'running') {
    const since = clockText(s.startedAt?.value);
    return `Running${since ? ` since ${since}` : ''}${c.ready?.value === false ? ', not ready' : c.ready?.value ? ', ready' : ''}`;
  }
  if (s.status === 'waiting') return `Waiting${s.reason ? ` (${s.reason.value})` : ''}${s.message ? `: ${s.message.value}` : ''}`;
  const code = s.exitCode ? `exit ${s.exitCode.value}` : undefined;
  return `Terminated${s.reason || code ? ` (${[s.reason?.value, code].filter(Boolean).join(', ')})` : ''}`;
}

function terminationText(last: ContainerStateFact): string {
  const what = [last.reason?.value ?? 'terminated', last.exitCode ? describeExitCode(last.exitCode.value) : undefined].filter(Boolean).join(', ');
  const start = last.startedAt ? parseClock(last.startedAt.value) : undefined;
  const end = last.finishedAt ? parseClock(last.finishedAt.value) : undefined;
  const when = end !== undefined ? `; finished ${formatClock(end)}${start !== undefined ? ` after running ${formatSpan(end - start)}` : ''}` : '';
  return `${what}${when}`;
}

function resources(r: Record<string, { value: string }>): string | undefined {
  const keys = Object.keys(r).sort();
  return keys.length ? keys.map((k) => `${k} ${r[k]!.value}`).join(', ') : undefined;
}

function envOf(c: ContainerModel): EnvView[] {
  return c.env.map((e) => {
    const out: EnvView = { kind: 'env', name: e.name, value: e.from ? '' : (e.value ?? ''), source: e.source };
    if (e.from) out.from = `${e.from.kind === 'secret' ? 'Secret' : 'ConfigMap'} ${e.from.name}, key ${e.from.key}${e.from.optional ? ' (optional)' : ''}`;
    return out;
  });
}

function detailsOf(d: Diagnosis, pod: PodModel | undefined, c: ContainerModel | undefined, v: DiagnosisView): DetailRow[] {
  const rows: DetailRow[] = [];
  const add = (label: string, value: string | undefined, source?: SourceRef) => {
    if (value) rows.push({ label, value, ...(source ? { source } : {}) });
  };
  add('Pod', `${d.namespace}/${d.pod}`, pod?.source);
  add('Container', `${d.container}${d.init ? ' (init container)' : ''}${c?.sidecar ? ' (sidecar)' : ''}`, c?.source);
  add('Owner', v.owner, pod?.owner?.source);
  add('Node', pod?.node);
  add('Image', c?.image?.value, c?.image?.source);
  if (c?.command) add('Command', c.command.value.join(' '), c.command.source);
  if (c?.args) add('Arguments', c.args.value.join(' '), c.args.source);
  add('State', v.state, c?.state?.source);
  const last = c ? lastTermination(c) : undefined;
  if (last) add('Last termination', terminationText(last), last.source);
  if (c?.restartCount) add('Restarts', String(c.restartCount.value), c.restartCount.source);
  if (c) {
    add('Limits', resources(c.limits));
    add('Requests', resources(c.requests));
    for (const p of c.probes) {
      const timing = [
        p.delaySeconds !== undefined ? `delay=${p.delaySeconds}s` : '',
        p.timeoutSeconds !== undefined ? `timeout=${p.timeoutSeconds}s` : '',
        p.periodSeconds !== undefined ? `period=${p.periodSeconds}s` : '',
        p.failureThreshold !== undefined ? `#failure=${p.failureThreshold}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      add(`${p.type[0]!.toUpperCase()}${p.type.slice(1)} probe`, `${p.action}${timing ? ` ${timing}` : ''}`, p.source);
    }
    if (c.usage) add('Usage (kubectl top)', [c.usage.cpu ? `cpu ${c.usage.cpu}` : '', c.usage.memory ? `memory ${c.usage.memory}` : ''].filter(Boolean).join(', '), c.usage.source);
  }
  return rows;
}

/** A quote names a file and a 1-based line; a source with neither (a stand-in) is no evidence. */
function quotable(ref: SourceRef): boolean {
  return ref.artifact !== '' && ref.line >= 1;
}

function view(d: Diagnosis, index: number, analysis: Analysis): DiagnosisView {
  const pod = analysis.incident.pods.find((p) => p.namespace === d.namespace && p.name === d.pod);
  const container = pod?.containers.find((c) => c.name === d.container && c.init === d.init);
  const timeline: TimelineView = pod && container ? buildTimeline(pod, container) : { axis: 'before-capture', from: -60, to: 0, lanes: ['container'], items: [], unplaced: [], note: 'The bundle gives no times for this container.' };
  const out: DiagnosisView = {
    id: `d${index + 1}`,
    number: index + 1,
    namespace: d.namespace,
    pod: d.pod,
    container: d.container,
    init: d.init,
    category: d.category,
    categoryTitle: categoryTitle(d.category),
    secondary: d.secondary,
    ruleId: d.ruleId,
    severity: d.severity,
    confidence: d.confidence,
    confidencePercent: Math.round(d.confidence * 100),
    summary: d.summary,
    evidence: d.evidence.filter(quotable),
    symptoms: d.symptoms.filter(quotable),
    remediation: d.remediation,
    details: [],
    env: container ? envOf(container) : [],
    timeline,
    contributing: d.contributing
      .filter((c) => c.category !== d.category)
      .map((c) => ({ ruleId: c.ruleId, category: c.category, confidencePercent: Math.round(c.confidence * 100) })),
  };
  if (d.secondary) out.secondaryTitle = categoryTitle(d.secondary);
  if (container?.restartCount) out.restarts = container.restartCount.value;
  const last = container ? lastTermination(container) : undefined;
  if (last?.exitCode) out.lastExit = `${last.reason?.value ?? 'terminated'}, ${describeExitCode(last.exitCode.value)}`;
  const owner = pod?.topOwner ?? pod?.owner?.value;
  if (owner) out.owner = `${owner.kind}/${owner.name}`;
  const state = container ? stateText(container.state, container) : undefined;
  if (state) out.state = state;
  if (container?.image) out.image = container.image.value;
  if (pod?.node) out.node = pod.node;
  const trouble = firstTrouble(timeline);
  if (trouble) out.since = `${trouble.point.label}, the ${trouble.what}`;
  out.details = detailsOf(d, pod, container, out);
  return out;
}

function listNames(items: string[], max = 3): string {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? '');
}

function overviewOf(diagnoses: DiagnosisView[], analysis: Analysis, containers: number): ReportOverview {
  const pods = analysis.incident.pods.length;
  const first = diagnoses[0];
  if (!first) {
    return pods > 0
      ? { status: 'healthy', title: 'no failing container', verdict: `No failing container among ${pods} pod${pods === 1 ? '' : 's'} (${containers} container${containers === 1 ? '' : 's'}): each is running or finished cleanly.` }
      : { status: 'empty', title: 'no pod found', verdict: 'The bundle holds no pod that podmortem could read.' };
  }
  const where = (d: DiagnosisView) => `${d.container}${d.init ? ' (init)' : ''} in ${d.namespace}/${d.pod}`;
  const verdict =
    diagnoses.length === 1
      ? `Container ${where(first)}${first.owner ? ` (${first.owner})` : ''} failed: ${first.categoryTitle.charAt(0).toLowerCase()}${first.categoryTitle.slice(1)}${first.restarts ? `, ${first.restarts} restart${first.restarts === 1 ? '' : 's'}` : ''}.`
      : `${diagnoses.length} of ${containers} containers failed: ${listNames(diagnoses.map(where))}.`;
  const namespaces = [...new Set(diagnoses.map((d) => d.namespace))];
  const title =
    diagnoses.length === 1
      ? `${first.container} in ${first.namespace}/${first.pod}: ${first.category}`
      : `${diagnoses.length} failing containers${namespaces.length === 1 ? ` in ${namespaces[0]}` : ''}`;
  const out: ReportOverview = { status: 'failing', title, verdict, rootCause: first.summary, rootCauseLabel: diagnoses.length > 1 ? 'Root cause of #1' : 'Root cause' };
  // The earliest trouble of all failing containers.
  const troubles = diagnoses.flatMap((d) => {
    const t = firstTrouble(d.timeline);
    return t ? [{ t, d }] : [];
  });
  const clock = troubles.filter((x) => x.t.point.at).sort((a, b) => a.t.point.at!.localeCompare(b.t.point.at!))[0];
  const relative = troubles.filter((x) => !x.t.point.at).sort((a, b) => a.t.point.t - b.t.point.t)[0];
  const earliest = clock ?? relative;
  if (earliest) out.since = `${earliest.t.point.label}, the ${earliest.t.what}${diagnoses.length > 1 ? ` of ${earliest.d.container}` : ''}`;
  return out;
}

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/** The view of an analysis, redacted unless `redact: false`. */
export function buildReportView(analysis: Analysis, options: ReportOptions = {}): ReportView {
  const diagnoses = analysis.diagnoses.map((d, i) => view(d, i, analysis));
  const containers = analysis.incident.pods.reduce((n, p) => n + p.containers.length, 0);
  const inv = analysis.inventory;
  const first = diagnoses[0];
  const headline = first
    ? `${diagnoses.length} failing container${diagnoses.length === 1 ? '' : 's'}; first: ${first.namespace}/${first.pod} (${first.container}): ${first.category}. ${first.summary}`
    : analysis.incident.pods.length > 0
      ? `No failing container among ${analysis.incident.pods.length} pod${analysis.incident.pods.length === 1 ? '' : 's'}.`
      : 'The bundle holds no pod that podmortem could read.';
  const severities = SEVERITIES.map((severity) => ({ severity, count: diagnoses.filter((d) => d.severity === severity).length }))
    .filter((s) => s.count > 0)
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  const raw: ReportView = {
    tool: { name: 'podmortem', version: VERSION },
    bundles: analysis.bundles,
    headline,
    overview: overviewOf(diagnoses, analysis, containers),
    counts: {
      pods: analysis.incident.pods.length,
      containers,
      failing: diagnoses.length,
      artifacts: inv.length,
      parsed: inv.filter((i) => i.status === 'parsed' || i.status === 'partial').length,
      skipped: inv.filter((i) => i.status === 'skipped').length,
      errors: inv.filter((i) => i.status === 'error').length,
    },
    severities,
    diagnoses,
    groups: groupDiagnoses(diagnoses),
    inventory: inv,
    notes: analysis.incident.notes,
    redaction: { enabled: false, count: 0 },
  };
  if (options.redact === false) return raw;
  return redactView(raw, secretArtifacts(analysis));
}

/** Files that hold a Secret: their `name: base64` lines are Secret data. */
export function secretArtifacts(analysis: Analysis): Set<string> {
  return new Set(analysis.incident.objects.filter((o) => o.kind === 'Secret').map((o) => o.source.artifact));
}

/** Masks the credentials of a view (see redact.ts). */
export function redactView(view: ReportView, secretFiles: ReadonlySet<string> = new Set()): ReportView {
  const { redaction: _, ...rest } = view;
  const { value, count } = redactDeep(rest, secretFiles);
  return { ...(value as Omit<ReportView, 'redaction'>), redaction: { enabled: true, count } };
}
