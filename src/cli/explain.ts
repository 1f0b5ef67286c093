/**
 * `podmortem explain <exit code | reason | event reason | category>` and `podmortem rules [ID]`:
 * offline answers from the knowledge tables, formatted for a terminal.
 */
import { BACKOFF_INITIAL_SECONDS, BACKOFF_MAX_SECONDS, BACKOFF_RESET_SECONDS, backoffBefore, goDuration } from '../knowledge/backoff.js';
import { CATEGORIES } from '../knowledge/categories.js';
import { describeExitCode, EXIT_CODES } from '../knowledge/exit-codes.js';
import { lookupReason } from '../knowledge/reasons.js';
import { CATEGORY_IDS, type CategoryId } from '../model/types.js';
import { RULES } from '../rules/index.js';

function categoryText(id: CategoryId): string {
  const c = CATEGORIES[id];
  return `${id}: ${c.title}\n\n  What it means: ${c.means}\n  How to fix:    ${c.fix}\n  Prevent it:    ${c.prevent}\n`;
}

/** The answer for one term, or undefined when podmortem knows nothing of it. */
export function explain(term: string): string | undefined {
  const t = term.trim();
  if (/^\d+$/.test(t)) {
    const code = Number(t);
    const info = EXIT_CODES.get(code);
    const lines = [describeExitCode(code)];
    if (code > 128 && code < 160) lines.push(`  128 + ${code - 128}: the process ended on signal ${code - 128}${info?.signal ? ` (${info.signal})` : ''}; for the main process this is the signal that killed it.`);
    if (code === 137) lines.push('  An OOM kill only when the termination reason says OOMKilled; a liveness-probe kill or a forced stop after the grace period also ends in 137.');
    if (code === 143) lines.push('  SIGTERM: a probe kill, an eviction, a drain or a rollout asked the container to stop.');
    if (info) lines.push(`  Usual category: ${info.usual} (confirm with the reason, events and logs).`, '', categoryText(info.usual));
    return `${lines.join('\n')}\n`;
  }
  if ((CATEGORY_IDS as readonly string[]).includes(t)) return categoryText(t as CategoryId);
  if (/^back-?off$/i.test(t) || /^crashloopbackoff$/i.test(t)) {
    const steps = [2, 3, 4, 5, 6, 7, 8].map((n) => `${goDuration(backoffBefore(n))}`).join(', ');
    const reason = lookupReason(t);
    return `${reason ? `${reason.reason} (${reason.kind}): ${reason.meaning}.\n` : ''}  A symptom, never a cause: look at the last termination and the previous log.\n  Kubelet back-off: first restart at once, then ${steps}, ... (${BACKOFF_INITIAL_SECONDS} s doubling to a ${BACKOFF_MAX_SECONDS} s cap); it starts over after a run of ${BACKOFF_RESET_SECONDS / 60} minutes.\n`;
  }
  const reason = lookupReason(t);
  if (reason) {
    const points = reason.points === 'symptom' ? 'a symptom, never a cause' : reason.points === 'depends' ? 'depends on the message and the other evidence' : `usually ${reason.points}`;
    const lines = [`${reason.reason} (${reason.kind === 'event' ? 'event reason' : `${reason.kind} reason`}): ${reason.meaning}.`, `  Category: ${points}.`];
    if (reason.detail) lines.push(`  ${reason.detail}`);
    if (reason.points !== 'symptom' && reason.points !== 'depends') lines.push('', categoryText(reason.points));
    return `${lines.join('\n')}\n`;
  }
  return undefined;
}

export function ruleCatalogue(): string {
  const rows = [...RULES.values()].map((r) => [r.id, r.category, CATEGORIES[r.category].title]);
  const w0 = Math.max(...rows.map((r) => r[0]!.length), 2);
  const w1 = Math.max(...rows.map((r) => r[1]!.length), 8);
  return `${['ID'.padEnd(w0), 'CATEGORY'.padEnd(w1), 'TITLE'].join('   ')}\n${rows.map((r) => [r[0]!.padEnd(w0), r[1]!.padEnd(w1), r[2]].join('   ')).join('\n')}\n`;
}

export function ruleDocs(id: string): string | undefined {
  const rule = RULES.get(id);
  if (!rule) return undefined;
  const c = CATEGORIES[rule.category];
  return `${rule.id} (category ${rule.category}): ${c.title}\n\n  What it means: ${c.means}\n  How to fix:    ${c.fix}\n  Prevent it:    ${c.prevent}\n`;
}
