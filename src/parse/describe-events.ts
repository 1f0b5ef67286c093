/**
 * The `Events:` table at the end of any `kubectl describe` text.
 *
 * ```
 * Events:
 *   Type     Reason     Age                   From               Message
 *   ----     ------     ----                  ----               -------
 *   Normal   Scheduled  6m40s                 default-scheduler  Successfully assigned shop/api-... to worker-2
 *   Warning  BackOff    87s (x23 over 6m33s)  kubelet            Back-off restarting failed container api in pod ...
 * ```
 * `Events:  <none>` when empty. A multi-line message continues at column 0. Before kubectl
 * 1.8 the table was tab-separated: `FirstSeen LastSeen Count From SubobjectPath Type Reason Message`.
 */
import type { EventFact, EventSubject, ParseIssue } from '../model/types.js';
import type { DescribeNode } from './describe-tree.js';

/** `87s (x23 over 6m33s)` → last 87s, count 23, first 6m33s. */
export function parseAge(age: string): { lastSeen: string; firstSeen?: string; count: number } {
  const m = /^(\S+)\s+\(x(\d+) over (\S+)\)$/.exec(age.trim());
  if (m) return { lastSeen: m[1]!, count: Number(m[2]), firstSeen: m[3]! };
  return { lastSeen: age.trim(), count: 1 };
}

export function parseDescribeEvents(
  section: DescribeNode,
  artifact: string,
  subject: EventSubject,
): { events: EventFact[]; issues: ParseIssue[] } {
  const events: EventFact[] = [];
  const issues: ParseIssue[] = [];
  const rows = section.items;
  if (section.value === '<none>' || rows.length === 0) return { events, issues };
  // Documentation sometimes cuts the table short with a lone `...`: no events, no problem.
  if (rows.every((r) => /^\s*(?:\.\.\.|…)\s*$/.test(r.raw))) return { events, issues };
  const headerIndex = rows.findIndex((r) => /\bReason\b/.test(r.raw) && /\bMessage\b/.test(r.raw));
  if (headerIndex < 0) {
    issues.push({ line: section.line, message: 'Events section without a table header' });
    return { events, issues };
  }
  const header = rows[headerIndex]!;
  const legacy = /\bFirstSeen\b/.test(header.raw);
  let current: EventFact | undefined;
  for (const row of rows.slice(headerIndex + 1)) {
    const trimmed = row.raw.trim();
    if (/^-+(?:\s+-+)*$/.test(trimmed)) continue;
    const startsRow = legacy ? (/\t/.test(row.raw) && /\b(Normal|Warning)\b/.test(row.raw)) || OLD_SPACED_ROW.test(row.raw) : /^\s*(Normal|Warning|Error)\s/.test(row.raw);
    if (!startsRow) {
      // Continuation of a multi-line message.
      if (current) current.message += `\n${row.raw.trim()}`;
      continue;
    }
    const cells = legacy ? legacyCells(row.raw) : rowCells(row.raw);
    if (!cells) {
      issues.push({ line: row.line, message: 'event row could not be split into its columns' });
      continue;
    }
    const age = parseAge(cells.age ?? '');
    current = {
      type: 'event',
      subject: { ...subject, ...(cells.fieldPath ? { fieldPath: cells.fieldPath } : {}) },
      eventType: cells.type,
      reason: cells.reason,
      message: cells.message,
      count: cells.count ?? age.count,
      lastSeen: age.lastSeen,
      source: { artifact, line: row.line, text: row.raw.trimEnd() },
    };
    if (age.firstSeen) current.firstSeen = age.firstSeen;
    if (cells.firstSeen) current.firstSeen = cells.firstSeen;
    events.push(current);
  }
  return { events, issues };
}

interface EventCells {
  type: string;
  reason: string;
  message: string;
  age?: string;
  firstSeen?: string;
  count?: number;
  fieldPath?: string;
}

/**
 * One row of the current layout. Type and Reason never hold blanks; Age is `58m`,
 * `87s (x23 over 6m33s)`, `<unknown>` or `<invalid>`; From is one word, `kubelet, node-1`
 * (before 1.20) or `{default-scheduler }`; the Message takes the rest. Reading the cells by
 * their shapes works whether the row is aligned with spaces, tabs or a mix of both.
 */
const ROW = /^\s*(Normal|Warning|Error)\s+(\S+)\s+(<unknown>|<invalid>|\S+(?: \(x\d+ over [^)\s]+\))?)\s+(\{[^}]*\}|[^,\s]+(?:, \S+)?)(?:\s+(.*))?$/;

function rowCells(raw: string): EventCells | undefined {
  const m = ROW.exec(raw.replace(/\t/g, '  '));
  if (!m) return undefined;
  return { type: m[1]!, reason: m[2]!, age: m[3]!, message: (m[5] ?? '').trim() };
}

/**
 * The same layout once its tabs became blanks (a paste): `18m  8s  90  {kubelet 10.3.9.6}
 * [spec.containers{x}]  Warning  FailedMount  message`; From is in braces then.
 */
export const OLD_SPACED_ROW = /^\s*(\S+)\s+(\S+)\s+(\d+)\s+(\{[^}]*\})\s+(?:(spec\.\S+)\s+)?(Normal|Warning)\s+([A-Z]\w+)\s+(.*)$/;

/** The 2016 tab layout: FirstSeen, LastSeen, Count, From, [SubobjectPath], Type, Reason, Message. */
function legacyCells(raw: string): EventCells | undefined {
  if (!/\t/.test(raw)) {
    const m = OLD_SPACED_ROW.exec(raw);
    if (!m) return undefined;
    return { firstSeen: m[1]!, age: m[2]!, count: Number(m[3]), ...(m[5] ? { fieldPath: m[5] } : {}), type: m[6]!, reason: m[7]!, message: m[8]!.trim() };
  }
  const cells = raw
    .trim()
    .split(/\t+/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const typeAt = cells.findIndex((c) => c === 'Normal' || c === 'Warning');
  if (typeAt < 3 || typeAt + 1 >= cells.length) return undefined;
  const out: EventCells = {
    type: cells[typeAt]!,
    reason: cells[typeAt + 1]!,
    message: cells.slice(typeAt + 2).join(' '),
    firstSeen: cells[0]!,
    age: cells[1]!,
  };
  const count = Number.parseInt(cells[2]!, 10);
  if (Number.isFinite(count)) out.count = count;
  const path = cells.slice(4, typeAt).find((c) => /\{.*\}/.test(c) && /^spec\./.test(c));
  if (path) out.fieldPath = path;
  return out;
}
