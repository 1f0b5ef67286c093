/**
 * Commands that end by themselves. A container whose whole command is one of these finishes
 * (usually with exit 0), and under restartPolicy Always the kubelet starts it again and backs
 * off: the classic crash loop of `echo hello` or `sleep 30` as a pod's command.
 *
 * Only what is certain is listed: utilities that print or check something and return. A
 * `sleep` counts when it is shorter than the kubelet's ten minutes of running that reset the
 * back-off (a `sleep 3600` keep-alive restarts hourly, which is not a crash loop).
 */
import { BACKOFF_RESET_SECONDS } from './backoff.js';

/** Utilities that print or test something and return at once. */
const ONE_SHOT = new Set([
  'echo', 'printf', 'true', 'false', 'date', 'env', 'printenv', 'pwd', 'whoami', 'id', 'hostname', 'uname', 'ls', 'cat', 'exit', ':',
  'nslookup', 'ping', 'curl', 'wget', 'touch', 'mkdir', 'cp', 'mv', 'rm', 'chmod', 'chown', 'ln',
]);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** `30`, `30s`, `5m`, `1.5h` as seconds; undefined for `infinity` or anything else. */
function sleepSeconds(arg: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg ?? '');
  return m ? Number(m[1]) * UNIT_SECONDS[m[2]!]! : undefined;
}

const base = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/** Why one simple command (its words) ends by itself, or undefined when it may keep running. */
function endsBySelf(words: string[]): string | undefined {
  const [first, ...rest] = words;
  if (!first) return undefined;
  const name = base(first);
  if (name === 'sleep') {
    const secs = sleepSeconds(rest[0]);
    return secs !== undefined && secs < BACKOFF_RESET_SECONDS ? `\`sleep ${rest[0]}\` ends after ${secs} s` : undefined;
  }
  if (ONE_SHOT.has(name) && !(name === 'cat' && rest.length === 0) && !(name === 'ping' && !rest.includes('-c'))) {
    return `\`${name}\` does its work and returns`;
  }
  return undefined;
}

/** Words that open loops, conditionals or hand the shell over: such a script may run on. */
const CONTROL = new Set(['while', 'until', 'for', 'do', 'done', 'if', 'then', 'else', 'fi', 'case', 'exec', 'wait', 'trap']);

/** The simple commands of a shell script, as words; undefined when it pipes, substitutes or loops. */
function simpleCommands(script: string): string[][] | undefined {
  const flat = script.replace(/&&|\|\|/g, ';');
  if (/[|`&]|\$\(/.test(flat)) return undefined;
  const parts = flat
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => part.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, '')));
  return parts.some((words) => CONTROL.has(words[0]!)) ? undefined : parts;
}

/**
 * Why the command (the container's command followed by its args) ends by itself, in a few
 * words, or undefined when it may well run on. `sh -c "echo a; sleep 5"` is read through.
 */
export function oneShotCommand(command: string[]): string | undefined {
  const [first, flag, script] = command;
  if (first && SHELLS.has(base(first)) && flag === '-c' && script !== undefined) {
    const parts = simpleCommands(script);
    if (!parts || parts.length === 0) return undefined;
    const reasons = parts.map(endsBySelf);
    if (reasons.some((r) => r === undefined)) return undefined;
    return `the script \`${script.slice(0, 80)}\` only runs commands that return (${reasons[reasons.length - 1]})`;
  }
  return endsBySelf(command);
}
