/**
 * Failure signatures of container logs, per language runtime and failure kind. The log scanner
 * keeps the lines that match one of these (plus a tail); rules read the matches by id.
 * Patterns are tested against the log message with any timestamp or CRI prefix removed.
 *
 * A signature may say on which lines it does not count: a line logged at INFO or DEBUG level
 * that mentions "OutOfMemoryError" is a report about the past, not the crash.
 */
import type { CategoryId } from '../model/types.js';

export interface LogSignature {
  id: string;
  /** What the line shows, in a few words. */
  title: string;
  pattern: RegExp;
  /** The category this line points to, when it points to one by itself. */
  hints?: CategoryId;
  /**
   * How strongly the line marks the end of a crash: 3 the final error line, 2 a fatal line or a
   * stack header, 1 an error-level line, 0 context (stack frames).
   */
  weight: number;
  /** Lines that look like this never count for the signature. */
  unless?: RegExp;
}

/**
 * A line logged at a calm level: informational text, not the failure itself. Level words in
 * capitals stand alone; lower-case ones count only where a level stands (`level=info`,
 * `"level":"debug"`, `[trace]`, the start of the line), since `node: trace` is prose.
 */
const CALM_LEVEL = /(?:^|[\s[|"=])(?:INFO|Info|DEBUG|Debug|TRACE|NOTICE)(?:[\s\]:|",]|$)|(?:^|\[|\blevel=|"level":\s*")(?:info|debug|trace)(?:[\s\]:|",]|$)|^[ID]\d{4} \d\d:\d\d:\d\d/;

export const LOG_SIGNATURES: LogSignature[] = [
  // The kernel's OOM killer, from dmesg or a node journal (cgroup v1 and v2, old and new wording):
  // `Memory cgroup out of memory: Killed process 4242 (java) total-vm:...`, `oom-kill:constraint=CONSTRAINT_MEMCG,...`.
  {
    id: 'kernel-oom-kill',
    title: "the kernel's OOM killer",
    pattern: /(?:Memory cgroup out of memory|Out of memory): Kill(?:ed)? process \d+ \(|\boom-kill:constraint=CONSTRAINT_\w+|\binvoked oom-killer: gfp_mask=/,
    hints: 'oom-killed',
    weight: 3,
  },
  // Runtime heap exhaustion, before the cgroup limit.
  { id: 'java-heap-oom', title: 'Java heap exhausted', pattern: /java\.lang\.OutOfMemoryError\b/, hints: 'runtime-heap-oom', weight: 3, unless: CALM_LEVEL },
  {
    id: 'node-heap-oom',
    title: 'Node.js heap exhausted',
    pattern: /JavaScript heap out of memory|Allocation failed - process out of memory|Reached heap limit Allocation failed/,
    hints: 'runtime-heap-oom',
    weight: 3,
    unless: CALM_LEVEL,
  },
  { id: 'go-runtime-oom', title: 'Go runtime out of memory', pattern: /^fatal error: runtime: out of memory/, hints: 'runtime-heap-oom', weight: 3 },
  { id: 'dotnet-oom', title: '.NET out of memory', pattern: /System\.OutOfMemoryException/, hints: 'runtime-heap-oom', weight: 3, unless: CALM_LEVEL },
  { id: 'python-memory-error', title: 'Python MemoryError', pattern: /^MemoryError\b/, hints: 'runtime-heap-oom', weight: 3 },

  // The process could not be executed.
  { id: 'exec-format', title: 'binary for another CPU architecture', pattern: /exec format error|cannot execute binary file/, hints: 'exec-format', weight: 3 },
  { id: 'illegal-instruction', title: 'illegal CPU instruction', pattern: /Illegal instruction(?: \(core dumped\))?$|SIGILL: illegal instruction/, hints: 'exec-format', weight: 3 },
  {
    id: 'command-not-found',
    title: 'command not found',
    pattern: /(?:^|: )(?:\S+: )?(?:line \d+: )?\S+: (?:command )?not found$|executable file not found in \$PATH|exec: "[^"]+": (?:stat [^:]+: )?no such file or directory|exec \S+: no such file or directory|^\/?\S*sh: can't open '[^']+': No such file or directory/,
    hints: 'wrong-command',
    weight: 3,
  },

  // The dynamic loader cannot find a library the binary needs (it exits 127, like a missing command).
  {
    id: 'missing-library',
    title: 'shared library missing',
    pattern: /error while loading shared libraries: \S+: cannot open shared object file|Error loading shared library \S+: No such file or directory/,
    hints: 'wrong-command',
    weight: 3,
  },

  // Permissions.
  { id: 'read-only-fs', title: 'read-only file system', pattern: /[Rr]ead-only file system|EROFS/, hints: 'permission-denied', weight: 3, unless: CALM_LEVEL },
  {
    id: 'permission-denied',
    title: 'permission denied',
    pattern: /[Pp]ermission denied|EACCES|[Oo]peration not permitted|EPERM\b|AccessDeniedException: \//,
    hints: 'permission-denied',
    weight: 3,
    unless: CALM_LEVEL,
  },

  // Dependencies: reachable but refusing the credentials.
  {
    id: 'auth-failed',
    title: 'credentials rejected',
    pattern:
      /password authentication failed for user|Access denied for user|[Aa]uthentication failed|Login failed for user|NOAUTH Authentication required|WRONGPASS|invalid username(?: or |\/)password|SASL authentication failed|AuthenticationFailed|(?:HTTP|status|code)[ :=]*401\b|401 Unauthorized|invalid_client|InvalidAccessKeyId|SignatureDoesNotMatch|FATAL: +role "[^"]+" does not exist/,
    hints: 'dependency-auth',
    weight: 3,
    unless: CALM_LEVEL,
  },
  // Dependencies: unreachable.
  {
    id: 'connection-refused',
    title: 'connection refused',
    pattern: /[Cc]onnection refused|ECONNREFUSED|[Nn]etwork is unreachable|ENETUNREACH|could not connect to server|accepting TCP\/IP connections on port|Can't connect to (?:MySQL|local MySQL) server|Connection to \S+ refused|Communications link failure|(?:[Uu]nable|[Ff]ailed|not possible) to connect to|[Cc]ould not connect to|[Cc]an(?:no|')t connect to|No route to host|EHOSTUNREACH|connection reset by peer|ECONNRESET/,
    hints: 'dependency-unavailable',
    weight: 3,
    unless: CALM_LEVEL,
  },
  {
    id: 'dns-failure',
    title: 'name not resolved',
    pattern: /no such host|Name or service not known|Temporary failure in name resolution|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|UnknownHostException|nodename nor servname provided|could not translate host name|Could not resolve host|server misbehaving|can't resolve '[^']+'|server can't find \S+: (?:NXDOMAIN|SERVFAIL)|NXDOMAIN|bad address '[^']+'|[Uu]nknown host\b|Unknown (?:MySQL )?server host|(?:[Uu]nable to|[Cc]ould not|[Cc]annot|[Ff]ailed to) resolve (?:host|address|hostname|name)\b|No address associated with hostname|EAI_NONAME|host not found in upstream/,
    hints: 'dependency-unavailable',
    weight: 3,
    unless: CALM_LEVEL,
  },
  // "timed out waiting for the condition" is the generic poll timeout of Kubernetes client code
  // (wait.ErrWaitTimeout): the wait gave up, which says nothing about the network.
  {
    id: 'timeout',
    title: 'timed out reaching a dependency',
    pattern: /i\/o timeout|ETIMEDOUT|[Cc]onnection timed out|context deadline exceeded|[Tt]imed out (?:waiting for (?!the condition)|connecting to|after)|timeout expired|SocketTimeoutException|ConnectTimeoutException|deadline exceeded/,
    hints: 'dependency-unavailable',
    weight: 2,
    unless: CALM_LEVEL,
  },

  // Another process (a second container of the pod, or the node itself under hostNetwork) holds the port.
  {
    id: 'port-in-use',
    title: 'port already in use',
    pattern: /[Aa]ddress already in use|EADDRINUSE|[Pp]ort \d+ (?:is )?already in use|[Pp]ort \d+ was already in use/,
    hints: 'bad-config-value',
    weight: 3,
    unless: CALM_LEVEL,
  },

  // Settings that are present but wrong.
  {
    id: 'bad-config',
    title: 'invalid setting',
    pattern:
      /invalid (?:value|configuration|config|setting|argument|port|URL|url|duration|format|syntax)|[Ww]hile parsing config|(?:[Ee]rror|[Ff]ailed) (?:parsing|to parse|loading|to load|reading|to read) (?:the )?(?:config|configuration|settings)|[Cc]ould not parse|[Cc]an(?:no|')t parse|[Ff]ailed to (?:parse|load|read) (?:config|configuration|settings|env)|ValueError: invalid literal|NumberFormatException|strconv\.\w+: parsing|invalid digit found in string|cannot parse integer from empty string|invalid float literal|yaml: (?:unmarshal errors|line \d+)|json: cannot unmarshal|flag provided but not defined|unknown (?:flag|option|shorthand flag)|[Uu]nrecognized (?:VM )?(?:option|argument|arguments)|\bRead[A-Z]\w*: expects? |[Mm]issing required (?:environment variable|env|config|configuration|setting|option|argument)|environment variable \S+ (?:is )?(?:not set|required|missing|must be)|must be (?:one of|a valid|set|an integer|a number|positive)|is not a valid|[Ii]nvalid environment|Failed to bind properties under|Failed to configure a DataSource|Could not resolve placeholder '[^']+'|[Ff]ailed to decode (?:the )?(?:config|configuration|settings)|^while (?:parsing|scanning) an? (?:block|flow) (?:mapping|sequence|collection|node|scalar)|expected <block end>, but found|mapping values are not allowed here|found character '.' that cannot start any token/,
    hints: 'bad-config-value',
    weight: 3,
    unless: CALM_LEVEL,
  },

  // Limits the node sets: open files and inotify instances (runtime and sysctl settings), process
  // count, the disk the container writes to, and the kernel's map count (Elasticsearch's bootstrap check).
  {
    id: 'node-limits',
    title: 'a limit of the node reached',
    pattern: /[Tt]oo many open files|\bEMFILE\b|\bENFILE\b|inotify (?:instance|watch)(?:es)? (?:limit|reached)|max_user_(?:instances|watches)|[Nn]o space left on device|\bENOSPC\b|(?:fork|pthread_create)(?: failed)?: (?:retry: )?Resource temporarily unavailable|vm\.max_map_count \[\d+\] is too low/,
    hints: 'node-issue',
    weight: 3,
    unless: CALM_LEVEL,
  },

  // Crashes by runtime.
  // Go prints `[signal SIGSEGV: segmentation violation ...]` under every nil-pointer panic: that
  // line is the panic's, an application bug. A fault in native (cgo) code reads
  // `fatal error: unexpected signal during runtime execution`.
  {
    id: 'segfault',
    title: 'segmentation fault',
    // The kernel's own line, from dmesg or a node journal: `app[4242]: segfault at 0 ip ... sp ... error 4 in libc.so.6`.
    pattern: /[Ss]egmentation fault|(?<!\[signal )SIGSEGV|core dumped|(?<!\[signal )SIGBUS|Bus error|^fatal error: unexpected signal during runtime execution|\bsegfault at [0-9a-f]+ ip [0-9a-f]+ sp [0-9a-f]+ error \d+/,
    hints: 'segfault',
    weight: 3,
  },
  { id: 'go-panic', title: 'Go panic', pattern: /^panic: |^fatal error: /, hints: 'app-crash', weight: 3 },
  { id: 'go-goroutine', title: 'Go stack', pattern: /^goroutine \d+ \[[\w ,]+\]:$/, weight: 1 },
  { id: 'python-traceback', title: 'Python traceback', pattern: /^Traceback \(most recent call last\):/, hints: 'app-crash', weight: 2 },
  {
    id: 'python-exception',
    title: 'Python exception',
    pattern: /^(?:[a-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit|Interrupt|NotFound|Refused|Failure)(?::\s.*)?$/,
    hints: 'app-crash',
    weight: 3,
  },
  {
    id: 'java-exception',
    title: 'Java exception',
    pattern: /^(?:Exception in thread "[^"]*" )?(?:Caused by: )?(?:[a-z][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b/,
    hints: 'app-crash',
    weight: 3,
  },
  {
    id: 'node-uncaught',
    title: 'Node.js uncaught error',
    pattern: /^(?:Uncaught )?(?:TypeError|ReferenceError|SyntaxError|RangeError|Error)(?: \[[A-Z_]+\])?: .+/,
    hints: 'app-crash',
    weight: 3,
    // The Java launcher's closing words after it rejected an option: the option line is the cause.
    unless: /^Error: (?:Could not create the Java Virtual Machine|A fatal exception has occurred\. Program will exit)/,
  },
  { id: 'node-throw', title: 'Node.js throw site', pattern: /^\s*throw (?:new )?\w+/, weight: 1 },
  {
    id: 'migration-failed',
    title: 'database migration failed',
    pattern: /[Mm]igrations? (?:failed|error)|[Ff]ailed to (?:run|apply|execute) (?:the )?(?:database |schema )?migrations?|[Dd]irty database version|[Mm]igration \S+ failed/,
    hints: 'app-crash',
    weight: 3,
    unless: CALM_LEVEL,
  },
  // A shell script stopped by its own error: bash under `set -u` (`script.sh: line 19: SHIMS:
  // unbound variable`), dash and busybox (`sh: 1: SHIMS: parameter not set`), and a syntax error.
  {
    id: 'shell-error',
    title: 'shell script error',
    pattern: /^(?:\S+: )?(?:line \d+: )?[^\s:]+: unbound variable$|^(?:\S+: )?(?:\d+: )?[^\s:]+: parameter (?:not set|null or not set)$|^(?:\S+: )?line \d+: syntax error(?: near unexpected token|: unexpected end of file)/,
    hints: 'app-crash',
    weight: 3,
  },
  { id: 'rust-panic', title: 'Rust panic', pattern: /^thread '[^']*' panicked at /, hints: 'app-crash', weight: 3 },
  // The allocator gave up: Rust's abort message, and jemalloc refusing the system it runs on.
  { id: 'alloc-failed', title: 'memory allocation failed', pattern: /^memory allocation of \d+ bytes failed|^<jemalloc>: (?:Unsupported|Error|Invalid)/, hints: 'app-crash', weight: 3 },
  // A database refusing to initialise a data directory that is a mount point (lost+found in it).
  {
    id: 'data-dir-not-empty',
    title: 'data directory not usable',
    pattern: /directory "[^"]+" exists but is not empty|data directory has files in it|contains a lost\+found directory/,
    hints: 'app-crash',
    weight: 3,
  },
  { id: 'dotnet-unhandled', title: '.NET unhandled exception', pattern: /^Unhandled exception\. |^Unhandled Exception: /, hints: 'app-crash', weight: 3 },
  { id: 'ruby-error', title: 'Ruby error', pattern: /:\d+:in `[^']+': .+ \([A-Z]\w*(?:::\w+)*\)$/, hints: 'app-crash', weight: 3 },
  { id: 'php-fatal', title: 'PHP fatal error', pattern: /PHP Fatal error: |^Fatal error: /, hints: 'app-crash', weight: 3 },
  {
    id: 'fatal-level',
    title: 'fatal log line',
    pattern:
      /(?:^|[\s[|])(?:FATAL|FATA|CRITICAL|CRIT|PANIC|PANI|EMERG)(?:[\s\]:|[]|$)|\blevel=(?:fatal|panic|crit)\b|"level":\s*"(?:fatal|panic|critical)"|^F\d{4} \d\d:\d\d:\d\d|\[emerg\]/,
    hints: 'app-crash',
    weight: 2,
  },
  // The process saying it gives up: no cause by itself, but the log of a process that ended badly.
  {
    id: 'gave-up',
    title: 'startup abandoned',
    pattern: /\b(?:[Ff]ailed to (?:start|initiali[sz]e|boot)|[Ss]tartup failed|(?:[Cc]ould not|[Cc]annot|[Uu]nable to) (?:start|initiali[sz]e)(?! a new| another| the (?:next|retry)))\b/,
    weight: 2,
    unless: CALM_LEVEL,
  },
  {
    id: 'error-level',
    title: 'error log line',
    pattern: /(?:^|[\s[|])(?:ERROR|ERRO|ERR|Error)(?:[\s\]:|[]|$)|^error: |\blevel=error\b|"level":\s*"error"|^E\d{4} \d\d:\d\d:\d\d|\[error\]/,
    weight: 1,
  },
];

const PREFILTER_WORDS = [
  'err', 'fail', 'fata', 'pani', 'exception', 'traceback', 'refused', 'denied', 'not found', 'no such', 'timeout', 'timed out',
  'deadline', 'unreachable', 'reset by peer', 'econn', 'ehost', 'enet', 'memory', 'heap', 'alloc', 'segmentation', 'sigsegv',
  'sigbus', 'sigill', 'core dumped', 'bus error', 'illegal', 'exec format', 'cannot', "can't", 'permission', 'read-only', 'eacces',
  'eperm', 'erofs', 'not permitted', 'invalid', 'parse', 'parsing', 'unknown', 'unrecognised', 'unrecognized', 'missing', 'must be',
  'not set', 'not a valid', 'flag provided', 'unmarshal', 'yaml:', '401', 'unauthorised', 'unauthorized', 'auth', 'access', 'login',
  'wrongpass', 'sasl', 'signaturedoesnotmatch', 'role "', 'crit', 'emerg', 'goroutine', 'unhandled', 'uncaught', 'throw', 'level',
  'could not', 'unable', 'no route', 'resol', 'not known', 'translate host', 'communications link', 'connect', 'nxdomain',
  'bad address', 'no address', ': expect', 'dirty database', 'migration', 'too many open', 'emfile', 'enfile', 'inotify',
  'max_user_', 'no space left', 'enospc', 'resource temporarily', 'not empty', 'files in it', 'lost+found',
  'invalid digit', 'float literal', 'shared librar', 'placeholder', 'bind properties', 'datasource', 'in use', 'oom-kill', 'segfault', 'max_map_count', 'block end', 'mapping values',
  // kubelet messages that a log may relay (a deploy tool's or a console's view of the pod)
  'back-off', 'low on resource', 'nonroot', 'non-root', 'successfully assigned', 'nodes are available', 'unbound variable', 'parameter not set', 'parameter null',
];

/**
 * A cheap first pass over whole blocks of log text, lower-cased: every line a signature can
 * match, or a relayed kubelet message stands on, holds one of these words (or a klog `E0914 ` /
 * `F0914 ` prefix). Only the lines it finds
 * are tested against the signatures, so a log of routine lines is scanned at close to memory
 * speed: a plain alternation of literals runs about three times faster in V8 than the same
 * words written with optional groups. A test checks, on every real log the project holds, that
 * no line a signature or the kubelet-message reader matches is missed.
 */
export const LOG_PREFILTER = new RegExp(`${PREFILTER_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}|[ef]\\d{4} \\d`, 'g');

/** A signature's weight by id (0 for an id no signature has). */
const WEIGHTS = new Map(LOG_SIGNATURES.map((s) => [s.id, s.weight]));
export function signatureWeight(id: string): number {
  return WEIGHTS.get(id) ?? 0;
}

/** Whether a log holds a line that ends a crash or says the process gave up (weight 2 or more). */
export function showsCrash(matches: { signature: string }[]): boolean {
  return matches.some((m) => signatureWeight(m.signature) >= 2);
}

/** At most this many matching lines are kept per log. */
export const LOG_MATCH_LIMIT = 400;
/** The tail kept of every log. */
export const LOG_TAIL_LINES = 200;

/** Signature ids by the category they point to. */
export function signaturesFor(category: CategoryId): string[] {
  return LOG_SIGNATURES.filter((s) => s.hints === category).map((s) => s.id);
}
