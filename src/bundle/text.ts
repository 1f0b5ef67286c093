import { TextDecoder } from 'node:util';
/**
 * Turning bytes into text lines: UTF-8 (with or without BOM), UTF-16 with a BOM, and Latin-1
 * for bytes that are not valid UTF-8. Line ends `\n` and `\r\n`; NUL bytes are dropped.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export function sniffEncoding(head: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

/** Longest line kept whole; longer runs without a newline are cut into pieces of this size. */
export const MAX_LINE_BYTES = 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Decodes one line's bytes: UTF-8 when valid, else Latin-1 (windows-1252). */
function decodeLineBytes(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

function clean(line: string): string {
  let s = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (s.includes('\0')) s = s.replace(/\0/g, '');
  return s;
}

/** Decodes a whole buffer to text (same rules as `readLines`). */
export function decodeText(buf: Uint8Array): string {
  const { encoding, bom } = sniffEncoding(buf);
  const body = buf.subarray(bom);
  if (encoding !== 'utf-8') return new TextDecoder(encoding).decode(body).replace(/\0/g, '');
  try {
    return strictUtf8.decode(body).replace(/\0/g, '');
  } catch {
    // Mixed or legacy bytes: decode line by line so one bad byte does not spoil the rest.
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i <= body.length; i++) {
      if (i === body.length || body[i] === 0x0a) {
        lines.push(decodeLineBytes(body.subarray(start, i)));
        start = i + 1;
      }
    }
    return lines.join('\n').replace(/\0/g, '');
  }
}

/**
 * A copy of a string that shares no memory with the string it was cut from. V8 keeps a whole
 * file (or a whole 1 MiB block of a log) alive for as long as any slice of it lives; facts that
 * outlive their file must hold copies.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

/** Splits decoded text into lines without their line ends; each line is its own string. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => detach(clean(l)));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** True when the bytes look like binary data rather than text. */
export function looksBinary(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  const { encoding } = sniffEncoding(head);
  if (encoding !== 'utf-8') return false;
  let control = 0;
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = head[i]!;
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) control++;
  }
  return control / n > 0.1;
}

/**
 * Streams the lines of a byte stream with their 1-based numbers. Memory holds one line at a
 * time (plus one chunk), whatever the stream's size.
 */
export async function* readLines(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let first = true;
  let utf16: TextDecoder | undefined;
  let pending = '';
  let carry: Buffer | undefined;
  for await (let chunk of source) {
    if (first) {
      first = false;
      const { encoding, bom } = sniffEncoding(chunk);
      chunk = chunk.subarray(bom);
      if (encoding !== 'utf-8') utf16 = new TextDecoder(encoding);
    }
    if (utf16) {
      pending += utf16.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        yield clean(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
      continue;
    }
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    let nl: number;
    while ((nl = buf.indexOf(0x0a, start)) >= 0) {
      yield clean(decodeLineBytes(buf.subarray(start, nl)));
      start = nl + 1;
    }
    carry = start < buf.length ? Buffer.from(buf.subarray(start)) : undefined;
    if (carry && carry.length > MAX_LINE_BYTES) {
      // A "line" this long is not a log line; hand it on in pieces so memory stays bounded.
      yield clean(decodeLineBytes(carry));
      carry = undefined;
    }
  }
  if (utf16) {
    pending += utf16.decode();
    if (pending.length > 0) yield clean(pending);
  } else if (carry && carry.length > 0) {
    yield clean(decodeLineBytes(carry));
  }
}

/** A line drawn inside a terminal UI's box (k9s, the Lens terminal): `│ text │`. */
const FRAMED = /^\s*[│┃║]\s?(.*?)\s*[│┃║]?\s*$/;

/**
 * The text of a terminal UI's box copied with its borders (k9s's describe and log views): each
 * line without its frame, at the same line number; undefined when most lines are not framed.
 */
export function unframe(lines: string[]): string[] | undefined {
  const filled = lines.filter((l) => l.trim() !== '');
  const framed = filled.filter((l) => /^\s*[│┃║]/.test(l));
  if (filled.length === 0 || framed.length < Math.max(1, filled.length * 0.6)) return undefined;
  return lines.map((l) => {
    const m = /^\s*[│┃║]/.test(l) ? FRAMED.exec(l) : null;
    return m ? m[1]!.trimEnd() : l;
  });
}
