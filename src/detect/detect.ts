import { sniffFormat } from '../bundle/sniff.js';
import { OLD_SPACED_ROW } from '../parse/describe-events.js';
import { E2E_EVENT, OLD_DESCRIBE_ROW } from '../parse/fragment.js';
import { commandAbove, isKubectlCommandLine, type KubectlCommand } from './command-line.js';
import { reasonOfMessage } from '../knowledge/events.js';
import { logMessage, matchSignature } from '../parse/container-log.js';
import { looksLikeKubeletLog } from '../parse/kubelet-log.js';
import { BARE_POD_ROW } from '../parse/pods-table.js';
import { lookupReason } from '../knowledge/reasons.js';
import { looksBinary } from '../bundle/text.js';
import type { ArtifactKind, Detection, PathHints } from './kinds.js';
import { pathHints } from './path-hints.js';
import {
  CLUSTER_DUMP_LOG_MARKER,
  DESCRIBE_SIGNATURES,
  DESCRIBE_FLAT,
  DESCRIBE_FRAGMENT,
  DESCRIBE_START,
  EVENTS_FRAGMENT,
  GET_TABLE_HEADER,
  KUBECTL_MESSAGE,
  LOG_ERROR_TEXT,
  LOG_LIKE_LINE,
  TABLE_SIGNATURES,
  type ContentSignature,
} from './signatures.js';

/** A YAML object: `apiVersion:` or `kind:` at column 0 (after an optional `---`). */
const YAML_OBJECT_START = /^(?:- )?(?:apiVersion|kind):[ \t]*\S/m;
const YAML_KIND = /^(?:- )?kind:[ \t]*\S|^\s+kind:[ \t]*\S/m;

/**
 * Container fields whose nesting was lost in the paste: a `State:`/`Last State:` line followed by
 * its `Reason:`/`Exit Code:` at the same indentation or less.
 */
function lostNesting(text: string): boolean {
  const lines = text.split('\n');
  return lines.some((l, i) => {
    const state = /^([ \t]*)(?:State|Last State):[ \t]+(?:Waiting|Running|Terminated)\b/.exec(l);
    if (!state) return false;
    const next = lines.slice(i + 1, i + 4).find((n) => n.trim() !== '');
    const field = next && /^([ \t]*)(?:Reason|Exit Code|Started|Message):/.exec(next);
    return !!field && field[1]!.replace(/\t/g, '  ').length <= state[1]!.replace(/\t/g, '  ').length;
  });
}

/**
 * Structured loggers (zap, logrus, pino, bunyan, slog, serilog...) write one JSON object per
 * line: the first line is a whole object and names a level, a message or a time.
 */
function jsonLogLines(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0]!.trim();
  if (!first.startsWith('{') || !first.endsWith('}')) return false;
  return /"(?:level|lvl|severity|msg|message|ts|time|timestamp|@timestamp|log)"\s*:/.test(first);
}

function isDescribeFragment(text: string): boolean {
  return DESCRIBE_FRAGMENT.filter((re) => re.test(text)).length >= 2 || (DESCRIBE_FRAGMENT[0]!.test(text) && /^[ \t]+Reason:/m.test(text));
}

/** A Pod object pasted without its head: top-level `status:` or `spec:`. */
const YAML_POD_FRAGMENT = /^(?:status|spec):[ \t]*$/m;

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

const matches = (sig: ContentSignature, text: string) =>
  sig.all.every((re) => re.test(text)) && !(sig.none ?? []).some((re) => re.test(text));

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
  if (input.command?.verb === 'describe' && (found.kind === 'describe-fragment' || found.kind === 'describe-flat' || found.kind === 'events-fragment') && !found.hints.pod) {
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

  const text = input.headText;
  const trimmed = text.trimStart();

  const describeStart = DESCRIBE_START.exec(text);
  if (describeStart) {
    // Pasted (or very old) output may be indented as a whole: read it from its own margin.
    const margin = describeStart[1]!;
    const body = margin ? text.split('\n').map((l) => (l.startsWith(margin) ? l.slice(margin.length) : l)).join('\n') : text;
    for (const sig of DESCRIBE_SIGNATURES) if (matches(sig, body)) return detected(sig.kind, hints, sig.reason);
    if (isDescribeFragment(text)) return detected('describe-fragment', hints, 'part of a kubectl describe pod (container fields)');
    if (/^Namespace:/m.test(body) || /^Labels:/m.test(body)) {
      return detected('describe-other', hints, 'kubectl describe text of another kind');
    }
  }
  for (const sig of TABLE_SIGNATURES) if (matches(sig, text)) return detected(sig.kind, hints, sig.reason);
  const lines = text.split('\n').filter((l) => l.trim());
  // Rows may sit under the command that printed them (`$ kubectl get pods | grep api`).
  const rows = lines.filter((l) => !isKubectlCommandLine(l));
  if (rows.length > 0 && lines.length <= 2000 && rows.every((l) => BARE_POD_ROW.test(l.trim()))) {
    return detected('get-pods-table', hints, 'kubectl get pods rows without a header (--no-headers)');
  }

  if (YAML_OBJECT_START.test(text) && YAML_KIND.test(text)) {
    return detected('manifest-yaml', hints, 'YAML with apiVersion and kind');
  }
  if (YAML_POD_FRAGMENT.test(text) && /^[ \t]+(?:phase|containerStatuses|containers|initContainers|restartCount):/m.test(text)) {
    return detected('manifest-yaml', hints, 'part of a Pod object in YAML (no apiVersion/kind)');
  }
  if (/^"(?:initContainerStatuses|containerStatuses|lastState|state|status)"\s*:/.test(trimmed)) {
    return detected('manifest-json', hints, 'part of a Pod object in JSON (members pasted without their braces)');
  }
  const firstKey = trimmed.split('\n', 1)[0] ?? '';
  if (/^(?:initC|c)ontainerStatuses:[ \t]*$/.test(firstKey) || (/^(?:lastState|state):[ \t]*$/.test(firstKey) && /^[ \t]+(?:terminated|waiting|running):/m.test(text))) {
    return detected('manifest-yaml', hints, 'the containerStatuses of a Pod in YAML');
  }
  // `[ ... ]`, `[2024-01-01 ...]` and dmesg's `[ 1234.5678]` open no JSON: a JSON text starts with
  // `{"`, `[{`, `["`, or a bracket alone.
  const startsJson = /^(?:\{\s*(?:"|\}|$)|\[\s*(?:[{["\]]|true|false|null|$))/m.test(trimmed.split('\n', 1)[0]!);
  if (startsJson && CLUSTER_DUMP_LOG_MARKER.test(text)) {
    return detected('cluster-dump-stream', hints, 'kubectl cluster-info dump printed to one stream (JSON lists and log sections)');
  }
  if (startsJson && /"apiVersion"\s*:/.test(text) && /"kind"\s*:/.test(text)) {
    return detected('manifest-json', hints, 'JSON with apiVersion and kind');
  }
  if (CLUSTER_DUMP_LOG_MARKER.test(text)) {
    return detected('cluster-dump-logs', hints, 'kubectl cluster-info dump log sections');
  }
  if (startsJson && /"(?:secretExists|configMapExists)"\s*:/.test(text)) {
    return detected('existence-check', hints, 'a support bundle check of whether a Secret or ConfigMap exists');
  }
  if (startsJson && jsonLogLines(text)) return detected('container-log', hints, 'JSON log lines (one object per line)');
  if (startsJson && !hints.looksLikeLog) return detected('json-other', hints, 'JSON without a Kubernetes object');
  if (!hints.pod && looksLikeKubeletLog(text)) return detected('kubelet-log', hints, "the kubelet's own log (klog lines of its sources)");
  // A pod's own status lines pasted alone: the reason that ended the pod (Evicted, NodeLost, ...).
  if (/^\s{0,2}Reason:\s+[A-Z]\w+\s*$/m.test(text) && /^\s{0,2}(?:Status|Message):\s+\S/m.test(text) && !/^\s*(?:State|Last State):/m.test(text)) {
    return detected('pod-status-fragment', hints, "a pod's status lines (Status, Reason, Message) pasted on their own");
  }
  if (DESCRIBE_FLAT.every((re) => re.test(text)) || lostNesting(text)) return detected('describe-flat', hints, 'kubectl describe pod text that lost its indentation');
  if (isDescribeFragment(text)) return detected('describe-fragment', hints, 'part of a kubectl describe pod (container fields)');
  // An e2e test log is named like a log but is not a container's: its events are what it holds.
  // The parser's own row shapes: kubectl 1.x describe rows (tabs or blanks), the e2e dump.
  const head = text.split('\n', 200);
  const oldRows = head.some((l) => OLD_DESCRIBE_ROW.test(l) || OLD_SPACED_ROW.test(l));
  if (((EVENTS_FRAGMENT.some((re) => re.test(text)) || oldRows) && !hints.looksLikeLog) || head.some((l) => E2E_EVENT.test(l))) {
    return detected('events-fragment', hints, 'events pasted without their table or pod');
  }
  const shortText = text.split('\n').filter((l) => l.trim()).length <= 4;
  if (LOG_ERROR_TEXT.test(text) && shortText && (hints.looksLikeLog || /previous terminated container|is waiting to start|unable to retrieve container logs/.test(text))) {
    return detected('log-error', hints, 'kubectl logs error text instead of a log');
  }
  // kubectl that printed nothing says why on its first line; a log with an `error:` line further
  // down is still a log.
  const firstLine = text.split('\n').find((l) => l.trim()) ?? '';
  if (shortText && KUBECTL_MESSAGE.test(firstLine)) {
    return detected('kubectl-message', hints, `kubectl printed no output: ${firstLine.trim().slice(0, 160)}`);
  }
  if (GET_TABLE_HEADER.test(text)) {
    const header = GET_TABLE_HEADER.exec(text)![0].trim().split(/\s{2,}/).slice(0, 4).join(' ');
    return detected('get-table', hints, `a kubectl get table of other objects (${header} ...)`);
  }
  const reasonPair = (l: string) => {
    const m = /^([A-Z][A-Za-z]+)\s{2,}\S/.exec(l.trim());
    return m !== null && lookupReason(m[1]!)?.kind === 'event';
  };
  if (!hints.looksLikeLog && text.split('\n').slice(0, 40).some((l) => reasonOfMessage(l.trim()) !== undefined || reasonPair(l))) {
    return detected('events-fragment', hints, 'kubelet messages pasted on their own');
  }
  if (hints.looksLikeLog) return detected('container-log', hints, 'log by its path');
  if (LOG_LIKE_LINE.test(text)) return detected('container-log', hints, 'log-shaped lines');
  // Whatever its name, text with a crash line (an exception, a panic, a refused connection) is a log.
  if (text.split('\n', 200).some((l) => matchSignature(logMessage(l)) !== undefined)) {
    return detected('container-log', hints, 'lines with failure signatures');
  }
  return detected('text-other', hints, 'text that is neither kubectl output nor a container log');
}
