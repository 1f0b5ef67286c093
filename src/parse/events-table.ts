/**
 * `kubectl get events` and `kubectl events` tables, in every column set kubectl has printed:
 *
 * ```
 * LAST SEEN   TYPE      REASON    OBJECT                    MESSAGE                              1.14+
 * 12s         Warning   BackOff   pod/api-7d9f6b5c4-xk2p9   Back-off restarting failed container api in pod ...
 * LAST SEEN   FIRST SEEN   COUNT   NAME   KIND   SUBOBJECT   TYPE   REASON   SOURCE   MESSAGE     1.10-1.13
 * LASTSEEN    FIRSTSEEN    COUNT   NAME   KIND   SUBOBJECT   TYPE   REASON   SOURCE   MESSAGE     <= 1.9
 * ```
 * `-A` adds NAMESPACE first, `-o wide` adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME. Rows
 * are cut at the header's column offsets; `kubectl events` puts `(x5 over 58m)` in LAST SEEN.
 */
import type { EventFact, ParseIssue } from '../model/types.js';
import { parseAge } from './describe-events.js';
import type { ParseResult } from './result.js';
import { headerColumns, splitRow, type TableColumn } from './table.js';
import { claim, onAnyLine, type Parser } from './parser.js';
import { splitLines } from '../bundle/text.js';

const HEADER = /^(?:NAMESPACE\s+)?(?:LAST SEEN|LASTSEEN)\s{2,}/;

export function parseEventsTable(lines: string[], artifact: string, namespaceHint?: string): ParseResult {
  const facts: EventFact[] = [];
  const issues: ParseIssue[] = [];
  let cols: TableColumn[] | undefined;
  let names: string[] = [];
  let last: EventFact | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') {
      last = undefined;
      return;
    }
    if (HEADER.test(raw)) {
      cols = headerColumns(raw);
      names = cols.map((c) => c.name.toUpperCase().replace(/\s+/g, ' '));
      return;
    }
    if (!cols) return; // preamble before the first header
    const cells = splitRow(raw, cols);
    const get = (...keys: string[]) => {
      for (const k of keys) {
        const at = names.indexOf(k);
        if (at >= 0 && cells[at] !== undefined) return cells[at];
      }
      return undefined;
    };
    const type = get('TYPE');
    const reason = get('REASON');
    if (!reason || (type && !/^(Normal|Warning|Error)$/.test(type))) {
      // An old kubectl spilled long messages onto the next line at column 0.
      if (last && /^\S/.test(raw) && !type) last.message += `\n${raw.trim()}`;
      else issues.push({ line, message: 'row does not fit the events table header' });
      return;
    }
    const lastSeenCell = get('LAST SEEN', 'LASTSEEN') ?? '';
    const age = parseAge(lastSeenCell);
    const event: EventFact = {
      type: 'event',
      subject: {},
      reason,
      message: get('MESSAGE') ?? '',
      count: Number.parseInt(get('COUNT') ?? '', 10) || age.count,
      lastSeen: age.lastSeen,
      source: { artifact, line, text: raw.trimEnd() },
    };
    if (type) event.eventType = type;
    const firstSeen = get('FIRST SEEN', 'FIRSTSEEN') ?? age.firstSeen;
    if (firstSeen) event.firstSeen = firstSeen;
    const ns = get('NAMESPACE') ?? namespaceHint;
    if (ns) event.subject.namespace = ns;
    const object = get('OBJECT');
    if (object) {
      const slash = object.indexOf('/');
      if (slash > 0) {
        event.subject.kind = object.slice(0, slash);
        event.subject.name = object.slice(slash + 1);
      } else event.subject.kind = object;
    } else {
      const name = get('NAME');
      const kind = get('KIND');
      if (kind) event.subject.kind = kind;
      // Old tables print the event's name, `<object>.<hex>`: the object is what precedes the suffix.
      if (name) event.subject.name = name.replace(/\.[0-9a-f]{8,}$/, '');
    }
    const sub = get('SUBOBJECT');
    if (sub) event.subject.fieldPath = sub;
    facts.push(event);
    last = event;
  });
  if (!cols) issues.push({ line: 1, message: 'no events table header found' });
  return { facts, issues };
}

/** The header `kubectl get events` (and `kubectl events`) prints. */
const EVENTS_TABLE_HEADER = /^(?:NAMESPACE\s+)?(?:LAST SEEN|LASTSEEN)\s{2,}(?:TYPE|FIRST SEEN|FIRSTSEEN)\b/;

const EVENTS_TABLE_HEADER_IN_TEXT = onAnyLine(EVENTS_TABLE_HEADER);

export const eventsTableParser: Parser = {
  kind: 'events-table',
  starts: EVENTS_TABLE_HEADER,
  sniff: ({ text }) => claim(EVENTS_TABLE_HEADER_IN_TEXT.test(text), 0.93, 'a kubectl get events / kubectl events table header'),
  parse: async ({ text, path, hints }) => parseEventsTable(splitLines(await text()), path, hints.namespace),
};
