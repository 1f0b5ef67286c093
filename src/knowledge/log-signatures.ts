/**
 * Failure signatures of container logs, per language runtime and failure kind. The log scanner
 * keeps the lines that match one of these (plus a tail); rules read the matches by id.
 * Patterns are tested against the log message with any timestamp or CRI prefix removed.
 */
import type { CategoryId } from '../model/types.js';

export interface LogSignature {
  id: string;
  /** What the line shows, in a few words. */
  title: string;
  pattern: RegExp;
  /** The category this line points to, when it points to one by itself. */
  hints?: CategoryId;
  /** A line that only starts a block (a stack trace header) is worth less than the final error line. */
  weight: number;
}

export const LOG_SIGNATURES: LogSignature[] = [
  { id: 'java-heap-oom', title: 'Java heap exhausted', pattern: /java\.lang\.OutOfMemoryError\b/, hints: 'runtime-heap-oom', weight: 3 },
  { id: 'node-heap-oom', title: 'Node.js heap exhausted', pattern: /JavaScript heap out of memory|Allocation failed - process out of memory/, hints: 'runtime-heap-oom', weight: 3 },
  { id: 'go-panic', title: 'Go panic', pattern: /^panic: |^fatal error: /, hints: 'app-crash', weight: 3 },
  { id: 'go-goroutine', title: 'Go stack', pattern: /^goroutine \d+ \[[\w ]+\]:$/, weight: 1 },
  { id: 'python-traceback', title: 'Python traceback', pattern: /^Traceback \(most recent call last\):/, hints: 'app-crash', weight: 2 },
  {
    id: 'python-exception',
    title: 'Python exception',
    pattern: /^(?:[a-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit|Interrupt|NotFound|Refused)(?::\s.*)?$/,
    hints: 'app-crash',
    weight: 3,
  },
  { id: 'java-exception', title: 'Java exception', pattern: /^(?:Exception in thread "[^"]*" )?(?:Caused by: )?(?:[a-z][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b/, hints: 'app-crash', weight: 3 },
  { id: 'java-frame', title: 'Java stack frame', pattern: /^\s+at [\w$.<>/]+\(.*\)$/, weight: 0 },
  { id: 'node-uncaught', title: 'Node.js uncaught error', pattern: /^(?:Uncaught )?(?:TypeError|ReferenceError|SyntaxError|RangeError|Error)(?: \[[A-Z_]+\])?: .+/, hints: 'app-crash', weight: 3 },
  { id: 'node-throw', title: 'Node.js throw site', pattern: /^\s*throw (?:new )?\w+/, weight: 1 },
  { id: 'dotnet-unhandled', title: '.NET unhandled exception', pattern: /^Unhandled exception\. |^Unhandled Exception: /, hints: 'app-crash', weight: 3 },
  { id: 'ruby-error', title: 'Ruby error', pattern: /:\d+:in `[^']+': .+ \([A-Z]\w*(?:::\w+)*\)$/, hints: 'app-crash', weight: 3 },
  { id: 'php-fatal', title: 'PHP fatal error', pattern: /PHP Fatal error: |^Fatal error: /, hints: 'app-crash', weight: 3 },
  {
    id: 'fatal-level',
    title: 'fatal log line',
    pattern: /(?:^|[\s[|])(?:FATAL|CRITICAL|CRIT|PANIC|EMERG)(?:[\s\]:|]|$)|\blevel=(?:fatal|panic|crit)\b|"level":\s*"(?:fatal|panic|critical)"|^F\d{4} \d\d:\d\d:\d\d/,
    hints: 'app-crash',
    weight: 2,
  },
  {
    id: 'error-level',
    title: 'error log line',
    pattern: /(?:^|[\s[|])(?:ERROR|ERR)(?:[\s\]:|]|$)|\blevel=error\b|"level":\s*"error"|^E\d{4} \d\d:\d\d:\d\d/,
    weight: 1,
  },
];

/** At most this many matching lines are kept per log. */
export const LOG_MATCH_LIMIT = 400;
/** The tail kept of every log. */
export const LOG_TAIL_LINES = 200;
