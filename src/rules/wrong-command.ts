import { exitText, findKubeletText, lastMatch, logEvidence, terminationEvidence, uniqueEvidence, workloadName } from './context.js';
import type { Rule } from './types.js';

/**
 * The runtime's words for a missing executable: containerd/runc
 * `exec: "wge": executable file not found in $PATH`, `exec: "/app/run": stat /app/run: no such
 * file or directory`; docker/runc 1.0 `starting container process caused "exec: \"foo\": ...`.
 */
const NOT_FOUND = /executable file not found in \$PATH|exec: \\?"[^"\\]+\\?": (?:stat [^:]+: )?no such file or directory|exec \S+: no such file or directory/;
/** containerd could not start the runtime's shim: a binary of the node is missing, not the image's. */
const SHIM = /failed to start shim: exec:/;
/** The executable's name inside `exec: "name"` (quotes escaped or not). */
const EXEC_NAME = /exec: \\?"([^"\\]+)\\?"/;

const rule: Rule = {
  id: 'wrong-command',
  category: 'wrong-command',
  check(ctx) {
    const found = findKubeletText(ctx, NOT_FOUND);
    const runtime = found && !SHIM.test(found.hit.text) ? found : undefined;
    const code = ctx.lastTermination?.exitCode?.value;
    const library = lastMatch(ctx, 'missing-library');
    const logLine = lastMatch(ctx, 'command-not-found') ?? library;
    if (!runtime && code !== 127 && !logLine) return undefined;
    if (!runtime && !logLine && code === 127 && ctx.lastTermination?.reason?.value === 'OOMKilled') return undefined;
    const lib = library && /shared librar(?:ies|y):? (\S+?):? (?:cannot open|No such)/.exec(library.text)?.[1];
    const missing = EXEC_NAME.exec(runtime?.hit.text ?? '')?.[1] ?? (lib ? undefined : /(\S+): (?:command )?not found/.exec(logLine?.text ?? '')?.[1]);
    const cmd = [...(ctx.container.command?.value ?? []), ...(ctx.container.args?.value ?? [])];
    const confidence = runtime ? 0.96 : logLine && code === 127 ? 0.93 : logLine ? 0.8 : 0.82;
    return {
      category: 'wrong-command',
      severity: 'critical',
      confidence,
      summary: `Container ${ctx.container.name} cannot run its command${lib ? `: the binary needs ${lib}, which the loader cannot find` : missing ? `: ${missing} is not in the image` : ''}${exitText(ctx) ? ` (${exitText(ctx)})` : ''}.`,
      evidence: uniqueEvidence([
        runtime?.hit.source,
        ...terminationEvidence(ctx),
        logLine ? logEvidence(ctx, logLine) : undefined,
        ctx.container.command?.source,
      ]),
      remediation: [
        ...(lib
          ? [
              `Install the package that provides ${lib} in the image (or build the binary for the image's libc, e.g. static, or on the same base image); if the container runs a binary from a hostPath, the node must have ${lib}.`,
            ]
          : []),
        cmd.length
          ? `Container ${ctx.container.name} runs \`${cmd.join(' ').slice(0, 200)}\`: correct command/args in ${workloadName(ctx)} to an executable that exists in ${ctx.container.image ? `image ${ctx.container.image.value}` : 'the image'}.`
          : `The image's own ENTRYPOINT/CMD names something that is not in ${ctx.container.image ? `image ${ctx.container.image.value}` : 'the image'}: set command in ${workloadName(ctx)} or fix the image.`,
        `Check what the image holds: \`docker run --rm --entrypoint sh ${ctx.container.image?.value ?? '<image>'} -c 'command -v ${missing ?? '<cmd>'}'\`.`,
      ],
    };
  },
};

export default rule;
