import { probeKill } from './probe-kill.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'liveness-probe',
  category: 'liveness-probe',
  check(ctx) {
    return probeKill(ctx, 'liveness');
  },
};

export default rule;
