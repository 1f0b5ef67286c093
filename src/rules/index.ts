/** The rule registry: one sorted map from id to rule, like ESLint's `lib/rules/index.js`. */
import appCrash from './app-crash.js';
import oomKilled from './oom-killed.js';
import type { Rule } from './types.js';
import unknown from './unknown.js';

export const RULES: ReadonlyMap<string, Rule> = new Map(
  [appCrash, oomKilled, unknown].sort((a, b) => a.id.localeCompare(b.id)).map((r) => [r.id, r]),
);

export type { Rule, RuleDocs, RuleInput } from './types.js';
