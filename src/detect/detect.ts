import { sniffFormat } from '../bundle/sniff.js';
import { looksBinary } from '../bundle/text.js';
import { recognise } from '../parse/registry.js';
import { commandAbove, type KubectlCommand } from './command-line.js';
import { DESCRIBE_PIECE_KINDS, type ArtifactKind, type Detection, type PathHints } from './kinds.js';
import { pathHints } from './path-hints.js';

/** How many bytes of a file detection looks at. */
export const HEAD_BYTES = 16 * 1024;

export interface DetectInput {
  path: string;
  type: 'file' | 'symlink' | 'other';
  /** The first `HEAD_BYTES` bytes. */
  head: Uint8Array;
  /** The head decoded as text. */
  headText: string;
  size?: number;
  /**
   * The kubectl command pasted above this output, when segmentation found it; without it the
   * first lines of the text are searched for one.
   */
  command?: KubectlCommand;
}

function detected(kind: ArtifactKind, hints: PathHints, reason: string): Detection {
  return { kind, hints, reason };
}

/**
 * Recognises an entry by its content first, its path second. Returns the kind and whatever
 * the path says about namespace, pod, container and previous/current.
 */
export function detectArtifact(input: DetectInput): Detection {
  let found = detectByContent(input, pathHints(input.path));
  // What `kubectl logs` printed is a container's log whatever its lines look like (an app that
  // logs klog lines, a log that quotes events, a quiet log with no failure word).
  if (input.command?.verb === 'logs' && LOG_OVERRIDES.has(found.kind)) found = detected('container-log', found.hints, 'printed by kubectl logs');
  if (input.command?.verb === 'describe' && DESCRIBE_PIECE_KINDS.has(found.kind) && !found.hints.pod) {
    // A describe pasted in parts under `kubectl describe pod NAME`: the parts are that pod's.
    const hints: PathHints = { ...found.hints, pod: input.command.pod };
    if (input.command.namespace && !hints.namespace) hints.namespace = input.command.namespace;
    return { ...found, hints };
  }
  if (found.kind !== 'container-log' || found.hints.pod) return found;
  // A log pasted under the command that printed it: `kubectl logs web-0 -c app --previous`,
  // and kubectl's own notice of which container it chose.
  const head = input.headText.split('\n', 5);
  const command = input.command?.verb === 'logs' ? input.command : commandAbove(head, 'logs');
  const defaulted = head.map((l) => /^Defaulted container "([^"]+)" out of: /.exec(l)?.[1]).find(Boolean);
  if (!command && !defaulted) return found;
  const hints: PathHints = { ...found.hints };
  if (command) {
    hints.pod = command.pod;
    if (command.namespace && !hints.namespace) hints.namespace = command.namespace;
    if (command.container && !hints.container) hints.container = command.container;
    if (command.previous !== undefined && hints.previous === undefined) hints.previous = command.previous;
  }
  if (defaulted && !hints.container) hints.container = defaulted;
  return { ...found, hints };
}

/** Kinds that content alone suggests but a `kubectl logs` command line above the output overrules. */
const LOG_OVERRIDES = new Set<ArtifactKind>(['text-other', 'json-other', 'kubelet-log', 'events-fragment']);

function detectByContent(input: DetectInput, hints: PathHints): Detection {
  if (input.type === 'symlink') return detected('symlink', hints, 'symbolic link');
  if (input.type === 'other') return detected('binary', hints, 'not a regular file');
  if (input.head.length === 0) return detected('empty', hints, 'empty file');

  const format = sniffFormat(input.head);
  if (format !== 'plain') return detected('archive', hints, `${format} data`);
  if (looksBinary(input.head)) return detected('binary', hints, 'binary data');

  // Text: the most confident of the parsers' recognisers.
  const best = recognise({ text: input.headText, hints });
  if (best) return detected(best.kind, hints, best.reason);
  return detected('text-other', hints, 'text that is neither kubectl output nor a container log');
}
