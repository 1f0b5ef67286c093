import { FAULT_EXIT_CODES } from '../knowledge/exit-codes.js';
import { exitText, lastMatch, logEvidence, logIsTheRecord, terminationEvidence, uniqueEvidence } from './context.js';
import type { Rule } from './types.js';


const rule: Rule = {
  id: 'segfault',
  category: 'segfault',
  check(ctx) {
    const last = ctx.lastTermination;
    const code = last?.exitCode?.value;
    const signal = last?.signal?.value;
    const logLine = lastMatch(ctx, 'segfault');
    const byCode = (code !== undefined && FAULT_EXIT_CODES.has(code)) || signal === 11 || signal === 7 || signal === 8;
    // A Go nil dereference prints SIGSEGV inside a panic and exits 2: that is an app crash.
    const logOnly = logIsTheRecord(ctx);
    const byLog = logLine && (logOnly || (code !== undefined && code !== 2 && code !== 0 && code !== 137 && code !== 143));
    if (!byCode && !byLog) return undefined;
    return {
      category: 'segfault',
      severity: 'critical',
      confidence: byCode ? (logLine ? 0.95 : 0.9) : logOnly ? 0.75 : 0.7,
      summary: `Container ${ctx.container.name} crashed on a memory fault${exitText(ctx) ? ` (${exitText(ctx)})` : ''}.`,
      evidence: uniqueEvidence([...terminationEvidence(ctx), logLine ? logEvidence(ctx, logLine) : undefined]),
      remediation: [
        `Find the faulting component in the log or a core dump; native libraries built for another libc (glibc vs musl/Alpine) are a common cause.`,
        `Reproduce with the same image outside the cluster (\`docker run ${ctx.container.image?.value ?? '<image>'}\`) to tell a bad build from bad input.`,
      ],
    };
  },
};

export default rule;
