/**
 * The library's front door: bundle in, analysis out. Each entry is opened, detected and parsed
 * as it streams past (an archive is read once, front to back); then the facts are correlated
 * and the rules run.
 */
import { posix } from 'node:path';
import { DEFAULT_LIMITS, type BundleLimits } from './bundle/limits.js';
import { openInput, type OpenOptions } from './bundle/open.js';
import { peek } from './bundle/streams.js';
import { decodeText } from './bundle/text.js';
import { BundleError, type BundleEntry } from './bundle/types.js';
import { detectArtifact, HEAD_BYTES } from './detect/detect.js';
import { correlate } from './model/correlate.js';
import type { Diagnosis, Fact, Incident, InventoryEntry } from './model/types.js';
import { parseArtifact, PARSED_KINDS } from './parse/index.js';
import { diagnose } from './rules/engine.js';

export interface AnalyzeOptions extends OpenOptions {
  limits?: Partial<BundleLimits>;
}

export interface BundleInfo {
  input: string;
  /** `directory`, `tar`, `tar.gz`, `file`, ... */
  format: string;
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
  const facts: Fact[] = [];
  const inventory: InventoryEntry[] = [];
  const bundles: BundleInfo[] = [];
  const opened = [];
  for (const input of inputs) opened.push(await openInput(input, options));
  const prefixed = inputs.length > 1;
  for (const one of opened) {
    bundles.push({ input: one.input, format: one.format });
    const prefix = prefixed ? `${one.input === '-' ? 'stdin' : posix.basename(one.input)}/` : '';
    const paths = new Set<string>();
    const firstItem = inventory.length;
    let count = 0;
    for await (const raw of one.entries) {
      const entry = prefix ? { ...raw, path: prefix + raw.path } : raw;
      if (++count > limits.maxEntries) {
        inventory.push({ path: entry.path, kind: 'unread', status: 'skipped', reason: `more than ${limits.maxEntries} entries: the rest of the bundle was not read` });
        break;
      }
      paths.add(entry.path);
      const result = await readEntry(entry, limits);
      if ((one.format === 'file' || one.format === 'gzip-file') && result.inventory.kind === 'binary') {
        throw new BundleError(one.input, 'is neither an archive podmortem can open nor text (binary data)');
      }
      facts.push(...result.facts);
      inventory.push(result.inventory);
    }
    // Symlinks are only names: say whether their target was read as an entry of its own.
    resolveSymlinks(inventory.slice(firstItem), paths);
  }
  return { facts, inventory, bundles };
}

async function readEntry(entry: BundleEntry, limits: BundleLimits): Promise<{ facts: Fact[]; inventory: InventoryEntry }> {
  if (entry.type === 'symlink') {
    return { facts: [], inventory: { path: entry.path, kind: 'symlink', status: 'skipped', reason: `symlink to ${entry.linkTarget ?? '?'}` } };
  }
  let head: Buffer;
  let stream: AsyncIterable<Buffer>;
  try {
    ({ head, stream } = await peek(entry.read(), HEAD_BYTES));
  } catch (err) {
    return { facts: [], inventory: { path: entry.path, kind: 'unreadable', status: 'error', reason: `cannot be read: ${(err as Error).message}` } };
  }
  const detection = detectArtifact({
    path: entry.path,
    type: entry.type,
    head,
    headText: decodeText(head.subarray(0, HEAD_BYTES)),
    ...(entry.size !== undefined ? { size: entry.size } : {}),
  });
  const item: InventoryEntry = { path: entry.path, kind: detection.kind, status: 'skipped' };
  const { namespace, pod, container } = detection.hints;
  if (!PARSED_KINDS.has(detection.kind)) {
    item.reason = skipReason(detection.kind, detection.reason);
    return { facts: [], inventory: item };
  }
  if (namespace) item.namespace = namespace;
  if (pod) item.pod = pod;
  if (container) item.container = container;
  try {
    const result = await parseArtifact(entry.path, detection, stream, limits.maxWholeFileBytes);
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
      return 'text that is neither kubectl output nor a container log';
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
    const item = byPath.get(p.log.artifact);
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
