/**
 * Redaction: the report is made to be shared, the bundle often holds credentials. Applied to the
 * view model before any renderer sees it (DESIGN.md), on by default; `--no-redact` turns it off
 * and the report says so.
 *
 * What is masked, everywhere in the view (evidence, summaries, remediation, notes, inventory
 * reasons, timeline texts, environment values):
 * - values of names that look like credentials (`DB_PASSWORD: hunter2`, `apiKey=...`,
 *   `"client_secret": "..."`, `Authorization: ...`), but not references to them
 *   (`<set to the key 'password' in secret 'db'>`, `secretName: db`, `key: password`);
 * - credential shapes wherever they stand: JWTs, `Bearer`/`Basic` tokens, AWS access key ids,
 *   GitHub, Slack, Google and Stripe tokens, private key blocks, the password of a
 *   `scheme://user:password@host` URL (the user stays);
 * - base64 values of Secret data (`password: aHVudGVyMg==`), and long base64 blobs alone on a line.
 *
 * Troubleshoot's own `***HIDDEN***` is left as it is. Every mask is the same marker.
 */
import type { SourceRef } from '../model/types.js';

export const REDACTED = '[REDACTED]';

/** Troubleshoot's redaction marker, kept as is. */
const HIDDEN = '***HIDDEN***';

/** Words of a name that mark its value as a credential. */
const CREDENTIAL_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials',
  'auth', 'authorization', 'apikey', 'privatekey', 'accesskey', 'secretkey', 'sessionkey', 'signingkey', 'cookie', 'sas',
]);
/** A name ending in one of these names a thing about a credential, not the credential itself. */
const NOT_A_VALUE = new Set([
  'name', 'names', 'ref', 'path', 'file', 'dir', 'seconds', 'optional', 'type', 'mode', 'items', 'namespace', 'count', 'id',
  'hash', 'length', 'enabled', 'url', 'uri', 'host', 'port', 'endpoint', 'addr', 'address', 'server', 'domain', 'user',
  'username', 'method', 'provider', 'expiration', 'ttl', 'timeout', 'version', 'size', 'format', 'policy', 'required',
  'source', 'mount', 'volume', 'keys', 'field', 'header', 'scheme', 'realm', 'issuer', 'audience', 'store', 'backend',
]);

/** `DB_PASSWORD`, `apiKey`, `client-secret`, `x-api-key` → true; `secretName`, `key`, `TokenExpirationSeconds` → false. */
export function isCredentialName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.\-]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
  if (words.length === 0) return false;
  if (NOT_A_VALUE.has(words[words.length - 1]!) && words.length > 1) return false;
  const joined = words.join('');
  if (words.some((w) => CREDENTIAL_WORDS.has(w))) return true;
  if (/password|passwd|secret|token|credential/.test(joined)) return true;
  // `key` alone is a reference (secretKeyRef's key, a toleration key); with another word it is one.
  return words.length > 1 && words.includes('key');
}

/** Values that are not themselves credentials: references, placeholders, markers, structure. */
function isPlaceholder(value: string): boolean {
  const v = value.replace(/^["']|["']$/g, '').trim();
  return (
    v === '' ||
    v === HIDDEN ||
    v.includes(REDACTED) ||
    /^<[^>]*>?/.test(v) || // <set to the key 'password' in secret 'db'>, <unset>, <none>, <nil>
    /^[{[]/.test(v) || // structure follows
    /^\$[({]/.test(v) || // $(VAR), ${VAR}
    /^(?:null|nil|none|true|false|yes|no|required|optional|\*+|-|~|\|[-+]?|>[-+]?)$/i.test(v) ||
    /^(?:Bearer|Basic|Token)$/i.test(v)
  );
}

/** Base64 (standard alphabet) whose bytes are printable text: the shape of a Secret's data value. */
export function isBase64Text(value: string, minLength = 8): boolean {
  if (value.length < minLength || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  if (/^[a-f0-9]+$/.test(value) || /^[A-Z0-9]+$/.test(value) || /^[a-z]+$/.test(value)) return false;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < 4) return false;
  let printable = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d) printable++;
  return printable === bytes.length;
}

interface Pattern {
  kind: string;
  re: RegExp;
  /** The replacement, or undefined to keep the match. */
  replace: (m: RegExpExecArray) => string | undefined;
  /** The credential itself within the match (default: all of it), remembered to mask its copies. */
  secret?: (m: RegExpExecArray) => string;
}

const PATTERNS: Pattern[] = [
  // A whole private key block (in one string: a message, an escaped JSON value).
  {
    kind: 'private-key',
    re: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----(?=(?:\\[nr]|\s)*[A-Za-z0-9+/])(?:(?!-----END)[\s\S])*(?:-----END \1PRIVATE KEY-----)?/g,
    replace: () => REDACTED,
  },
  // Also a JWT cut short (a rule may quote the first 200 characters of a line).
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?/g, replace: () => REDACTED },
  {
    kind: 'url-password',
    re: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#]*):([^\s@/?#]+)@/gi,
    replace: (m) => (isPlaceholder(m[3]!) ? undefined : `${m[1]}${m[2]}:${REDACTED}@`),
    secret: (m) => m[3]!,
  },
  {
    kind: 'bearer',
    re: /\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/-]{8,}=*)/g,
    replace: (m) => (/\d/.test(m[3]!) || m[3]!.length >= 20 ? `${m[1]}${m[2]}${REDACTED}` : undefined),
    secret: (m) => m[3]!,
  },
  { kind: 'aws-access-key', re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g, replace: () => REDACTED },
  { kind: 'github-token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/g, replace: () => REDACTED },
  { kind: 'slack-token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: () => REDACTED },
  { kind: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}\b/g, replace: () => REDACTED },
  { kind: 'stripe-key', re: /\b[sr]k_(?:live|test)_[0-9A-Za-z]{16,}\b/g, replace: () => REDACTED },
  // `"name": "DB_PASSWORD", "value": "hunter2"`: an env entry in JSON.
  {
    kind: 'env-json',
    re: /("name"\s*:\s*"([^"]+)"\s*,\s*"value"\s*:\s*")((?:[^"\\]|\\.)*)(")/g,
    replace: (m) => (isCredentialName(m[2]!) && !isPlaceholder(m[3]!) ? `${m[1]}${REDACTED}${m[4]}` : undefined),
    secret: (m) => m[3]!,
  },
];

/** `name: value` at the start of a line (after indentation or a YAML `- `): the value is the rest of the line. */
const LINE_ASSIGNMENT = /^([ \t]*(?:- )?)(["']?)([A-Za-z_][\w.-]*)\2([ \t]*:[ \t]*)(\S.*?)([ \t]*)$/;

/** `name=value`, `name: value`, `"name": "value"` inside a line: the value ends at a blank or a delimiter. */
const INLINE_ASSIGNMENT = /(^|[\s,;{(&?[])(["']?)([A-Za-z_][\w.-]*)\2([ \t]*[:=][ \t]*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s,;&"'}\])]+)/g;

function unquote(v: string): string {
  return v.trim().replace(/^(["'])(.*)\1,?$/, '$2');
}

/** `TLS_SECRET: billing-upstream-tls`: a variable naming a Secret object, not holding one. */
function namesASecret(name: string, value: string): boolean {
  return /secrets?$/i.test(name) && /^[a-z]+(?:[-.][a-z]+)+$/.test(unquote(value));
}

/** Whether `name`'s `value` is to be masked. */
function masks(name: string, value: string, secretData: boolean): boolean {
  if (isPlaceholder(value)) return false;
  if (isCredentialName(name)) return !namesASecret(name, value);
  const bare = unquote(value);
  return secretData ? /^[A-Za-z0-9+/]{4,}={0,2}$/.test(bare) && !/^\d+$/.test(bare) : isBase64Text(bare, 12);
}

function maskValue(value: string): string {
  const q = /^["']/.exec(value)?.[0] ?? '';
  const trail = /["'],?$/.test(value) && q ? value.slice(value.lastIndexOf(q)) : '';
  return `${q}${REDACTED}${trail}`;
}

interface AssignmentState {
  count: number;
  found: string[];
}

function redactAssignments(line: string, state: AssignmentState, secretData: boolean): string {
  const whole = LINE_ASSIGNMENT.exec(line);
  if (whole && !/^\/\//.test(whole[5]!) && masks(whole[3]!, whole[5]!, secretData)) {
    state.count++;
    state.found.push(unquote(whole[5]!));
    return `${whole[1]}${whole[2]}${whole[3]}${whole[2]}${whole[4]}${maskValue(whole[5]!)}${whole[6]}`;
  }
  return line.replace(INLINE_ASSIGNMENT, (all, pre: string, quote: string, name: string, sep: string, value: string) => {
    if (sep.includes(':') && /^\/\//.test(value)) return all; // a URL's scheme
    if (!masks(name, value, secretData)) return all;
    state.count++;
    state.found.push(unquote(value));
    return `${pre}${quote}${name}${quote}${sep}${maskValue(value)}`;
  });
}

function assignmentsByLine(text: string, state: AssignmentState, secretData: boolean): string {
  return text
    .split('\n')
    .map((line) => redactAssignments(line, state, secretData))
    .join('\n');
}

/** A redactor: masks credentials in text and counts what it masked. */
export class Redactor {
  count = 0;
  /** Every credential masked so far: their copies elsewhere (whole or cut short) are masked too. */
  private readonly secrets = new Set<string>();

  remember(value: string): void {
    const v = value.trim();
    if (v.length >= 6 && !isPlaceholder(v)) this.secrets.add(v);
  }

  /**
   * Masks the copies of credentials already found: a rule may repeat a quoted line in its
   * summary, cut at some length, where the credential's own shape is no longer recognisable.
   */
  known(input: string): string {
    let out = input;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) {
        const parts = out.split(secret);
        this.count += parts.length - 1;
        out = parts.join(REDACTED);
      }
      // Cut short: a prefix of at least 6 characters where the text or a word ends.
      if (secret.includes('://') || !out.includes(secret.slice(0, 6))) continue;
      for (let k = secret.length - 1; k >= 6; k--) {
        const prefix = secret.slice(0, k);
        let at = out.indexOf(prefix);
        while (at >= 0) {
          const next = out[at + k];
          if (next === undefined || /[\s)\]}"'…,;]/.test(next)) {
            out = `${out.slice(0, at)}${REDACTED}${out.slice(at + k)}`;
            this.count++;
          }
          at = out.indexOf(prefix, at + 1);
        }
      }
    }
    return out;
  }

  /** Masks the credentials of one text. `secretData`: the text comes from a file holding a Secret. */
  text(input: string, secretData = false): string {
    if (!input) return input;
    let out = input;
    for (const p of PATTERNS) {
      out = out.replace(p.re, (...args: unknown[]) => {
        const m = args.slice(0, -2) as unknown as RegExpExecArray;
        const r = p.replace(m);
        if (r === undefined) return m[0]!;
        this.count++;
        this.remember(p.secret ? p.secret(m) : m[0]!);
        return r;
      });
    }
    const state: AssignmentState = { count: 0, found: [] };
    out = assignmentsByLine(out, state, secretData);
    this.count += state.count;
    for (const v of state.found) this.remember(v);
    // A long base64 blob alone on a line (a key or certificate body without its markers).
    out = out.replace(/^([ \t]*)([A-Za-z0-9+/]{60,}={0,2})([ \t]*)$/gm, (all, a: string, blob: string, b: string) => {
      if (/^[a-f0-9]+$/i.test(blob) || !/[A-Z]/.test(blob) || !/[a-z]/.test(blob) || !/\d/.test(blob)) return all;
      this.count++;
      this.remember(blob);
      return `${a}${REDACTED}${b}`;
    });
    return out;
  }

  /**
   * Masks quoted lines. Consecutive lines of one artifact are read together, so the body of a
   * private key block quoted line by line is masked between its markers.
   */
  lines<T extends SourceRef>(refs: readonly T[], secretArtifacts: ReadonlySet<string> = new Set()): T[] {
    const sorted = [...refs].map((r, i) => ({ r, i })).sort((a, b) => a.r.artifact.localeCompare(b.r.artifact) || a.r.line - b.r.line);
    const inBlock = new Set<number>();
    let open: { artifact: string; line: number } | undefined;
    for (const { r, i } of sorted) {
      if (open && (open.artifact !== r.artifact || r.line !== open.line + 1)) open = undefined;
      if (/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/.test(r.text) && !/-----END/.test(r.text)) {
        open = { artifact: r.artifact, line: r.line };
        continue;
      }
      if (open) {
        if (/-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/.test(r.text)) {
          open = undefined;
          continue;
        }
        inBlock.add(i);
        open.line = r.line;
      }
    }
    return refs.map((r, i) => {
      if (inBlock.has(i)) {
        this.count++;
        this.remember(r.text);
        return { ...r, text: r.text.replace(/\S.*$/, REDACTED) };
      }
      return { ...r, text: this.text(r.text, secretArtifacts.has(r.artifact)) };
    });
  }
}

function isSourceRef(v: unknown): v is SourceRef {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.artifact === 'string' && typeof o.line === 'number' && typeof o.text === 'string';
}

/** An environment variable of the view: its value is masked when its name is a credential's. */
function isEnvEntry(v: unknown): v is { name: string; value: string } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return o.kind === 'env' && typeof o.name === 'string' && typeof o.value === 'string';
}

/**
 * A redacted deep copy of a view: every string in it, quoted lines read in context, environment
 * entries by their name. Returns the copy and how many values were masked.
 */
export function redactDeep<T>(view: T, secretArtifacts: ReadonlySet<string> = new Set()): { value: T; count: number } {
  const r = new Redactor();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return r.text(v);
    if (Array.isArray(v)) {
      if (v.length > 0 && v.every(isSourceRef)) {
        return r.lines(v as SourceRef[], secretArtifacts).map((ref) => walkObject(ref as unknown as Record<string, unknown>, ['text']));
      }
      return v.map(walk);
    }
    if (typeof v === 'object' && v !== null) {
      if (isEnvEntry(v) && isCredentialName(v.name) && !isPlaceholder(v.value) && !namesASecret(v.name, v.value)) {
        r.count++;
        r.remember(v.value);
        return walkObject({ ...(v as unknown as Record<string, unknown>), value: REDACTED }, ['value']);
      }
      if (isSourceRef(v)) {
        const [ref] = r.lines([v], secretArtifacts);
        return walkObject(ref as unknown as Record<string, unknown>, ['text']);
      }
      return walkObject(v as Record<string, unknown>, []);
    }
    return v;
  };
  const walkObject = (o: Record<string, unknown>, done: string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(o)) out[k] = done.includes(k) ? val : walk(val);
    return out;
  };
  const first = walk(view);
  // Second pass: copies of the credentials found anywhere in the first.
  const again = (v: unknown): unknown => {
    if (typeof v === 'string') return r.known(v);
    if (Array.isArray(v)) return v.map(again);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, again(x)]));
    return v;
  };
  const value = again(first) as T;
  return { value, count: r.count };
}
