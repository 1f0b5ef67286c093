import { decodeText } from '../../src/bundle/text.js';
import { detectArtifact, HEAD_BYTES } from '../../src/detect/detect.js';
import type { Detection } from '../../src/detect/kinds.js';
import { parseArtifact, type ParseResult } from '../../src/parse/index.js';

/** Runs the real detect and parse stages on one text, as if it were a bundle entry at `path`. */
export async function detectAndParse(path: string, text: string | Buffer): Promise<{ detection: Detection } & ParseResult> {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  const head = buf.subarray(0, HEAD_BYTES);
  const detection = detectArtifact({ path, type: 'file', head, headText: decodeText(head) });
  async function* stream() {
    // Hand the bytes over in small chunks, as a file or tar stream would.
    for (let i = 0; i < buf.length; i += 4096) yield buf.subarray(i, i + 4096);
  }
  const result = await parseArtifact(path, detection, stream(), 1 << 30);
  return { detection, ...result };
}
