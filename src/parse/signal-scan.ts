/**
 * The signal scan: text that no parser recognises (a console's view of a pod, an event row quoted
 * after a few words of prose, a log line pasted alone) still holds the lines that decide a case.
 * On every line it reads:
 * - kubelet and runtime messages wherever they start on the line (after prose, a prompt, a
 *   timestamp or a field path such as `spec.containers{web}`), with the row's Warning/Normal and
 *   reason when the line shows them;
 * - a container's termination in `Key: value` form: `Reason: OOMKilled`, `Exit Code: 137`, a
 *   console's `Reason: OOMKilled - exit code: 137`;
 * - the log signatures, through the log scanner.
 * Every fact it gives is marked `loose` (its format was not recognised), so that a diagnosis that
 * rests on it alone states less confidence. Lines that quote rather than report (markdown table
 * rows, messages inside backticks) are passed over, as a reader would.
 */
import { showsCrash } from '../knowledge/log-signatures.js';
import { lookupReason } from '../knowledge/reasons.js';
import { newContainerFact } from '../model/build.js';
import type { ContainerStateFact, Fact, PodFact, SourceRef } from '../model/types.js';
import { LogScanner } from './container-log.js';
import { kubeletMessageOn } from './kubelet-message.js';
import type { Parser } from './parser.js';
import type { ParseResult } from './result.js';
import { splitLines } from '../bundle/text.js';

/** A line that quotes: a markdown table row, or one whose text sits in backticks. */
const QUOTING = /^\s*\|.*\|\s*$|`[^`]+`/;
const TERMINATION_REASON = /\bReason:\s*([A-Z][A-Za-z]+)\b/;
const EXIT_CODE = /\b[Ee]xit [Cc]ode:?\s*(\d{1,3})\b/;
/** How far below a `Reason:` line its exit code may be printed. */
const EXIT_CODE_WINDOW = 3;

/** Scans `lines` (starting at 0-based file line `offset`) for failure signals. */
export function scanSignals(lines: string[], artifact: string, offset = 0): ParseResult {
  const facts: Fact[] = [];
  const scanner = new LogScanner({ artifact });
  lines.forEach((raw, i) => {
    const line = offset + i + 1;
    scanner.push(raw, line);
    if (QUOTING.test(raw)) return;
    const source: SourceRef = { artifact, line, text: raw.trimEnd(), loose: true };
    const event = kubeletMessageOn(raw, source);
    if (event) facts.push(event);
    const ended = terminationAt(lines, i, source);
    if (ended) facts.push(ended);
  });
  const log = scanner.finish();
  if (showsCrash(log.matches)) {
    log.loose = true;
    log.lines = [offset + 1, offset + lines.length];
    facts.push(log);
  }
  return { facts, issues: [] };
}

/** A container's termination printed as `Reason: X` (and its exit code on that line or just below). */
function terminationAt(lines: string[], i: number, source: SourceRef): PodFact | undefined {
  const m = TERMINATION_REASON.exec(lines[i]!);
  if (!m || lookupReason(m[1]!)?.kind !== 'terminated') return undefined;
  const state: ContainerStateFact = { status: 'terminated', reason: { value: m[1]!, source }, source };
  for (let j = i; j < Math.min(lines.length, i + 1 + EXIT_CODE_WINDOW); j++) {
    const code = EXIT_CODE.exec(lines[j]!);
    if (code) {
      state.exitCode = { value: Number(code[1]), source: j === i ? source : { ...source, line: source.line + (j - i), text: lines[j]!.trimEnd() } };
      break;
    }
  }
  const container = newContainerFact('', false, source);
  container.lastState = state;
  return { type: 'pod', origin: 'fragment', name: '', containers: [container], conditions: [], volumes: [], source };
}

/** The reader of text nobody claims (`text-other`): it never claims a text itself. */
export const textParser: Parser = {
  kind: 'text-other',
  sniff: () => undefined,
  parse: async ({ text, path }) => scanSignals(splitLines(await text()), path),
};
