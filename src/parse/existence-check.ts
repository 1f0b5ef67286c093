/**
 * A troubleshoot `secret` or `configMap` collector's answer: does the object (and a key in it)
 * exist? `secretExists: false` is how a support bundle says a referenced Secret is missing.
 *
 * ```json
 * { "namespace": "default", "name": "example-secret", "key": "", "secretExists": false, "keyExists": false }
 * ```
 * Values are never kept, even when the collector included them.
 */
import type { ObjectFact } from '../model/types.js';
import { linesOf, parseJsonDocuments } from './json-lines.js';
import type { ParseResult } from './result.js';
import { claim, type Parser } from './parser.js';
import { startsJson } from './json-lines.js';

export function parseExistenceCheck(text: string, artifact: string): ParseResult {
  const lines = text.split('\n');
  let docs;
  try {
    docs = parseJsonDocuments(text);
  } catch (err) {
    return { facts: [], issues: [{ line: (err as { line?: number }).line ?? 1, message: (err as Error).message, fatal: true }] };
  }
  const facts: ObjectFact[] = [];
  for (const doc of docs) {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) continue;
    const secret = typeof doc.secretExists === 'boolean';
    const exists = secret ? doc.secretExists : doc.configMapExists;
    if (typeof exists !== 'boolean' || typeof doc.name !== 'string') continue;
    const at = linesOf(doc)?.members?.get(secret ? 'secretExists' : 'configMapExists') ?? 1;
    const fact: ObjectFact = {
      type: 'object',
      kind: secret ? 'SecretCheck' : 'ConfigMapCheck',
      name: doc.name,
      exists,
      source: { artifact, line: at, text: (lines[at - 1] ?? '').trimEnd() },
    };
    if (typeof doc.namespace === 'string') fact.namespace = doc.namespace;
    if (typeof doc.key === 'string' && doc.key !== '') {
      fact.key = doc.key;
      if (typeof doc.keyExists === 'boolean') fact.keyExists = doc.keyExists;
    }
    facts.push(fact);
  }
  return { facts, issues: facts.length ? [] : [{ line: 1, message: 'no secretExists/configMapExists answer found' }] };
}

export const existenceCheckParser: Parser = {
  kind: 'existence-check',
  sniff: ({ text }) => claim(startsJson(text) && /"(?:secretExists|configMapExists)"\s*:/.test(text), 0.77, 'a support bundle check of whether a Secret or ConfigMap exists'),
  parse: async ({ text, path }) => parseExistenceCheck(await text(), path),
};
