/** The render stage: one analysis, one view model, several layouts. */
import type { Analysis } from '../analyze.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { buildReportView } from './view-model.js';

export const FORMATS = ['md', 'json'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export function renderReport(analysis: Analysis, format: ReportFormat): string {
  const view = buildReportView(analysis);
  return format === 'json' ? renderJson(view) : renderMarkdown(view);
}

export { buildReportView, renderJson, renderMarkdown };
export type { ReportView, DiagnosisView } from './view-model.js';
