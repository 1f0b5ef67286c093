/**
 * The JSON report: the contract other tools build on (DESIGN.md), described by
 * `schema/report.schema.json`. Fields may be added, never renamed or removed; `schemaVersion`
 * changes if that ever has to happen.
 */
import type { TimePoint, TimelineView } from './timeline.js';
import type { ReportView } from './view-model.js';

export const SCHEMA_VERSION = 1;

function point(p: TimePoint): Record<string, unknown> {
  return {
    text: p.text,
    ...(p.at !== undefined ? { at: p.at } : {}),
    ...(p.ago !== undefined ? { secondsBeforeCapture: p.ago } : {}),
    ...(p.estimated ? { estimated: true } : {}),
  };
}

function timeline(t: TimelineView): Record<string, unknown> {
  return {
    axis: t.axis,
    ...(t.capture ? { capture: t.capture } : {}),
    ...(t.restarts !== undefined ? { restarts: t.restarts } : {}),
    ...(t.backoff ? { backoff: t.backoff } : {}),
    note: t.note,
    items: t.items.map((i) => ({
      kind: i.kind,
      label: i.label,
      detail: i.detail,
      tone: i.tone,
      from: point(i.from),
      ...(i.to ? { to: point(i.to) } : {}),
      ...(i.open ? { open: true } : {}),
      ...(i.count !== undefined ? { count: i.count } : {}),
      ...(i.source ? { source: i.source } : {}),
    })),
    unplaced: t.unplaced,
  };
}

export function renderJson(view: ReportView): string {
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    tool: view.tool,
    redacted: view.redaction.enabled,
    redactions: view.redaction.count,
    bundles: view.bundles,
    summary: {
      headline: view.headline,
      verdict: view.overview.verdict,
      ...(view.overview.rootCause ? { rootCause: view.overview.rootCause } : {}),
      ...(view.overview.since ? { since: view.overview.since } : {}),
      ...view.counts,
    },
    diagnoses: view.diagnoses.map((d) => ({
      namespace: d.namespace,
      pod: d.pod,
      container: d.container,
      init: d.init,
      category: d.category,
      secondary: d.secondary,
      ruleId: d.ruleId,
      severity: d.severity,
      confidence: Math.round(d.confidence * 100) / 100,
      summary: d.summary,
      evidence: d.evidence.map(({ artifact, line, text }) => ({ artifact, line, text })),
      symptoms: d.symptoms.map(({ artifact, line, text }) => ({ artifact, line, text })),
      remediation: d.remediation,
      ...(d.restarts !== undefined ? { restarts: d.restarts } : {}),
      ...(d.owner ? { owner: d.owner } : {}),
      ...(d.state ? { state: d.state } : {}),
      ...(d.since ? { since: d.since } : {}),
      timeline: timeline(d.timeline),
    })),
    groups: view.groups.map((g) => ({ scope: g.scope, namespace: g.namespace, container: g.container, category: g.category, severity: g.severity, count: g.count, pods: g.pods })),
    inventory: view.inventory.map((i) => ({
      path: i.path,
      kind: i.kind,
      status: i.status,
      reason: i.reason ?? '',
      ...(i.namespace ? { namespace: i.namespace } : {}),
      ...(i.pod ? { pod: i.pod } : {}),
      ...(i.container ? { container: i.container } : {}),
    })),
    notes: view.notes,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
