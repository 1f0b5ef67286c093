/** The render stage: one analysis, one view model (redacted by default), several layouts. */
import type { Analysis } from '../analyze.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { buildReportView, type ReportOptions } from './view-model.js';

export const FORMATS = ['md', 'html', 'json'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** The report of an analysis in one format. Credentials are masked unless `redact: false`. */
export function renderReport(analysis: Analysis, format: ReportFormat, options: ReportOptions = {}): string {
  const view = buildReportView(analysis, options);
  switch (format) {
    case 'json':
      return renderJson(view);
    case 'html':
      return renderHtml(view);
    default:
      return renderMarkdown(view);
  }
}

export { buildReportView, redactView } from './view-model.js';
export { renderHtml, renderJson, renderMarkdown };
export { Redactor, REDACTED } from './redact.js';
export type { ReportView, DiagnosisView, ReportOptions, ReportOverview, DetailRow, EnvView } from './view-model.js';
export type { TimelineView, TimelineItem, TimePoint } from './timeline.js';
