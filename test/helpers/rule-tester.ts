/**
 * RuleTester in the manner of ESLint's: `valid` contexts where a rule must stay quiet, `invalid`
 * ones where it must fire with a category and evidence. Contexts are built by running the real
 * stages (open, detect, parse, correlate) on fixture text, never by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES } from '../../src/knowledge/categories.js';
import { CATEGORY_IDS } from '../../src/model/types.js';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { CategoryId, ContainerContext } from '../../src/model/types.js';
import { buildContext } from '../../src/rules/engine.js';
import type { Rule } from '../../src/rules/types.js';
import { tempBundle } from './fixtures.js';

export interface ContextSpec {
  /** Files of the bundle: path → content. */
  files: Record<string, string>;
  container: string;
  pod?: string;
}

export interface ExpectedFinding {
  category: CategoryId;
  /** Each expected evidence item: a line number in some artifact and a pattern of its text. */
  evidence?: { artifact?: RegExp; line?: number; text: RegExp }[];
  remediation?: RegExp[];
  summary?: RegExp;
}

export interface RuleCases {
  valid: { name: string; context: ContextSpec }[];
  invalid: { name: string; context: ContextSpec; expect: ExpectedFinding }[];
}

async function buildFrom(spec: ContextSpec): Promise<{ ctx: ContainerContext; dir: string }> {
  const dir = tempBundle(spec.files);
  const analysis = await analyze(dir);
  const pod = analysis.incident.pods.find((p) => !spec.pod || p.name === spec.pod);
  if (!pod) throw new Error(`no pod ${spec.pod ?? ''} in the bundle`);
  const container = pod.containers.find((c) => c.name === spec.container);
  if (!container) throw new Error(`no container ${spec.container} in pod ${pod.name}`);
  return { ctx: buildContext(pod, container, analysis.incident), dir };
}

export class RuleTester {
  run(rule: Rule, cases: RuleCases): void {
    describe(`rule ${rule.id}`, () => {
      it('has an id and a category whose title and docs are written', () => {
        expect(rule.id).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(CATEGORY_IDS).toContain(rule.category);
        const doc = CATEGORIES[rule.category];
        expect(doc.title.length).toBeGreaterThan(10);
        for (const key of ['means', 'fix', 'prevent'] as const) expect(doc[key].length, `${rule.category}.${key}`).toBeGreaterThan(40);
      });
      for (const c of cases.valid) {
        it(`valid: ${c.name}`, async () => {
          const { ctx } = await buildFrom(c.context);
          expect(rule.check(ctx)).toBeUndefined();
        });
      }
      for (const c of cases.invalid) {
        it(`invalid: ${c.name}`, async () => {
          const { ctx, dir } = await buildFrom(c.context);
          const finding = rule.check(ctx);
          expect(finding, 'the rule should fire').toBeDefined();
          expect(finding!.category).toBe(c.expect.category);
          // Every quote must really sit at artifact:line.
          for (const ev of finding!.evidence) {
            const actual = readFileSync(join(dir, ev.artifact), 'utf8').split('\n')[ev.line - 1]?.replace(/\r$/, '').trimEnd();
            expect(actual, `${ev.artifact}:${ev.line}`).toBe(ev.text);
          }
          for (const want of c.expect.evidence ?? []) {
            expect(
              finding!.evidence.some(
                (e) => want.text.test(e.text) && (want.line === undefined || e.line === want.line) && (!want.artifact || want.artifact.test(e.artifact)),
              ),
              `evidence matching ${want.text}${want.line ? ` at line ${want.line}` : ''} in ${JSON.stringify(finding!.evidence)}`,
            ).toBe(true);
          }
          for (const re of c.expect.remediation ?? []) {
            expect(finding!.remediation.some((r) => re.test(r)), `remediation ${re}`).toBe(true);
          }
          if (c.expect.summary) expect(finding!.summary).toMatch(c.expect.summary);
        });
      }
    });
  }
}

/** Swaps one line (1-based) of a text. */
export function editLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}
