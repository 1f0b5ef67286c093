/**
 * Mutation check support (`scripts/mutation.ts`): with `PODMORTEM_MUTANT=rule:<id>` a rule never
 * fires; with `PODMORTEM_MUTANT=parser:<kind>` a parser reads nothing. The tests then run against
 * that broken build of the stages; at least one of them must fail. Without the variable this
 * file does nothing.
 */
import { PARSERS } from '../../src/parse/registry.js';
import { RULES } from '../../src/rules/index.js';

const mutant = process.env.PODMORTEM_MUTANT;
if (mutant) {
  const [what, name] = mutant.split(':') as [string, string];
  if (what === 'rule') {
    const rule = RULES.get(name);
    if (!rule) throw new Error(`no rule ${name}`);
    rule.check = () => undefined;
  } else if (what === 'parser') {
    const parser = PARSERS.find((p) => p.kind === name);
    if (!parser) throw new Error(`no parser ${name}`);
    parser.parse = () => ({ facts: [], issues: [] });
  } else throw new Error(`unknown mutant ${mutant}`);
}
