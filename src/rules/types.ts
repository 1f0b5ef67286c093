import type { CategoryId, ContainerContext, Finding } from '../model/types.js';

/**
 * A root-cause rule: its id and the category it proves, then one pure check. `check` answers a
 * finding, or `undefined` when the rule has nothing to say about this container. A rule's title
 * and docs are its category's (`src/knowledge/categories.ts`), defined once there.
 */
export interface Rule {
  id: string;
  category: CategoryId;
  check(ctx: ContainerContext): Finding | undefined;
}
