/** podmortem as a library: `analyze()` a bundle, then `renderReport()` it. */
export { analyze, readBundle } from './analyze.js';
export type { Analysis, AnalyzeOptions, BundleInfo } from './analyze.js';
export { BundleError } from './bundle/types.js';
export { renderReport, buildReportView, redactView, FORMATS } from './report/index.js';
export type { ReportFormat, ReportView, DiagnosisView, ReportOptions } from './report/index.js';
export { RULES } from './rules/index.js';
export type { Rule } from './rules/index.js';
export { diagnose } from './rules/engine.js';
export * from './model/types.js';
export { VERSION } from './version.js';
