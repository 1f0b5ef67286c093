import { signaturesFor } from '../knowledge/log-signatures.js';
import { logCause } from './log-cause.js';
import { workloadName } from './context.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'runtime-heap-oom',
  category: 'runtime-heap-oom',
  check(ctx) {
    const limit = ctx.container.limits.memory?.value;
    return logCause(ctx, {
      category: 'runtime-heap-oom',
      signatures: signaturesFor('runtime-heap-oom'),
      confidence: 0.92,
      summary: () => 'ran out of its runtime heap',
      remediation: (line) => {
        const node = /JavaScript heap|Allocation failed/.test(line);
        const java = /java\.lang\.OutOfMemoryError/.test(line);
        return [
          java
            ? `Give the JVM a heap sized from the container limit${limit ? ` (${limit})` : ''}: -XX:MaxRAMPercentage=75 in JAVA_TOOL_OPTIONS of container ${ctx.container.name}, or raise -Xmx together with resources.limits.memory in ${workloadName(ctx)}.`
            : node
              ? `Raise Node's heap with NODE_OPTIONS=--max-old-space-size=<MiB> below the container limit${limit ? ` (${limit})` : ''}, and raise the limit with it, in ${workloadName(ctx)}.`
              : `Raise the runtime's memory cap and the container limit${limit ? ` (${limit})` : ''} together in ${workloadName(ctx)}.`,
          `If use grows without bound, take a heap dump or profile before raising limits: it may be a leak.`,
        ];
      },
    });
  },
};

export default rule;
