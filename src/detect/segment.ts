/**
 * A text file is a sequence of outputs. People paste whole terminal sessions into tickets:
 * `$ kubectl get pods`, its table, `$ kubectl logs ...`, the log, `$ kubectl describe pod ...`,
 * `cat pod.yaml`, a `tail /var/log/syslog`. This splits such a text into segments, one per output,
 * each with the command line that printed it, so that each goes to the parser that reads it and
 * keeps the file's own line numbers.
 *
 * Boundaries, strongest first:
 * - a shell prompt followed by a command (`$ `, `# `, `user@host:~$ `, `[user@host dir]$ `,
 *   `PS C:\> `, fish's `user@host ~>`, `bash-5.1$ `, `/ # `), or a bare `kubectl`/`oc` command line;
 * - the start of a different output: a `kubectl get` table header at column 0, `Name:` of a
 *   describe after something else, `apiVersion:`/`---`/`{` after text;
 * - the end of a table: `kubectl get` prints no blank line inside a table and pads its columns
 *   with blanks, so text after a blank line, or a line with no wide gap, is another output.
 */
import { KUBECTL, KUBECTL_NAMES, parseKubectlCommand, type KubectlCommand } from './command-line.js';
import { OUTPUT_ROWS, OUTPUT_STARTS } from '../parse/registry.js';

export interface Segment {
  /** 0-based index of the segment's first line (the line after its command line). */
  start: number;
  /** 0-based index one past its last line. */
  end: number;
  /** The command line above the output, as pasted (prompt included), and its 0-based index. */
  command?: { text: string; line: number };
  /** What the command line says about the output. */
  about?: CommandFacts;
}

/** What a command line tells about the output below it. */
export interface CommandFacts {
  /** `kubectl logs` / `describe pod` of one pod: its names and `--previous`. */
  kubectl?: KubectlCommand;
  /** The namespace the command asked about (`-n shop`, `--namespace=shop`). */
  namespace?: string;
  /** `kubectl get pods -w`: rows are a history of STATUS values, not several pods. */
  watch?: boolean;
  /**
   * A one-value query (`-o jsonpath='{.status.reason}'`, `| jq .status.reason`, `yq`): the path
   * whose value the output is, as written (`.status.containerStatuses[0].lastState`).
   */
  path?: string;
  /** The one pod a `kubectl get pod NAME` asked about. */
  pod?: string;
}

/** Commands people run in these sessions (after an optional `sudo` and `VAR=value` words). */
const SESSION_COMMANDS = new Set([
  ...KUBECTL_NAMES.map((n) => n.split(' ')[0]!), 'kind', 'helm', 'stern', 'kail',
  'cat', 'tail', 'head', 'less', 'more', 'zcat', 'journalctl', 'dmesg', 'docker', 'crictl', 'ctr',
  'nerdctl', 'podman', 'systemctl', 'service', 'grep', 'egrep', 'zgrep', 'ls', 'll', 'yq', 'jq',
  'curl', 'wget', 'ps', 'free', 'df', 'du', 'uname', 'mount', 'watch', 'kubens', 'kubectx', 'ssh',
  'nslookup', 'dig', 'ping', 'telnet', 'nc', 'az', 'aws', 'gcloud', 'eksctl', 'argocd', 'flux',
  'istioctl', 'linkerd', 'velero', 'id', 'whoami', 'env', 'printenv', 'sysctl', 'ulimit', 'lsblk',
  'findmnt', 'getenforce', 'sestatus', 'vagrant', 'terraform', 'kubeadm', 'kubelet', 'rke2', 'talosctl',
]);

/**
 * A prompt, then the command. The prompt shapes: `user@host:dir$`, `[user@host dir]$`,
 * `PS C:\dir>`, fish's `user@host dir>`, `bash-5.1$`, busybox's `/dir #`, and a bare `$`, `#`, `%`,
 * `❯`, `➜  dir`, `>`.
 */
const PROMPT =
  /^\s*(?:\([\w.-]+\)\s*)?(?:[\w.-]+@[\w.-]+(?::[^\s$#]*)?\s*[$#%]|\[[^\]\n]*\]\s*[$#%]|PS [A-Za-z]:[^>]*>|[\w.-]+@[\w.-]+ [^\s>]*>|(?:bash|sh|zsh|ash)-\d+(?:\.\d+)*[$#]|\/[\w./-]* #|➜\s+\S+(?: git:\([^)]*\))?(?: ✗)?|[$#%❯>])\s?(\S.*)$/;

/** A command line without a prompt: kubectl or oc and one of their verbs, at column 0. */
const BARE_COMMAND = new RegExp(`^${KUBECTL}\\s+(?:(?:-n|--namespace|--context)[=\\s]\\S+\\s+)*(?:get|describe|logs|events|top|rollout|apply|create|delete|exec|explain|version|cluster-info|auth|run|port-forward|edit|label|annotate|scale|patch|debug|wait|adm)\\b`);

const KUBECTL_AT_START = new RegExp(`^${KUBECTL}\\s`);
const KUBECTL_GET_POD = new RegExp(`^(?:\\S+\\s+)*?${KUBECTL}\\s+(?:-\\S+\\s+)*get\\s+(?:pods?|po)(?:/|\\s+)([a-z0-9][-a-z0-9.]*)(?:\\s|$)`);
const KUBECTL_GET = new RegExp(`^(?:\\S+\\s+)*?${KUBECTL}\\s+get\\b`);

/** The command of a line when the line is a prompt and a session command (or a bare kubectl). */
export function commandOfLine(line: string): string | undefined {
  if (BARE_COMMAND.test(line)) return line.trim();
  const m = PROMPT.exec(line);
  if (!m) return undefined;
  const command = m[1]!.trim();
  const words = command.split(/\s+/);
  let i = 0;
  while (i < words.length && (words[i] === 'sudo' || /^[A-Z_][A-Z0-9_]*=/.test(words[i]!))) i++;
  const word = words[i];
  if (!word) return undefined;
  const name = word.replace(/^.*\//, '');
  return SESSION_COMMANDS.has(name) ? command : undefined;
}

/** What a command line says about its output. */
export function commandFacts(line: string, command: string): CommandFacts {
  const facts: CommandFacts = {};
  const kubectl = parseKubectlCommand(line) ?? parseKubectlCommand(`$ ${command}`);
  if (kubectl) facts.kubectl = kubectl;
  const own = command.split('|')[0]!;
  const namespace = kubectl?.namespace ?? /(?:^|\s)(?:-n\s*|--namespace[=\s])\s*([a-z0-9][-a-z0-9]*)(?:\s|$)/.exec(own)?.[1];
  if (namespace && KUBECTL_AT_START.test(command)) facts.namespace = namespace;
  if (KUBECTL_GET.test(command) && /(?:^|\s)(?:-w|--watch)(?:\s|=|$)/.test(command)) facts.watch = true;
  const path =
    /-o\s*=?\s*['"]?(?:jsonpath|go-template)=['"]?\{\s*([^}'"]+)\}/.exec(command)?.[1] ??
    /\|\s*(?:jq|yq)(?:\s+-\w+)*\s+['"]?(\.[\w.[\]"-]+)/.exec(command)?.[1];
  if (path) facts.path = path.trim();
  const pod = KUBECTL_GET_POD.exec(own)?.[1];
  if (pod) facts.pod = pod;
  return facts;
}

/** `rows`: `kubectl get pods --no-headers` rows, or rows pasted without their header. */
type Family = 'table' | 'rows' | 'describe' | 'yaml' | 'json' | 'text';

const YAML_START = /^(?:---\s*$|apiVersion:\s*\S|kind:\s*\S|metadata:\s*$)/;
const JSON_START = /^[{[]\s*$/;
const DESCRIBE_NAME = /^Name:(?: {2,}|\t+)\S/;
const DESCRIBE_KEY = /^[A-Z][A-Za-z ()/-]*:(?:\s|$)/;
const YAML_LINE = /^(?:[\w".-]+:(?:\s|$)|- |---|#|\s)/;

function isTableHeader(line: string): boolean {
  return OUTPUT_STARTS.some((re) => re.test(line));
}

/** A row of a table printed without its header (`kubectl get pods --no-headers`). */
function isBareRow(line: string): boolean {
  return OUTPUT_ROWS.some((re) => re.test(line));
}

function familyOf(line: string): Family {
  if (isTableHeader(line)) return 'table';
  if (isBareRow(line.trim())) return 'rows';
  if (DESCRIBE_NAME.test(line)) return 'describe';
  if (YAML_START.test(line)) return 'yaml';
  // A JSON value over several lines; a one-line object is a log line (zap, logrus, pino...).
  if (JSON_START.test(line) || (/^\{\s*"/.test(line) && depthChange(line) > 0)) return 'json';
  return 'text';
}

/**
 * Whether `line` (at column 0, not blank) starts a new output inside a segment of `family`;
 * `afterBlank` says whether a blank line stands between it and the segment's last line.
 */
function startsNewOutput(family: Family, line: string, afterBlank: boolean, depth: number): boolean {
  // kubectl's table rows start at column 0; elsewhere an indented line continues what is above it.
  if (/^\s/.test(line)) return family === 'table' || family === 'rows';
  if (isTableHeader(line)) return true;
  switch (family) {
    case 'table':
      // kubectl pads columns with at least three blanks: a line with no wide gap is no row.
      return afterBlank || !/\S {2,}\S/.test(line);
    case 'rows':
      return afterBlank || !isBareRow(line);
    case 'describe':
      return afterBlank && !DESCRIBE_KEY.test(line);
    case 'yaml':
      return afterBlank ? !YAML_LINE.test(line) : DESCRIBE_NAME.test(line);
    case 'json':
      return depth <= 0 && !/^[{[\]}]/.test(line);
    case 'text':
      return DESCRIBE_NAME.test(line) || YAML_START.test(line) || JSON_START.test(line) || isBareRow(line.trim());
  }
}

/** Bracket depth change of one JSON line, strings skipped. */
function depthChange(line: string): number {
  let d = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') d++;
    else if (ch === '}' || ch === ']') d--;
  }
  return d;
}

/**
 * The outputs of a text, in order. A text with no boundary is one segment. Blank lines between
 * outputs belong to no segment.
 */
export function segmentText(lines: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | undefined;
  let family: Family | undefined;
  let depth = 0;
  let lastContent = -1;
  const close = (at: number) => {
    if (current) {
      current.end = Math.max(current.start, Math.min(at, lastContent + 1));
      segments.push(current);
    }
    current = undefined;
    family = undefined;
    depth = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const command = commandOfLine(line);
    if (command !== undefined) {
      close(i);
      const about = commandFacts(line, command);
      current = { start: i + 1, end: i + 1, command: { text: line, line: i } };
      if (Object.keys(about).length > 0) current.about = about;
      lastContent = i;
      continue;
    }
    if (line.trim() === '') continue;
    if (current && family !== undefined && startsNewOutput(family, line, lastContent < i - 1, depth)) close(i);
    if (!current) current = { start: i, end: i };
    if (family === undefined) family = familyOf(line);
    if (family === 'json') depth += depthChange(line);
    lastContent = i;
  }
  close(lines.length);
  return segments.filter((s) => s.end > s.start || s.command);
}
