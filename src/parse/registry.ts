/**
 * The parser registry: every recogniser of the project in one list. Detection asks each one
 * about a text and takes the most confident claim (the earlier entry on a tie); the parse stage
 * hands the text to the parser of that kind. Adding an output means adding its parser here, with
 * its recogniser beside it in its own file.
 */
import type { ArtifactKind } from '../detect/kinds.js';
import { clusterDumpLogsParser, clusterDumpStreamParser } from './cluster-dump-logs.js';
import { containerLogParser } from './container-log.js';
import { describeNodeParser } from './describe-node.js';
import { describePodParser } from './describe-pod.js';
import { eventsTableParser } from './events-table.js';
import { existenceCheckParser } from './existence-check.js';
import { describeFlatParser, describeFragmentParser, eventsFragmentParser, podStatusFragmentParser } from './fragment.js';
import { kubeletLogParser } from './kubelet-log.js';
import { logErrorParser } from './log-error.js';
import { manifestJsonParser, manifestYamlParser } from './manifest.js';
import type { Claim, Parser, Recogniser, SniffInput } from './parser.js';
import { podsTableParser } from './pods-table.js';
import { textParser } from './signal-scan.js';
import { topTableParser } from './top-table.js';
import { UNPARSED } from './unparsed.js';

export const PARSERS: Parser[] = [
  describeNodeParser,
  describePodParser,
  describeFragmentParser,
  eventsTableParser,
  podsTableParser,
  topTableParser,
  manifestYamlParser,
  manifestJsonParser,
  clusterDumpStreamParser,
  clusterDumpLogsParser,
  existenceCheckParser,
  containerLogParser,
  kubeletLogParser,
  podStatusFragmentParser,
  describeFlatParser,
  eventsFragmentParser,
  logErrorParser,
];

/** Every recogniser: the parsers', then those of outputs that are listed but not read. */
const RECOGNISERS: Recogniser[] = [...PARSERS, ...UNPARSED];

/** The most confident claim on a text, or undefined when no recogniser claims it. */
export function recognise(input: SniffInput): (Claim & { kind: ArtifactKind }) | undefined {
  let best: (Claim & { kind: ArtifactKind }) | undefined;
  for (const r of RECOGNISERS) {
    const c = r.sniff(input);
    if (c && (!best || c.confidence > best.confidence)) best = { ...c, kind: r.kind };
  }
  return best;
}

const BY_KIND = new Map<ArtifactKind, Parser>([...PARSERS, textParser].map((p) => [p.kind, p]));

/** The parser of a kind, if the kind is read at all. */
export function parserFor(kind: ArtifactKind): Parser | undefined {
  return BY_KIND.get(kind);
}

/** Kinds the parse stage reads; every other kind is listed as skipped with its detection reason. */
export const PARSED_KINDS: ReadonlySet<string> = new Set(BY_KIND.keys());

/** Lines that start an output at column 0 (table headers), for the session splitter. */
export const OUTPUT_STARTS: readonly RegExp[] = RECOGNISERS.flatMap((r) => (r.starts ? [r.starts] : []));

/** Lines that are one row of a headerless output, for the session splitter. */
export const OUTPUT_ROWS: readonly RegExp[] = RECOGNISERS.flatMap((r) => (r.row ? [r.row] : []));
