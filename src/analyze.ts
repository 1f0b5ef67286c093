/**
 * The library's front door: bundle in, analysis out. Each entry is opened, detected and parsed
 * as it streams past (an archive is read once, front to back); then the facts are correlated
 * and the rules run.
 */
import { posix } from 'node:path';
import { DEFAULT_LIMITS, type BundleLimits } from './bundle/limits.js';
import { openInput, type OpenOptions } from './bundle/open.js';
import { openArchiveStream, type OpenedStream } from './bundle/archive.js';
import { isArchive, sniffFormat } from './bundle/sniff.js';
import { peek } from './bundle/streams.js';
import { decodeText, unframe, splitLines } from './bundle/text.js';
import { BundleError, type BundleEntry } from './bundle/types.js';
import { detectArtifact, HEAD_BYTES } from './detect/detect.js';
import { fieldDocument } from './detect/field-answer.js';
import { segmentText, type Segment } from './detect/segment.js';
import type { Detection } from './detect/kinds.js';
import { detectLayouts, type LayoutMatch } from './detect/layout.js';
import { correlate } from './model/correlate.js';
import type { Diagnosis, Fact, Incident, InventoryEntry } from './model/types.js';
import { parseArtifact, PARSED_KINDS } from './parse/index.js';
import { diagnose } from './rules/engine.js';

export interface AnalyzeOptions extends OpenOptions {
  limits?: Partial<BundleLimits>;
}

export interface BundleInfo {
  input: string;
  /** `directory`, `tar`, `tar.gz`, `tar.xz`, `zip`, `file`, ... */
  format: string;
  /** The layouts recognised in it, each with its root folder. */
  layouts: LayoutMatch[];
}

export interface Analysis {
  bundles: BundleInfo[];
  incident: Incident;
  diagnoses: Diagnosis[];
  inventory: InventoryEntry[];
}

interface ReadResult {
  facts: Fact[];
  inventory: InventoryEntry[];
  bundles: BundleInfo[];
}

/** Reads every entry of every input: detection and parsing, one entry at a time. */
export async function readBundle(inputs: string[], options: AnalyzeOptions = {}): Promise<ReadResult> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const out: ReadResult = { facts: [], inventory: [], bundles: [] };
  const opened = [];
  for (const input of inputs) opened.push(await openInput(input, options));
  const prefixed = inputs.length > 1;
  const budget: ReadBudget = { entries: 0, bytes: 0, limits };
  for (const one of opened) {
    const info: BundleInfo = { input: one.input, format: one.format, layouts: [] };
    out.bundles.push(info);
    const prefix = prefixed ? `${one.input === '-' ? 'stdin' : posix.basename(one.input)}/` : '';
    const firstItem = out.inventory.length;
    const paths = new Set<string>();
    await readEntries(one.entries, prefix, 0, budget, out, paths);
    if ((one.format === 'file' || one.format === 'gzip-file') && out.inventory[firstItem]?.kind === 'binary') {
      throw new BundleError(one.input, 'is neither an archive podmortem can open nor text (binary data)');
    }
    // Symlinks are only names: say whether their target was read as an entry of its own.
    resolveSymlinks(out.inventory.slice(firstItem), paths);
    info.layouts = detectLayouts(out.inventory.slice(firstItem));
  }
  return out;
}

/** Archives inside archives are opened up to this depth. */
const MAX_NESTING = 3;

interface ReadBudget {
  entries: number;
  bytes: number;
  limits: BundleLimits;
}

/**
 * Reads a stream of entries one at a time. An entry that is itself an archive (by its bytes)
 * is opened in place, its entries named `<archive path>/<entry path>`; a compressed single file
 * (a rotated `.log.gz`) is read decompressed.
 */
async function readEntries(
  entries: AsyncIterable<BundleEntry>,
  prefix: string,
  depth: number,
  budget: ReadBudget,
  out: ReadResult,
  paths: Set<string>,
): Promise<void> {
  for await (const raw of entries) {
    const entry = prefix ? { ...raw, path: prefix + raw.path } : raw;
    if (++budget.entries > budget.limits.maxEntries) {
      out.inventory.push({ path: entry.path, kind: 'unread', status: 'skipped', reason: `more than ${budget.limits.maxEntries} entries: the rest of the bundle was not read` });
      return;
    }
    paths.add(entry.path);
    if (entry.type === 'symlink') {
      out.inventory.push({ path: entry.path, kind: 'symlink', status: 'skipped', reason: `symlink to ${entry.linkTarget ?? '?'}` });
      continue;
    }
    let head: Buffer;
    let stream: AsyncIterable<Buffer>;
    try {
      ({ head, stream } = await peek(counted(entry.read(), budget, entry.path), HEAD_BYTES));
    } catch (err) {
      if (err instanceof BundleError) throw err;
      out.inventory.push({ path: entry.path, kind: 'unreadable', status: 'error', reason: `cannot be read: ${(err as Error).message}` });
      continue;
    }
    if (entry.type === 'file' && isArchive(sniffFormat(head))) {
      if (depth >= MAX_NESTING) {
        out.inventory.push({ path: entry.path, kind: 'archive', status: 'skipped', reason: `archive nested more than ${MAX_NESTING} deep: not opened` });
        continue;
      }
      let opened: OpenedStream;
      try {
        opened = await openArchiveStream(stream, entry.input);
      } catch (err) {
        out.inventory.push({ path: entry.path, kind: 'archive', status: 'error', reason: `cannot be opened: ${(err as Error).message}` });
        continue;
      }
      if (opened.kind === 'archive') {
        const item: InventoryEntry = { path: entry.path, kind: 'archive', status: 'parsed', reason: `${opened.format} archive, read in place` };
        out.inventory.push(item);
        const before = out.inventory.length;
        try {
          await readEntries(opened.entries, `${entry.path}/`, depth + 1, budget, out, paths);
          item.reason = `${opened.format} archive, read in place: ${out.inventory.length - before} entries`;
        } catch (err) {
          if (err instanceof BundleError) throw err;
          item.status = 'error';
          item.reason = `${opened.format} archive damaged after ${out.inventory.length - before} entries: ${(err as Error).message}`;
        }
        continue;
      }
      if (opened.kind === 'file') {
        // A compressed single file: read what it holds, under its name without the suffix.
        const inner = await peek(opened.stream, HEAD_BYTES);
        const result = await readEntry({ ...entry, path: entry.path }, inner.head, inner.stream, budget.limits);
        result.inventory.reason = [`${opened.compressed}-compressed`, result.inventory.reason].filter(Boolean).join('; ');
        out.facts.push(...result.facts);
        out.inventory.push(result.inventory);
        continue;
      }
    }
    const result = await readEntry(entry, head, stream, budget.limits);
    out.facts.push(...result.facts);
    out.inventory.push(result.inventory);
  }
}

/** Counts the bytes streamed out of the bundle; past the limit the whole read stops. */
async function* counted(source: AsyncIterable<Buffer>, budget: ReadBudget, path: string): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    budget.bytes += chunk.length;
    if (budget.bytes > budget.limits.maxTotalBytes) {
      throw new BundleError(path, `the bundle expands to more than ${budget.limits.maxTotalBytes} bytes (a decompression bomb?); stopped reading`);
    }
    yield chunk;
  }
}

/** Text files up to this size are split into the outputs they hold (a pasted terminal session). */
const SEGMENT_MAX_BYTES = 4 * 1024 * 1024;

interface EntryResult {
  facts: Fact[];
  inventory: InventoryEntry;
}

/**
 * Reads one entry. A text file that holds several outputs (a terminal session: prompts, command
 * lines, a table, a log, a describe) is read as those outputs, each detected and parsed on its
 * own with the file's line numbers; any other entry is one artifact.
 */
async function readEntry(entry: BundleEntry, head: Buffer, stream: AsyncIterable<Buffer>, limits: BundleLimits): Promise<EntryResult> {
  const headText = decodeText(head.subarray(0, HEAD_BYTES));
  const detection = detectArtifact({
    path: entry.path,
    type: entry.type,
    head,
    headText,
    ...(entry.size !== undefined ? { size: entry.size } : {}),
  });
  if (!segmentable(detection, entry, head)) return readArtifact(entry.path, detection, stream, limits);
  // The head decides whether the file is a session; a file that is one only further down is not
  // read whole for it.
  const whole = head.length < HEAD_BYTES;
  const headLines = splitLines(headText);
  if (!whole && !unframe(headLines) && segmentText(headLines).length < 2) return readArtifact(entry.path, detection, stream, limits);
  let bytes = head;
  if (!whole) {
    // Read up to the limit; a larger file is one artifact, read on from the bytes already taken.
    const iterator = stream[Symbol.asyncIterator]();
    const chunks: Buffer[] = [];
    let size = 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      chunks.push(next.value);
      size += next.value.length;
      if (size > SEGMENT_MAX_BYTES) return readArtifact(entry.path, detection, replay(...chunks, { [Symbol.asyncIterator]: () => iterator }), limits);
    }
    bytes = Buffer.concat(chunks);
  }
  const text = decodeText(bytes);
  // A terminal UI's box copied with its borders is read without them, line for line.
  const framed = unframe(splitLines(text));
  if (framed) return readSession(entry, framed, segmentText(framed), limits);
  const lines = splitLines(text);
  const segments = segmentText(lines);
  if (segments.length < 2 && !segments[0]?.about) return readArtifact(entry.path, detection, replay(bytes), limits);
  return readSession(entry, lines, segments, limits);
}

/** Text that can hold several outputs: not a collected container log, not binary, not huge. */
function segmentable(detection: Detection, entry: BundleEntry, head: Buffer): boolean {
  if (entry.type !== 'file' || ['archive', 'binary', 'symlink', 'empty', 'cluster-dump-stream', 'cluster-dump-logs'].includes(detection.kind)) return false;
  // A log the bundle's layout filed under its pod is that container's output, whatever it prints.
  if (detection.hints.looksLikeLog && detection.hints.pod) return false;
  return (entry.size ?? head.length) <= SEGMENT_MAX_BYTES;
}

async function* replay(...parts: (Buffer | AsyncIterable<Buffer>)[]): AsyncGenerator<Buffer> {
  for (const p of parts) {
    if (Buffer.isBuffer(p)) yield p;
    else yield* p;
  }
}

/** The outputs of one pasted session, each read as an artifact of its own. */
async function readSession(entry: BundleEntry, lines: string[], segments: Segment[], limits: BundleLimits): Promise<EntryResult> {
  const facts: Fact[] = [];
  const parts: InventoryEntry[] = [];
  for (const seg of segments) {
    let text = lines.slice(seg.start, seg.end).join('\n');
    const command = seg.about?.kubectl;
    let detection = detectArtifact({
      path: entry.path,
      type: 'file',
      head: Buffer.from(text.slice(0, HEAD_BYTES)),
      headText: text.slice(0, HEAD_BYTES),
      ...(command ? { command } : {}),
    });
    // A query's answer (`-o jsonpath='{.status.initContainerStatuses}'`) is read as that field of the pod.
    const field = seg.about?.path ? fieldDocument(seg.about.path, seg.about.pod, text) : undefined;
    if (field) {
      text = field.text;
      detection = { kind: 'manifest-json', hints: detection.hints, reason: field.reason };
    }
    if (seg.about?.namespace && !detection.hints.namespace) detection.hints.namespace = seg.about.namespace;
    if (seg.end <= seg.start) {
      // A command that printed nothing: cited by its own line.
      const at = seg.command ? seg.command.line + 1 : seg.start;
      parts.push({ path: entry.path, kind: 'empty', status: 'skipped', reason: `line ${at}: no output under ${seg.command?.text.trim() ?? 'the command'}`, lines: [at, at] });
      continue;
    }
    const result = await readArtifact(entry.path, detection, replay(Buffer.from(text + '\n')), limits, seg.start + 1);
    for (const f of result.facts) if (f.type === 'log') f.lines = [seg.start + 1, seg.end];
    facts.push(...result.facts);
    parts.push({ ...result.inventory, lines: [seg.start + 1, seg.end], ...(seg.command ? { command: seg.command.text.trim() } : {}) });
  }
  const used = parts.filter((p) => p.status !== 'skipped');
  const status = used.length === 0 ? 'skipped' : used.every((p) => p.status === 'error') ? 'error' : used.some((p) => p.status !== 'parsed') ? 'partial' : 'parsed';
  const inventory: InventoryEntry = {
    path: entry.path,
    kind: 'session',
    status,
    reason: `${parts.length} outputs: ${parts.map((p) => `lines ${p.lines![0]}-${p.lines![1]} ${p.kind}`).join(', ')}`,
    segments: parts,
  };
  return { facts, inventory };
}

async function readArtifact(path: string, detection: Detection, stream: AsyncIterable<Buffer>, limits: BundleLimits, firstLine = 1): Promise<EntryResult> {
  const item: InventoryEntry = { path, kind: detection.kind, status: 'skipped' };
  const { namespace, pod, container } = detection.hints;
  if (!PARSED_KINDS.has(detection.kind)) {
    item.reason = skipReason(detection.kind, detection.reason);
    return { facts: [], inventory: item };
  }
  if (namespace) item.namespace = namespace;
  if (pod) item.pod = pod;
  if (container) item.container = container;
  try {
    const result = await parseArtifact(path, detection, stream, limits.maxWholeFileBytes, firstLine);
    if (detection.kind === 'text-other' && result.facts.length === 0) {
      // Prose, a script, notes: the signal scan found nothing that fails in it.
      item.reason = `${skipReason(detection.kind, detection.reason)}; no failure signal in it`;
      return { facts: [], inventory: item };
    }
    if (result.kind) item.kind = result.kind;
    if (result.issues.length > 0) item.issues = result.issues;
    const fatal = result.issues.find((i) => i.fatal);
    if ((result.facts.length === 0 && result.issues.length > 0) || fatal) {
      item.status = 'error';
      const first = fatal ?? result.issues[0]!;
      item.reason = `line ${first.line}: ${first.message}${result.facts.length > 0 ? ' (what was read before it is still used)' : ''}`;
      describeFacts(item, result.facts);
    } else {
      item.status = result.issues.length > 0 ? 'partial' : 'parsed';
      if (result.issues.length > 0) item.reason = `${result.issues.length} problem(s), first at line ${result.issues[0]!.line}: ${result.issues[0]!.message}`;
      describeFacts(item, result.facts);
    }
    return { facts: result.facts, inventory: item };
  } catch (err) {
    if (err instanceof BundleError) throw err;
    item.status = 'error';
    item.reason = (err as Error).message;
    return { facts: [], inventory: item };
  }
}

function skipReason(kind: string, detected: string): string {
  switch (kind) {
    case 'symlink':
      return 'symlink';
    case 'empty':
      return 'empty file';
    case 'binary':
      return `not text (${detected})`;
    case 'archive':
      return `nested archive (${detected}): not opened`;
    case 'json-other':
      return 'JSON that holds no Kubernetes object podmortem uses';
    case 'kubectl-message':
    case 'get-table':
      return detected;
    case 'text-other':
      return 'text that is neither kubectl output nor a container log (signal scan)';
    default:
      return `${detected}: not used for the analysis yet`;
  }
}

/** Fills an inventory line's pod/container from what the artifact turned out to hold. */
function describeFacts(item: InventoryEntry, facts: Fact[]): void {
  const pods = facts.filter((f) => f.type === 'pod');
  if (pods.length === 1 && pods[0]!.type === 'pod') {
    item.pod = pods[0]!.name;
    if (pods[0]!.namespace) item.namespace = pods[0]!.namespace;
  } else if (pods.length > 1) item.reason = `${pods.length} pods`;
  const log = facts.length === 1 && facts[0]!.type === 'log' ? facts[0] : undefined;
  if (log?.notCaptured) item.reason = `log not captured: ${log.notCaptured}`;
}

function resolveSymlinks(inventory: InventoryEntry[], paths: Set<string>): void {
  for (const item of inventory) {
    if (item.kind !== 'symlink') continue;
    const target = item.reason?.replace(/^symlink to /, '') ?? '';
    const resolved = posix.normalize(posix.join(posix.dirname(item.path), target));
    if (target.startsWith('/') || resolved.startsWith('..')) item.reason = `symlink to ${target}: points outside the bundle, not followed`;
    else if (paths.has(resolved)) item.reason = `symlink to ${resolved}, which is read on its own`;
    else item.reason = `symlink to ${target}: the target is not in the bundle`;
  }
}

/** Analyses one or more bundles: the incident model, the diagnoses and the inventory. */
export async function analyze(inputs: string | string[], options: AnalyzeOptions = {}): Promise<Analysis> {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  const { facts, inventory, bundles } = await readBundle(list, options);
  const { incident, placements } = correlate(facts);
  // Logs: the inventory says which pod and container each one was given to, or why none.
  const byPath = new Map(inventory.map((i) => [i.path, i]));
  for (const p of placements) {
    const file = byPath.get(p.log.artifact);
    const lines = p.log.lines;
    const item = lines ? (file?.segments?.find((s) => s.lines?.[0] === lines[0]) ?? file) : file;
    if (!item) continue;
    if (p.pod) {
      item.namespace = p.pod.namespace;
      item.pod = p.pod.name;
    }
    if (p.container) item.container = p.container.name;
    if (p.reason && !item.reason) item.reason = `not attached: ${p.reason}`;
  }
  const diagnoses = diagnose(incident);
  return { bundles, incident, diagnoses, inventory };
}
