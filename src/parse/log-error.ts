/**
 * What `kubectl logs` prints instead of a log when it cannot fetch one:
 * ```
 * Error from server (BadRequest): previous terminated container "web" in pod "web-0" not found
 * Error from server (BadRequest): container "web" in pod "web-0" is waiting to start: ContainerCreating
 * unable to retrieve container logs for containerd://...
 * ```
 * Read as a log that was not captured, with why, and the pod and container the message names.
 */
import { splitLines } from '../bundle/text.js';
import type { LogFact } from '../model/types.js';
import { claim, logHints, onAnyLine, type Parser } from './parser.js';

const LOG_ERROR_LINE =
  /^(?:Error from server \((?:BadRequest|NotFound|Forbidden|InternalError)\): .*(?:previous terminated container|is waiting to start|not found|is terminated|forbidden)|unable to retrieve container logs for |failed to get parse function: |Create log request error: |Request log error: )/;
const LOG_ERROR_TEXT = onAnyLine(LOG_ERROR_LINE);

export const logErrorParser: Parser = {
  kind: 'log-error',
  sniff({ text, hints }) {
    const short = text.split('\n').filter((l) => l.trim()).length <= 4;
    const aboutLogs = hints.looksLikeLog || /previous terminated container|is waiting to start|unable to retrieve container logs/.test(text);
    return claim(LOG_ERROR_TEXT.test(text) && short && aboutLogs, 0.5, 'kubectl logs error text instead of a log');
  },
  async parse({ text, path, hints }) {
    const lines = splitLines(await text()).filter((l) => l.trim() !== '');
    const first = lines.find((l) => LOG_ERROR_LINE.test(l)) ?? lines[0] ?? '';
    const log: LogFact = { type: 'log', artifact: path, totalLines: 0, tail: [], matches: [], notCaptured: first.trim(), ...logHints(hints) };
    // kubectl's refusal names what was asked: `container "web" in pod "web-0" is waiting to start: ...`.
    const named = /container "([^"]+)" in pod "([^"]+)"/.exec(first);
    if (named) {
      log.container ??= named[1]!;
      log.pod ??= named[2]!;
    }
    return { facts: [log], issues: [] };
  },
};
