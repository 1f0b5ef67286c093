import fg from 'fast-glob';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, linesOf, parseJsonDocuments } from '../../src/parse/json-lines.js';
import { FIXTURES } from '../helpers/fixtures.js';

describe('JSON with lines', () => {
  it('reads every real JSON fixture exactly as JSON.parse does', () => {
    const files = fg.sync('**/*.json', { cwd: FIXTURES }).filter((f) => !f.includes('holmesgpt'));
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const text = readFileSync(join(FIXTURES, f), 'utf8');
      let expected: unknown;
      try {
        expected = JSON.parse(text);
      } catch {
        continue;
      }
      expect(parseJsonDocuments(text), f).toEqual([expected]);
    }
  });

  it('any value round-trips, pretty or compact', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, 4), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parseJsonDocuments(text)).toEqual([JSON.parse(text)]);
      }),
    );
  });

  it('a "__proto__" member is a member, not the prototype (found by the property above)', () => {
    const [doc] = parseJsonDocuments('{"__proto__": {"polluted": true}, "a": 1}') as [Record<string, unknown>];
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(doc).toEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('knows the line of every member and item', () => {
    const text = '{\n  "kind": "PodList",\n  "items": [\n    {"a": 1},\n    {\n      "b": "x\\"y"\n    }\n  ]\n}';
    const [doc] = parseJsonDocuments(text) as [{ items: { b?: string }[] }];
    expect(linesOf(doc)?.members?.get('kind')).toBe(2);
    expect(linesOf(doc.items)?.items).toEqual([4, 5]);
    expect(linesOf(doc.items[1])?.members?.get('b')).toBe(6);
    expect(doc.items[1]!.b).toBe('x"y');
  });

  it('reads documents written one after another, and says where a broken one breaks', () => {
    expect(parseJsonDocuments('{"a":1}\n{"b":2}\n[3]')).toEqual([{ a: 1 }, { b: 2 }, [3]]);
    const err = (() => {
      try {
        parseJsonDocuments('{\n  "a": 1,\n  "b": [1, 2\n');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(JsonSyntaxError);
    expect((err as JsonSyntaxError).line).toBe(4);
  });
});
