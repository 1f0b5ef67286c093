import { exitText, findKubeletText, logEvidence, logIsTheRecord, logMatches, terminationEvidence, uniqueEvidence, workloadName } from './context.js';
import { RUN_AS_NON_ROOT } from '../knowledge/events.js';
import type { Rule } from './types.js';

/** Runtime and kubelet refusals: runc `exec: "/app/run": permission denied`, runAsNonRoot checks. */
const RUNTIME = new RegExp(`exec: \\\\?"[^"\\\\]+\\\\?": permission denied|${RUN_AS_NON_ROOT.source}`);

const rule: Rule = {
  id: 'permission-denied',
  category: 'permission-denied',
  check(ctx) {
    const runtime = findKubeletText(ctx, RUNTIME);
    const code = ctx.lastTermination?.exitCode?.value;
    // The line that says it in words beats one that only names the errno (`code: 'EACCES'`).
    const candidates = logMatches(ctx, 'permission-denied', 'read-only-fs');
    const logLine = [...candidates].reverse().find((m) => /[Pp]ermission denied|[Rr]ead-only file system/.test(m.text)) ?? candidates[candidates.length - 1];
    if (!runtime && code !== 126 && !logLine) return undefined;
    // A log line needs the process to have failed on it, or to be all the bundle says of the crash.
    const logOnly = logIsTheRecord(ctx);
    if (!runtime && code !== 126 && !logOnly && (code === undefined || code === 0 || code === 137 || code === 143)) return undefined;
    const nonRoot = runtime && RUN_AS_NON_ROOT.test(runtime.hit.text);
    const readOnly = logLine && /[Rr]ead-only file system|EROFS/.test(logLine.text);
    const path = /(?:open|mkdir|write|create|access|stat)\s+'?"?(\/[^\s'":,]+)/.exec(logLine?.text ?? '')?.[1];
    const rootUser = nonRoot && /runAsUser breaks/.test(runtime.hit.text);
    const remediation = rootUser
      ? [`${workloadName(ctx)} asks for both runAsNonRoot and runAsUser 0 in container ${ctx.container.name}: give runAsUser a non-zero UID, or drop runAsNonRoot if the container must run as root.`]
      : nonRoot
      ? [
          `The image runs as root but ${workloadName(ctx)} sets runAsNonRoot: set securityContext.runAsUser of container ${ctx.container.name} to the image's non-root UID (numeric), or build the image with a numeric USER.`,
        ]
      : readOnly
        ? [`The root file system is read-only (readOnlyRootFilesystem): mount an emptyDir at ${path ?? 'the path it writes to'} in ${workloadName(ctx)}.`]
        : code === 126
          ? [`The command exists but is not executable: \`chmod +x\` it in the image, or call it through its interpreter in ${workloadName(ctx)}.`]
          : [
              `Let the process write ${path ?? 'where it needs to'}: set securityContext.fsGroup/runAsUser of ${workloadName(ctx)} to match the files' owner, or mount a writable emptyDir there.`,
            ];
    return {
      category: 'permission-denied',
      severity: 'critical',
      confidence: runtime ? 0.95 : code === 126 ? 0.9 : logOnly ? 0.64 : 0.84,
      summary: `Container ${ctx.container.name} was refused permission${logLine ? `: ${(logLine.message ?? logLine.text).trim().slice(0, 160)}` : runtime ? `: ${runtime.hit.text.slice(0, 160)}` : ''}${exitText(ctx) ? ` (${exitText(ctx)})` : ''}.`,
      evidence: uniqueEvidence([runtime?.hit.source, ...terminationEvidence(ctx), logLine ? logEvidence(ctx, logLine) : undefined]),
      remediation,
    };
  },
};

export default rule;
