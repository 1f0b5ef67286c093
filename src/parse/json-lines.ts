/**
 * A JSON reader that remembers where every value stands: the same values as `JSON.parse`, plus
 * the 1-based line of each object member and array item. The `yaml` package can do this too
 * (JSON is YAML), but it builds a full document model and reads a support bundle's PodLists
 * about five times slower; bundles hold many megabytes of them.
 *
 * Also reads documents written one after another (`kubectl get -w -o json`, the stdout form of
 * `kubectl cluster-info dump`).
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Lines of an object's members (by key) or an array's items (by index). */
export interface JsonLines {
  /** The line of the opening `{` or `[`. */
  line: number;
  members?: Map<string, number>;
  items?: number[];
}

const LINES = new WeakMap<object, JsonLines>();

/** Where an object or array was read, with its members' and items' lines. */
export function linesOf(value: unknown): JsonLines | undefined {
  return value !== null && typeof value === 'object' ? LINES.get(value) : undefined;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Parses one or more concatenated JSON documents. Throws `JsonSyntaxError` with a line. */
export function parseJsonDocuments(text: string): JsonValue[] {
  const p = new Parser(text);
  const docs: JsonValue[] = [];
  p.skipWs();
  while (p.pos < text.length) {
    docs.push(p.value());
    p.skipWs();
  }
  return docs;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  pos = 0;
  line = 1;
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new JsonSyntaxError(`${what} at line ${this.line}`, this.line);
  }

  skipWs(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 10) this.line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      this.pos++;
    }
  }

  value(): JsonValue {
    this.skipWs();
    const c = this.s[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't' && this.s.startsWith('true', this.pos)) return (this.pos += 4), true;
    if (c === 'f' && this.s.startsWith('false', this.pos)) return (this.pos += 5), false;
    if (c === 'n' && this.s.startsWith('null', this.pos)) return (this.pos += 4), null;
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.s);
    if (m) {
      this.pos += m[0].length;
      return Number(m[0]);
    }
    return this.fail(this.pos >= this.s.length ? 'unexpected end of JSON' : `unexpected ${JSON.stringify(c)}`);
  }

  object(): { [key: string]: JsonValue } {
    const out: { [key: string]: JsonValue } = {};
    const members = new Map<string, number>();
    LINES.set(out, { line: this.line, members });
    this.pos++;
    this.skipWs();
    if (this.s[this.pos] === '}') return this.pos++, out;
    for (;;) {
      this.skipWs();
      if (this.s[this.pos] !== '"') this.fail('expected a member name');
      const line = this.line;
      const key = this.string();
      this.skipWs();
      if (this.s[this.pos] !== ':') this.fail('expected ":"');
      this.pos++;
      const value = this.value();
      // `__proto__` must be a member like any other (as JSON.parse makes it), never the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      members.set(key, line);
      this.skipWs();
      const c = this.s[this.pos++];
      if (c === '}') return out;
      if (c !== ',') this.fail(c === undefined ? 'unexpected end of JSON' : 'expected "," or "}"');
    }
  }

  array(): JsonValue[] {
    const out: JsonValue[] = [];
    const items: number[] = [];
    LINES.set(out, { line: this.line, items });
    this.pos++;
    this.skipWs();
    if (this.s[this.pos] === ']') return this.pos++, out;
    for (;;) {
      this.skipWs();
      items.push(this.line);
      out.push(this.value());
      this.skipWs();
      const c = this.s[this.pos++];
      if (c === ']') return out;
      if (c !== ',') this.fail(c === undefined ? 'unexpected end of JSON' : 'expected "," or "]"');
    }
  }

  string(): string {
    const s = this.s;
    const start = ++this.pos;
    let end = s.indexOf('"', start);
    // Most strings hold no escapes: slice them whole.
    let slash = s.indexOf('\\', start);
    if (end >= 0 && (slash < 0 || slash > end)) {
      this.pos = end + 1;
      const raw = s.slice(start, end);
      if (raw.includes('\n')) this.fail('unescaped line break in a string');
      // A copy, not a slice: a slice would keep the whole file alive as long as the value lives.
      return raw.length < 13 ? raw : (` ${raw}`).slice(1);
    }
    // Find the real closing quote, then let JSON.parse decode the escapes.
    end = start;
    for (;;) {
      slash = s.indexOf('\\', end);
      const quote = s.indexOf('"', end);
      if (quote < 0) this.fail('unterminated string');
      if (slash >= 0 && slash < quote) {
        end = slash + 2;
        continue;
      }
      end = quote;
      break;
    }
    this.pos = end + 1;
    try {
      return JSON.parse(s.slice(start - 1, end + 1)) as string;
    } catch {
      return this.fail('bad escape in a string');
    }
  }
}

/**
 * Whether a text's first line opens JSON: `{"`, `{}`, `[{`, `["`, `[]`, a literal, or a bracket
 * alone. `[ ... ]`, `[2024-01-01 ...]` and dmesg's `[ 1234.5678]` open none.
 */
export function startsJson(text: string): boolean {
  return /^(?:\{\s*(?:"|\}|$)|\[\s*(?:[{["\]]|true|false|null|$))/m.test(text.trimStart().split('\n', 1)[0]!);
}
