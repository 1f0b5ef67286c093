/**
 * Outputs podmortem recognises but does not read: each is listed in the inventory as skipped with
 * what it is, so that nothing is dropped without a word. Their recognisers sit here, beside the
 * parsers' own, and claim on the same confidence scale (`parser.ts`).
 */
import { describeHead } from './describe-tree.js';
import { startsJson } from './json-lines.js';
import { claim, onAnyLine, type Recogniser } from './parser.js';

/** Any other `kubectl get` table: NAME first, then upper-case column names. */
export const GET_TABLE_HEADER = /^(?:NAMESPACE\s{2,})?NAME\s{2,}[A-Z][A-Z0-9()%-]*(?: [A-Z][A-Z0-9()%-]*)?(?:\s{2,}[A-Z][A-Z0-9()%-]*(?: [A-Z][A-Z0-9()%-]*)?)*\s*$/;

/** What kubectl prints instead of output when a command finds nothing or fails. */
const KUBECTL_MESSAGE = /^(?:No resources found|No events found|error: |Error from server|Command `kubectl[^`]*` failed|Unable to connect to the server)/;

const GET_TABLE_HEADER_IN_TEXT = onAnyLine(GET_TABLE_HEADER);

export const UNPARSED: Recogniser[] = [
  {
    kind: 'describe-other',
    sniff({ text }) {
      const head = describeHead(text);
      return claim(head !== undefined && (/^Namespace:/m.test(head) || /^Labels:/m.test(head)), 0.94, 'kubectl describe text of another kind');
    },
  },
  {
    kind: 'json-other',
    sniff: ({ text, hints }) => claim(startsJson(text) && !hints.looksLikeLog, 0.75, 'JSON without a Kubernetes object'),
  },
  {
    kind: 'kubectl-message',
    // kubectl that printed nothing says why on its first line; a log with an `error:` line further
    // down is still a log.
    sniff({ text }) {
      const filled = text.split('\n').filter((l) => l.trim());
      const first = filled[0] ?? '';
      return claim(filled.length <= 4 && KUBECTL_MESSAGE.test(first), 0.48, `kubectl printed no output: ${first.trim().slice(0, 160)}`);
    },
  },
  {
    kind: 'get-table',
    starts: GET_TABLE_HEADER,
    sniff({ text }) {
      const header = GET_TABLE_HEADER_IN_TEXT.exec(text);
      const columns = header?.[0].trim().split(/\s{2,}/).slice(0, 4).join(' ');
      return claim(header !== null, 0.45, `a kubectl get table of other objects (${columns} ...)`);
    },
  },
];
