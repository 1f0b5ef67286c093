import type { CategoryId, ContainerContext, Finding } from '../model/types.js';

/** What a rule reads; the engine says `unknown` (and what to capture) when none of it is there. */
export type RuleInput = 'lastTermination' | 'state' | 'events' | 'log' | 'spec';

export interface RuleDocs {
  /** What the failure is. */
  means: string;
  /** How to fix it now. */
  fix: string;
  /** How to keep it from coming back. */
  prevent: string;
}

/**
 * A root-cause rule: metadata first, then one pure check. `check` answers a finding, or
 * `undefined` when the rule has nothing to say about this container.
 */
export interface Rule {
  id: string;
  category: CategoryId;
  title: string;
  docs: RuleDocs;
  needs: RuleInput[];
  check(ctx: ContainerContext): Finding | undefined;
}
