import { describeExitCode, OUTSIDE_EXIT_CODES } from '../knowledge/exit-codes.js';
import { NOT_APP_EXIT_REASONS } from '../knowledge/reasons.js';
import { LOG_SIGNATURES, signatureWeight } from '../knowledge/log-signatures.js';
import type { SourceRef } from '../model/types.js';
import { logEvidence, logIsTheRecord, previousLogsCommand, workloadName } from './context.js';
import type { Rule } from './types.js';

/** Exit codes that mean "killed from outside", "could not start" or a clean exit: other rules explain those. */
const notAnAppExit = (code: number) => code === 0 || OUTSIDE_EXIT_CODES.has(code);

/** Signature ids that end a crash (the exception line), and those that open one (a stack header). */
const FINAL_LINES = new Set(LOG_SIGNATURES.filter((s) => s.hints === 'app-crash' && s.weight >= 3).map((s) => s.id));
const SIGNATURE_HINT = new Map(LOG_SIGNATURES.map((s) => [s.id, s.hints]));
const OPENING_LINES = new Set(['python-traceback', 'go-panic', 'dotnet-unhandled']);
/** How far above the final crash line a line still belongs to the same crash. */
const CRASH_BLOCK_LINES = 10;

const rule: Rule = {
  id: 'app-crash',
  category: 'app-crash',
  check(ctx) {
    const last = ctx.lastTermination;
    const code = last?.exitCode?.value;
    // Without any termination record (a log pasted alone) only a crash line in the log speaks.
    const logOnly = logIsTheRecord(ctx);
    if (!last && !logOnly) return undefined;
    // `Error` without a code (a listing's STATUS) is still a non-zero exit of the process.
    const unknownCodeError = code === undefined && last?.reason?.value === 'Error';
    if (last && !unknownCodeError && (code === undefined || notAnAppExit(code) || code === 139 || code === 132)) return undefined;
    if (last?.reason && NOT_APP_EXIT_REASONS.has(last.reason.value)) return undefined;

    const { container } = ctx;
    const evidence: SourceRef[] = [];
    if (last?.reason) evidence.push(last.reason.source);
    if (last?.exitCode) evidence.push(last.exitCode.source);

    const matches = ctx.log?.matches ?? [];
    const finalLine = [...matches].reverse().find((m) => FINAL_LINES.has(m.signature));
    const opening = finalLine ? [...matches].reverse().find((m) => OPENING_LINES.has(m.signature) && m.line <= finalLine.line) : undefined;
    if (opening && finalLine && opening.line !== finalLine.line && finalLine.line - opening.line < 300) evidence.push(logEvidence(ctx, opening));
    if (finalLine) evidence.push(logEvidence(ctx, finalLine));
    const fatal = !finalLine ? [...matches].reverse().find((m) => m.signature === 'fatal-level' || m.signature === 'error-level') : undefined;
    if (fatal) evidence.push(logEvidence(ctx, fatal));
    if (last?.message && !finalLine && !fatal) evidence.push(last.message.source);
    if (logOnly && !finalLine && !fatal) return undefined;

    const cause = finalLine ?? fatal;
    const quoted = cause ? (cause.message ?? cause.text).trim().slice(0, 200) : undefined;
    // When a strong line of a more precise category (a refused connection, a bad setting) ends
    // the log, or stands just above the crash it led to (a panic after a parse error), that
    // rule explains the exit better: step back.
    const end = cause?.line ?? Number.POSITIVE_INFINITY;
    const specific = matches.some((m) => {
      const hint = SIGNATURE_HINT.get(m.signature);
      return signatureWeight(m.signature) >= 3 && hint !== undefined && hint !== 'app-crash' && (m.line > end || end - m.line <= CRASH_BLOCK_LINES);
    });
    const base = specific ? 0.5 : finalLine ? 0.88 : fatal ? 0.75 : code === 1 || code === 2 || code === 255 ? 0.55 : 0.45;
    const confidence = logOnly ? base - 0.15 : base;
    const logName = previousLogsCommand(ctx);
    return {
      category: 'app-crash',
      severity: 'critical',
      confidence,
      summary: `Container ${container.name} exited by itself (${code !== undefined ? describeExitCode(code) : 'non-zero exit'})${quoted ? `; the log ends with: ${quoted}` : '; the bundle holds no log line that says why'}.`,
      evidence,
      remediation: [
        quoted
          ? `Fix what the log names (${quoted.slice(0, 120)}) in the image or configuration of ${workloadName(ctx)}, then roll out again.`
          : `Capture the crashed instance's log with \`${logName}\`: its last lines name the error.`,
        `Reproduce locally with the same image, command and environment as container ${container.name} to confirm the fix before rolling out.`,
      ],
    };
  },
};

export default rule;
