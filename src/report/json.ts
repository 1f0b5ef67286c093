/**
 * The JSON report: the contract other tools build on (DESIGN.md). Fields may be added, never
 * renamed or removed; `schemaVersion` changes if that ever has to happen.
 */
import type { ReportView } from './view-model.js';

export const SCHEMA_VERSION = 1;

export function renderJson(view: ReportView): string {
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    tool: view.tool,
    bundles: view.bundles,
    summary: { headline: view.headline, ...view.counts },
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
    })),
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
