/**
 * A kubelet or runtime message wherever it stands on a line: after prose, a prompt, a
 * timestamp, a field path such as `spec.containers{web}`, the cells of an event row, or the
 * relay of a deploy tool (Tilt's `[event: pod web-0] Error: ...`, kapp's `Pending:
 * ImagePullBackOff (message: Back-off pulling image ...)`). Used by the signal scan on text no
 * parser claims, and by the log scanner on logs that relay another tool's view of a pod.
 */
import { reasonOfMessage } from '../knowledge/events.js';
import type { EventFact, SourceRef } from '../model/types.js';

/** A row's `Warning FailedMount` cells before the message (spaces or a console's tabs). */
const ROW_CELLS = /\b(Normal|Warning)\s+([A-Z][A-Za-z]+)\s/;
/** What output puts before a message it reports: a colon, a prompt, a bracket, a timestamp. */
const REPORTED_AFTER = /(?:[:>$#\]}]|\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?Z?)\s+$/;
const FIELD_PATH = /\bspec\.(?:initContainers|containers|ephemeralContainers)\{[^}]+\}/;
/** The pod a relay names just before the message: `pod/web-0`, `pod web-0`, `[event: pod web-0]`. */
const POD_BEFORE = /\bpod[/ ]([a-z0-9][-a-z0-9.]*[a-z0-9])\]?\s*:?\s*$|\bpod[/ ]([a-z0-9][-a-z0-9.]*[a-z0-9])\b/;
/** Lines longer than this are data, not a message someone reads. */
const MAX_LINE = 4000;

/** The kubelet message on `raw`, as an event (of no pod unless the line names one), if any. */
export function kubeletMessageOn(raw: string, source: SourceRef): EventFact | undefined {
  if (raw.length > MAX_LINE) return undefined;
  for (let at = 0; at < raw.length; at++) {
    if (at > 0 && !/\s/.test(raw[at - 1]!)) continue;
    if (/\s/.test(raw[at]!)) continue;
    const message = raw.slice(at).trim();
    const reason = reasonOfMessage(message);
    if (!reason) continue;
    const before = raw.slice(0, at);
    // Mid-line, a message counts where output puts one; a sentence that mentions one does not.
    const cells = ROW_CELLS.exec(before);
    if (at > 0 && !REPORTED_AFTER.test(before) && !cells) continue;
    const fieldPath = FIELD_PATH.exec(before)?.[0];
    const pod = POD_BEFORE.exec(before);
    const name = pod?.[1] ?? pod?.[2];
    return {
      type: 'event',
      subject: { ...(fieldPath ? { fieldPath } : {}), ...(name ? { name } : {}) },
      eventType: cells?.[1] ?? (reason === 'Scheduled' ? 'Normal' : 'Warning'),
      reason: cells?.[2] ?? reason,
      // A relay that wraps the message in parentheses (`(message: Back-off ...)`) keeps its own `)`.
      message: message.endsWith(')') && opened(before) > 0 && opened(message) < 0 ? message.slice(0, -1) : message,
      count: 1,
      source,
    };
  }
  return undefined;
}

/** How many more `(` than `)` the text holds. */
function opened(text: string): number {
  let n = 0;
  for (const ch of text) n += ch === '(' ? 1 : ch === ')' ? -1 : 0;
  return n;
}
