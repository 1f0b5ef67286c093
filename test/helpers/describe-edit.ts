/**
 * Variations of one real `kubectl describe pod` (HolmesGPT's 01_oom_kill fixture, a single
 * container `memory-eater` in pod `analytics-exporter-fast-76897854c-cw5wh`, namespace
 * `default`): swap its state block, its limits or its events, keeping kubectl's own layout.
 * Rule tests start from real output this way instead of writing describe text by hand.
 */
import { fixture, holmesBody } from './fixtures.js';

export const BASE_POD = 'analytics-exporter-fast-76897854c-cw5wh';
export const BASE_CONTAINER = 'memory-eater';
export const BASE = holmesBody(fixture('holmesgpt/tests/llm/fixtures/test_investigate/01_oom_kill/kubectl_describe.txt'));

function replaceBlock(text: string, from: RegExp, to: RegExp, replacement: string[]): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => from.test(l));
  const end = lines.findIndex((l, i) => i > start && to.test(l));
  if (start < 0 || end < 0) throw new Error(`block ${from} .. ${to} not found`);
  return [...lines.slice(0, start), ...replacement, ...lines.slice(end)].join('\n');
}

/** Replaces the container's `State:` .. `Ready:` block (State, Last State and their fields). */
export function withState(lines: string[], text = BASE): string {
  return replaceBlock(text, /^ {4}State:/, /^ {4}Ready:/, lines);
}

/** Replaces the container's `Limits:`/`Requests:` block. */
export function withResources(lines: string[], text = BASE): string {
  return replaceBlock(text, /^ {4}Limits:/, /^ {4}Environment:/, lines);
}

/** Replaces the events table rows (the header and its dashes stay). */
export function withEvents(rows: string[], text = BASE): string {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^ {2}----\s+------/.test(l));
  if (header < 0) throw new Error('no events table');
  const end = lines.findIndex((l, i) => i > header && l.trim() === '');
  return [...lines.slice(0, header + 1), ...rows, ...(end > 0 ? lines.slice(end) : [''])].join('\n');
}

/** Inserts lines after the container's `Restart Count:` line (probes, environment, ...). */
export function afterRestartCount(lines: string[], text = BASE): string {
  const all = text.split('\n');
  const at = all.findIndex((l) => /^ {4}Restart Count:/.test(l));
  return [...all.slice(0, at + 1), ...lines, ...all.slice(at + 1)].join('\n');
}

/** A Terminated last state in kubectl's layout. */
export function lastTerminated(reason: string, exitCode: number, message?: string): string[] {
  return [
    '    State:          Waiting',
    '      Reason:       CrashLoopBackOff',
    '    Last State:     Terminated',
    `      Reason:       ${reason}`,
    ...(message ? [`      Message:      ${message}`] : []),
    `      Exit Code:    ${exitCode}`,
    '      Started:      Thu, 27 Feb 2025 07:36:21 +0100',
    '      Finished:     Thu, 27 Feb 2025 07:36:22 +0100',
  ];
}
