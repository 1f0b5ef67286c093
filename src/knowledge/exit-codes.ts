/**
 * Exit codes and the signals behind codes above 128, with what each usually means for a
 * container and the category to start from (confirm with other evidence).
 */
import type { CategoryId } from '../model/types.js';

export interface ExitCodeInfo {
  code: number;
  name: string;
  meaning: string;
  signal?: string;
  usual: CategoryId;
}

const table: ExitCodeInfo[] = [
  { code: 0, name: 'success', meaning: 'the process finished normally', usual: 'exits-immediately' },
  { code: 1, name: 'general error', meaning: 'the application reported a failure and quit', usual: 'app-crash' },
  { code: 2, name: 'misuse / Go panic', meaning: 'a usage error or a Go panic', usual: 'app-crash' },
  { code: 126, name: 'not executable', meaning: 'the command exists but could not be executed', usual: 'permission-denied' },
  { code: 127, name: 'command not found', meaning: 'the shell could not find the command', usual: 'wrong-command' },
  { code: 128, name: 'start error', meaning: 'the runtime could not start the process', usual: 'wrong-command' },
  { code: 130, name: 'SIGINT', signal: 'SIGINT', meaning: 'interrupted', usual: 'app-crash' },
  { code: 132, name: 'SIGILL', signal: 'SIGILL', meaning: 'an illegal CPU instruction (built for another CPU)', usual: 'exec-format' },
  { code: 134, name: 'SIGABRT', signal: 'SIGABRT', meaning: 'the process aborted itself', usual: 'app-crash' },
  { code: 135, name: 'SIGBUS', signal: 'SIGBUS', meaning: 'a bus error (bad memory access)', usual: 'segfault' },
  { code: 136, name: 'SIGFPE', signal: 'SIGFPE', meaning: 'an arithmetic fault', usual: 'segfault' },
  { code: 137, name: 'SIGKILL', signal: 'SIGKILL', meaning: 'killed with SIGKILL (OOM kill, or forced stop after the grace period)', usual: 'oom-killed' },
  { code: 139, name: 'SIGSEGV', signal: 'SIGSEGV', meaning: 'a segmentation fault', usual: 'segfault' },
  { code: 143, name: 'SIGTERM', signal: 'SIGTERM', meaning: 'stopped with SIGTERM (probe kill, eviction, drain, rollout)', usual: 'liveness-probe' },
  { code: 255, name: 'exit -1 / unknown', meaning: 'exit(-1), or the runtime lost the status', usual: 'app-crash' },
];

export const EXIT_CODES: ReadonlyMap<number, ExitCodeInfo> = new Map(table.map((e) => [e.code, e]));

/** Describes any exit code, decoding 128+n as signal n. */
export function describeExitCode(code: number): string {
  const known = EXIT_CODES.get(code);
  if (known) return `exit ${code}: ${known.meaning}`;
  if (code > 128 && code < 160) return `exit ${code}: killed by signal ${code - 128}`;
  return `exit ${code}`;
}

/** Exits that were not the process's own decision: it could not start (126-128), or it was killed (137 SIGKILL, 143 SIGTERM). */
export const OUTSIDE_EXIT_CODES: ReadonlySet<number> = new Set([126, 127, 128, 137, 143]);
/** Exits of a memory or arithmetic fault: 128 + SIGBUS (7), SIGFPE (8), SIGSEGV (11). */
export const FAULT_EXIT_CODES: ReadonlySet<number> = new Set(table.filter((e) => e.usual === 'segfault').map((e) => e.code));
