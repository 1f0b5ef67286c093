/** The published JSON Schema of the report, compiled once with ajv (draft 2020-12). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

export const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8')) as Record<string, unknown>;

const ajv = new Ajv2020({ allErrors: true, strict: true });
export const validateReport = ajv.compile(SCHEMA);

/** Parses a JSON report and asserts it validates against the schema; returns the document. */
export function expectValidReport(text: string): Record<string, unknown> {
  const doc = JSON.parse(text) as Record<string, unknown>;
  const ok = validateReport(doc);
  expect(ok, JSON.stringify(validateReport.errors, null, 2)).toBe(true);
  return doc;
}
