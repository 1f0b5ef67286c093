import { signaturesFor } from '../knowledge/log-signatures.js';
import { logCause } from './log-cause.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'dependency-auth',
  category: 'dependency-auth',
  check(ctx) {
    const secrets = [...new Set(ctx.container.env.filter((e) => e.from?.kind === 'secret').map((e) => `${e.from!.name} (${e.name})`))];
    return logCause(ctx, {
      category: 'dependency-auth',
      signatures: signaturesFor('dependency-auth'),
      confidence: 0.9,
      summary: () => 'was refused by a dependency it reached (wrong credentials)',
      remediation: () => [
        secrets.length
          ? `Compare the credentials the container gets from Secret ${secrets.join(', ')} with what the dependency expects; correct or rotate them, then restart the pod.`
          : `Compare the user name, password or token the container is configured with against the dependency; correct them, then restart the pod.`,
        `Check the user exists and may log in from the pod's network (database grants, pg_hba.conf, IAM policy).`,
      ],
    });
  },
};

export default rule;
