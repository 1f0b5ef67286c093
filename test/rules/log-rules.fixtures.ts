/** Shared inputs of the log-driven rule tests: a real describe with an exit, and a log beside it. */
import { BASE_CONTAINER, lastTerminated, withState } from '../helpers/describe-edit.js';

export const CONTAINER = BASE_CONTAINER;
export const EXIT1 = withState(lastTerminated('Error', 1));
export const EXIT0 = withState(lastTerminated('Completed', 0));
export const EXIT137 = withState(lastTerminated('Error', 137));

/** A bundle of the describe and a previous log named after the container. */
export function bundle(describe: string, log: string[]): Record<string, string> {
  return { 'describe.txt': describe, [`${BASE_CONTAINER}-previous.log`]: `${log.join('\n')}\n` };
}
