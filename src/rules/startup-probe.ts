import { probeKill } from './probe-kill.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'startup-probe',
  category: 'startup-probe',
  check(ctx) {
    return probeKill(ctx, 'startup');
  },
};

export default rule;
