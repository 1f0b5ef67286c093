/**
 * The postmortem view model: built once from an analysis; every renderer only lays it out.
 */
import type { Analysis } from '../analyze.js';
import { describeExitCode } from '../knowledge/exit-codes.js';
import type { CategoryId, Diagnosis, InventoryEntry, SourceRef } from '../model/types.js';
import { lastTermination } from '../rules/engine.js';
import { RULES } from '../rules/index.js';
import { VERSION } from '../version.js';

export interface DiagnosisView {
  namespace: string;
  pod: string;
  container: string;
  init: boolean;
  category: CategoryId;
  categoryTitle: string;
  secondary: CategoryId | null;
  ruleId: string;
  severity: string;
  confidence: number;
  summary: string;
  evidence: SourceRef[];
  symptoms: SourceRef[];
  remediation: string[];
  restarts?: number;
  lastExit?: string;
  owner?: string;
}

export interface ReportView {
  tool: { name: 'podmortem'; version: string };
  bundles: { input: string; format: string }[];
  headline: string;
  counts: { pods: number; containers: number; failing: number; artifacts: number; parsed: number; skipped: number; errors: number };
  diagnoses: DiagnosisView[];
  inventory: InventoryEntry[];
  notes: string[];
}

function categoryTitle(category: CategoryId): string {
  for (const rule of RULES.values()) if (rule.category === category) return rule.title;
  return category;
}

function view(d: Diagnosis, analysis: Analysis): DiagnosisView {
  const out: DiagnosisView = {
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
    summary: d.summary,
    evidence: d.evidence,
    symptoms: d.symptoms,
    remediation: d.remediation,
  };
  const pod = analysis.incident.pods.find((p) => p.namespace === d.namespace && p.name === d.pod);
  const container = pod?.containers.find((c) => c.name === d.container && c.init === d.init);
  if (container?.restartCount) out.restarts = container.restartCount.value;
  const last = container ? lastTermination(container) : undefined;
  if (last?.exitCode) out.lastExit = `${last.reason?.value ?? 'terminated'}, ${describeExitCode(last.exitCode.value)}`;
  const owner = pod?.topOwner ?? pod?.owner?.value;
  if (owner) out.owner = `${owner.kind}/${owner.name}`;
  return out;
}

export function buildReportView(analysis: Analysis): ReportView {
  const diagnoses = analysis.diagnoses.map((d) => view(d, analysis));
  const containers = analysis.incident.pods.reduce((n, p) => n + p.containers.length, 0);
  const inv = analysis.inventory;
  const first = diagnoses[0];
  const headline = first
    ? `${diagnoses.length} failing container${diagnoses.length === 1 ? '' : 's'}; first: ${first.namespace}/${first.pod} (${first.container}): ${first.category}. ${first.summary}`
    : analysis.incident.pods.length > 0
      ? `No failing container among ${analysis.incident.pods.length} pod${analysis.incident.pods.length === 1 ? '' : 's'}.`
      : 'The bundle holds no pod that podmortem could read.';
  return {
    tool: { name: 'podmortem', version: VERSION },
    bundles: analysis.bundles,
    headline,
    counts: {
      pods: analysis.incident.pods.length,
      containers,
      failing: diagnoses.length,
      artifacts: inv.length,
      parsed: inv.filter((i) => i.status === 'parsed' || i.status === 'partial').length,
      skipped: inv.filter((i) => i.status === 'skipped').length,
      errors: inv.filter((i) => i.status === 'error').length,
    },
    diagnoses,
    inventory: inv,
    notes: analysis.incident.notes,
  };
}
