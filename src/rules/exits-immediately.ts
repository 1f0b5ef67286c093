import { oneShotCommand } from '../knowledge/commands.js';
import { terminationEvidence, uniqueEvidence, workloadName } from './context.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'exits-immediately',
  category: 'exits-immediately',
  check(ctx) {
    const last = ctx.lastTermination;
    if (ctx.container.init || ctx.pod.restartPolicy !== 'Always') return undefined;
    const cmdWords = [...(ctx.container.command?.value ?? []), ...(ctx.container.args?.value ?? [])];
    const cmd = cmdWords.join(' ');
    const oneShot = oneShotCommand(cmdWords);
    const restarts = ctx.container.restartCount?.value ?? 0;
    if (restarts === 0 && ctx.container.state?.status !== 'waiting') return undefined;
    const code = last?.exitCode?.value;
    const cleanExit = last !== undefined && (code === 0 || (code === undefined && last.reason?.value === 'Completed'));
    // Without a termination record, a command that cannot keep running says it by itself.
    if (!cleanExit && !(last === undefined && oneShot && (restarts > 0 || ctx.container.state?.reason?.value === 'CrashLoopBackOff'))) return undefined;
    const ranFor = runSeconds(last?.startedAt?.value, last?.finishedAt?.value);
    const confidence = !cleanExit ? 0.7 : ranFor === undefined || ranFor <= 60 ? 0.88 : ranFor <= 600 ? 0.65 : 0.5;
    const how = cleanExit ? `exits with code 0${ranFor !== undefined ? ` after ${ranFor} s` : ''}` : `runs a command that ends by itself (${oneShot})`;
    return {
      category: 'exits-immediately',
      severity: 'error',
      confidence,
      summary: `Container ${ctx.container.name} ${how}, and restartPolicy Always restarts it every time (${restarts} restarts so far).`,
      evidence: uniqueEvidence([...terminationEvidence(ctx), ctx.container.restartCount?.source, ctx.container.command?.source, ctx.container.args?.source]),
      remediation: [
        `Make the main process of container ${ctx.container.name} stay in the foreground${cmd ? ` (it runs \`${cmd.slice(0, 160)}\`${oneShot ? ', which returns' : ''})` : ''}: no daemon mode, no script that ends after starting something in the background.`,
        `If the work is meant to finish, run it as a Job (or an init container) instead of in ${workloadName(ctx)}.`,
      ],
    };
  },
};

/** Seconds between two times (RFC 3339 or RFC 1123Z), when both parse. */
function runSeconds(start?: string, end?: string): number | undefined {
  if (!start || !end) return undefined;
  const a = Date.parse(start);
  const b = Date.parse(end);
  if (Number.isNaN(a) || Number.isNaN(b) || a <= 0) return undefined;
  return Math.round((b - a) / 1000);
}

export default rule;
