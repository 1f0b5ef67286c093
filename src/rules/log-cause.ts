/**
 * Shared by the rules whose proof is a line of the crashed instance's log (dependency-*,
 * bad-config-value, runtime-heap-oom): the last matching line of the last crash, confirmed by a
 * termination that was the process's own exit.
 */
import { OUTSIDE_EXIT_CODES } from '../knowledge/exit-codes.js';
import type { CategoryId, ContainerContext, Finding, LogMatch } from '../model/types.js';
import { exitText, logEvidence, logMatches, terminationEvidence, uniqueEvidence } from './context.js';

export interface LogCause {
  category: CategoryId;
  signatures: string[];
  /** One sentence from the quoted line, e.g. `could not reach its database`. */
  summary: (line: string) => string;
  remediation: (line: string, match: LogMatch) => string[];
  /** Confidence with a non-zero exit of the process itself. */
  confidence: number;
}


export function logCause(ctx: ContainerContext, cause: LogCause): Finding | undefined {
  const hits = logMatches(ctx, ...cause.signatures);
  const last = hits[hits.length - 1];
  if (!last) return undefined;
  const term = ctx.lastTermination;
  const code = term?.exitCode?.value;
  if (term?.reason?.value === 'OOMKilled') return undefined;
  if (code !== undefined && OUTSIDE_EXIT_CODES.has(code)) return undefined;
  // A clean exit (0) is not a crash; without any termination record the log alone is weaker.
  if (code === 0) return undefined;
  const confidence = term ? cause.confidence : cause.confidence - 0.2;
  const text = (last.message ?? last.text).trim();
  const exit = exitText(ctx);
  return {
    category: cause.category,
    severity: 'critical',
    confidence,
    summary: `Container ${ctx.container.name} ${cause.summary(text)}${exit ? ` and exited (${exit})` : ''}: ${text.slice(0, 200)}`,
    evidence: uniqueEvidence([...terminationEvidence(ctx), ...hits.slice(-2).map((m) => logEvidence(ctx, m))]),
    remediation: cause.remediation(text, last),
  };
}

const SOURCE_FILE = /\.(?:go|py|java|js|ts|rb|rs|c|cc|cpp|h|cs|kt|scala|php|ex|exs):\d+$/i;

/** `host:port`, a URL's host, or a quoted name from a log line: what the application tried to reach. */
export function targetOf(line: string): string | undefined {
  const url = /\b[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]+@)?([^/\s:'"]+(?::\d+)?)/i.exec(line);
  if (url) return url[1];
  const dial = /\b(?:dial tcp|connect to|connecting to|Connection to|lookup|host)\s+["']?([\w.-]+(?::\d+)?)/i.exec(line);
  if (dial) return dial[1];
  // host:port, but not a source position such as leaderelection.go:330 or app.py:42.
  const hostPort = /\b((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*:\d{2,5})\b/gi;
  for (const m of line.matchAll(hostPort)) {
    if (!SOURCE_FILE.test(m[1]!)) return m[1];
  }
  return undefined;
}
