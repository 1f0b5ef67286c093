import { categoryDocs } from '../knowledge/categories.js';
import { probeKill } from './probe-kill.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'liveness-probe',
  category: 'liveness-probe',
  title: 'Restarted by the kubelet for failing its liveness probe',
  needs: ['events'],
  docs: categoryDocs('liveness-probe'),
  check(ctx) {
    return probeKill(ctx, 'liveness');
  },
};

export default rule;
