import { categoryDocs } from '../knowledge/categories.js';
import { probeKill } from './probe-kill.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'startup-probe',
  category: 'startup-probe',
  title: 'The startup probe gave up before the application was ready',
  needs: ['events'],
  docs: categoryDocs('startup-probe'),
  check(ctx) {
    return probeKill(ctx, 'startup');
  },
};

export default rule;
