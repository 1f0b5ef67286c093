/**
 * Content signatures, as data: each names the artifact kind it proves and the pattern that
 * proves it within the first kilobytes of a file. Order matters: the first match wins.
 */
import type { ArtifactKind } from './kinds.js';

export interface ContentSignature {
  kind: ArtifactKind;
  /** Every pattern must match the head (multiline regexps). */
  all: RegExp[];
  /** None of these may match. */
  none?: RegExp[];
  reason: string;
}

export const TABLE_SIGNATURES: ContentSignature[] = [
  {
    kind: 'events-table',
    all: [/^(?:NAMESPACE\s+)?(?:LAST SEEN|LASTSEEN)\s{2,}(?:TYPE|FIRST SEEN|FIRSTSEEN)\b/m],
    reason: 'a kubectl get events / kubectl events table header',
  },
  {
    kind: 'get-pods-table',
    all: [/^(?:NAMESPACE\s+)?NAME\s{2,}READY\s{2,}STATUS\s{2,}RESTARTS\s{2,}AGE\b/m],
    reason: 'a kubectl get pods table header',
  },
  {
    kind: 'top-table',
    all: [/^(?:NAMESPACE\s+)?(?:POD\s+)?NAME\s{2,}CPU\(cores\)\s{2,}/m],
    reason: 'a kubectl top table header',
  },
];

/** Any other `kubectl get` table: NAME first, then upper-case column names. */
export const GET_TABLE_HEADER = /^(?:NAMESPACE\s{2,})?NAME\s{2,}[A-Z][A-Z0-9()%-]*(?: [A-Z][A-Z0-9()%-]*)?(?:\s{2,}[A-Z][A-Z0-9()%-]*(?: [A-Z][A-Z0-9()%-]*)?)*\s*$/m;

/** What kubectl prints instead of output when a command finds nothing or fails. */
export const KUBECTL_MESSAGE = /^(?:No resources found|No events found|error: |Error from server|Command `kubectl[^`]*` failed|Unable to connect to the server)/m;

/** `kubectl describe` prints `Name:` at column 0 first; what follows tells the kind. */
export const DESCRIBE_START = /^([ \t]*)Name:(?: {2,}|\t+)\S/m;

export const DESCRIBE_SIGNATURES: ContentSignature[] = [
  {
    kind: 'describe-node',
    all: [/^(?:Roles|Taints|System Info|Non-terminated Pods|PodCIDRs?):/m],
    reason: 'kubectl describe node text',
  },
  {
    kind: 'describe-pod',
    all: [/^(?:Containers|Init Containers|Start Time|QoS Class|QoS Tier|Priority|Priority Class Name|Service Account|Node|Nominated Node Name):/m],
    none: [/^(?:Pod Template|Replicas|Selector|Pods Statuses|StrategyType|Completions|Parallelism):/m],
    reason: 'kubectl describe pod text',
  },
];

/** `kubectl cluster-info dump` log sections. */
export const CLUSTER_DUMP_LOG_MARKER = /^==== START logs for container \S+ of pod \S+\/\S+ ====$/m;

/** Text that `kubectl logs` prints instead of a log when it cannot fetch one. */
export const LOG_ERROR_TEXT =
  /^(?:Error from server \((?:BadRequest|NotFound|Forbidden|InternalError)\): .*(?:previous terminated container|is waiting to start|not found|is terminated|forbidden)|unable to retrieve container logs for |failed to get parse function: |Create log request error: |Request log error: )/m;

/** Lines that mark text as a log even when its path does not say so. */
export const LOG_LIKE_LINE =
  /^(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d|[IWEF]\d{4} \d\d:\d\d:\d\d|\[?\d{2}:\d{2}:\d{2}|\{"(?:log|level|msg|time|ts|timestamp)"|Traceback \(most recent call last\)|panic: |goroutine \d+ \[|Exception in thread |\s+at [\w$.<>]+\(|(?:\[\s*)?(?:INFO|WARN|WARNING|ERROR|DEBUG|FATAL|TRACE)\b)/m;

/** Container fields of a describe block pasted without its pod. */
export const DESCRIBE_FRAGMENT = [
  /^[ \t]*(?:State|Last State):[ \t]+(?:Waiting|Running|Terminated)\b/m,
  /^[ \t]+Exit Code:[ \t]+\d+/m,
  /^[ \t]*Restart Count:[ \t]+\d+/m,
];

/** Event rows pasted without context: an Events: table, describe rows, or get events rows. */
export const EVENTS_FRAGMENT = [
  /^[ \t]*Type[ \t]+Reason[ \t]+Age[ \t]+From[ \t]+Message[ \t]*$/m,
  /^[ \t]*FirstSeen[ \t]+LastSeen[ \t]+Count[ \t]+From/m,
  /^[ \t]*(?:Normal|Warning)[ \t]+[A-Z]\w+[ \t]+\S/m,
  /^(?:\S+[ \t]+)?\S+(?: \(x\d+ over \S+\))?[ \t]+(?:Normal|Warning)[ \t]+[A-Z]\w+[ \t]+[A-Za-z]+\/\S+/m,
];

/** A describe whose indentation was lost: state lines flush left, single blanks after colons. */
export const DESCRIBE_FLAT = [/^(?:State|Last State):[ \t]+(?:Waiting|Running|Terminated)\b/m, /^(?:Exit Code:[ \t]+\d+|Restart Count:[ \t]+\d+|Reason:[ \t]+\w+)/m];
