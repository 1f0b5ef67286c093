import { findKubeletText, lastMatch, logEvidence, terminationEvidence, uniqueEvidence, workloadName } from './context.js';
import type { Rule } from './types.js';

const EXEC_FORMAT = /exec format error|exec user process caused:? "?exec format error/;

const rule: Rule = {
  id: 'exec-format',
  category: 'exec-format',
  check(ctx) {
    const runtime = findKubeletText(ctx, EXEC_FORMAT);
    const logLine = lastMatch(ctx, 'exec-format', 'illegal-instruction');
    const sigill = ctx.lastTermination?.exitCode?.value === 132;
    if (!runtime && !logLine && !sigill) return undefined;
    const node = ctx.pod.node;
    return {
      category: 'exec-format',
      severity: 'critical',
      confidence: runtime || (logLine && /exec format/.test(logLine.text)) ? 0.97 : logLine ? 0.85 : 0.6,
      summary: `Container ${ctx.container.name} cannot execute its binary: ${ctx.container.image ? `image ${ctx.container.image.value}` : 'the image'} was built for another CPU than ${node ? `node ${node}` : 'its node'}'s.`,
      evidence: uniqueEvidence([runtime?.hit.source, logLine ? logEvidence(ctx, logLine) : undefined, ...terminationEvidence(ctx), ctx.container.image?.source]),
      remediation: [
        `Check the node's architecture (\`kubectl get node ${node ?? '<node>'} -L kubernetes.io/arch\`) against the image's (\`docker manifest inspect ${ctx.container.image?.value ?? '<image>'}\`).`,
        `Publish a multi-arch image (docker buildx build --platform linux/amd64,linux/arm64), or pin ${workloadName(ctx)} to matching nodes with nodeSelector kubernetes.io/arch.`,
      ],
    };
  },
};

export default rule;
