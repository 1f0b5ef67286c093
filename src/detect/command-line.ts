/**
 * The command line people paste above kubectl's output (`$ kubectl logs web-0 -c app -p`,
 * `oc describe pod/web-0 -n shop`, `k logs --previous web-0`): it names what the output is
 * about when the output itself does not.
 */

export interface KubectlCommand {
  verb: 'logs' | 'describe';
  /** The pod; none for the log of a workload (`kubectl logs deploy/web`), which is one of its pods'. */
  pod?: string;
  namespace?: string;
  container?: string;
  /** `--previous` / `-p` on `kubectl logs`. */
  previous?: boolean;
}

/**
 * The names kubectl is run by: the binary (by path or not), OpenShift's `oc`, the wrappers of
 * distributions, and the short aliases people give it. Defined here once; the session splitter
 * reads it too.
 */
export const KUBECTL_NAMES = ['kubectl', 'oc', 'k', 'kc', 'ku', 'kubecolor', 'microk8s kubectl', 'microk8s.kubectl', 'k3s kubectl', 'minikube kubectl --'];
/** A regex source matching one of `KUBECTL_NAMES`, with an optional directory in front. */
export const KUBECTL = `(?:\\S*/)?(?:${KUBECTL_NAMES.map((n) => n.replace(/[.\-]/g, (c) => `\\${c}`).replace(/ /g, '\\s+')).join('|')})`;

/** A shell prompt (`$ `, `# `, `user@host:~$ `, `PS C:\> `) and the kubectl binary's usual names. */
const COMMAND = new RegExp(`^\\s*(?:[$#>%]\\s*|\\S+@\\S+?[$#]\\s*|PS [^>]*>\\s*)?${KUBECTL}\\s+(.+)$`);
/** Flags that take a value; their value is not the pod name. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '-c', '--container', '--context', '--kubeconfig', '--tail', '--since', '--since-time', '-l', '--selector', '--cluster', '--user', '-o', '--output']);

/** A workload as the target of `kubectl logs` (`deploy/web`, `daemonsets/agent`, `job/migrate`). */
const WORKLOAD_TARGET = /^(?:deploy|deployments?(?:\.apps)?|ds|daemonsets?(?:\.apps)?|sts|statefulsets?(?:\.apps)?|rs|replicasets?(?:\.apps)?|jobs?(?:\.batch)?|svc|services?|dc|deploymentconfigs?)\/[a-z0-9][-a-z0-9.]*$/;

/** Whether a line is a shell command running kubectl (or oc), whatever it asks. */
export function isKubectlCommandLine(line: string): boolean {
  return COMMAND.test(line);
}

/** The kubectl command of one line, when it is a `logs` or `describe pod` of one pod. */
export function parseKubectlCommand(line: string): KubectlCommand | undefined {
  const m = COMMAND.exec(line);
  if (!m) return undefined;
  // The command's own words: what a pipe, a redirection or a next command adds is not kubectl's.
  const words = m[1]!.replace(/\s*(?:\||;|&&|>|2>).*$/, '').trim().split(/\s+/);
  const args: string[] = [];
  let namespace: string | undefined;
  let container: string | undefined;
  let previous = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const [flag, inline] = w.startsWith('-') && w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    if (flag === '-p' || flag === '--previous') previous = inline !== 'false';
    else if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? words[++i];
      if (flag === '-n' || flag === '--namespace') namespace = value;
      if (flag === '-c' || flag === '--container') container = value;
    } else if (!w.startsWith('-')) args.push(w);
  }
  const [verb, ...rest] = args;
  let target: string | undefined;
  // `kubectl logs deploy/web`: kubectl picks one pod of the workload; the log names none.
  if (verb === 'logs' && rest[0] && WORKLOAD_TARGET.test(rest[0])) return { verb, ...(namespace ? { namespace } : {}), ...(container ? { container } : {}), previous };
  if (verb === 'logs') target = rest[0];
  else if (verb === 'describe' && rest[0] && /^(?:pods?|po)(?:\/|$)/.test(rest[0])) target = rest[0].includes('/') ? rest[0] : rest[1];
  else return undefined;
  const pod = target?.replace(/^(?:pods?|po)\//, '');
  // Lower case in the API; a name the poster masked (`web-XXXXX`) is still the name to report.
  if (!pod || !/^[a-zA-Z0-9][-a-zA-Z0-9.]*$/.test(pod)) return undefined;
  // `kubectl logs pod container` names the container as a second word.
  if (verb === 'logs' && !container && rest[1] && /^[a-z0-9][-a-z0-9]*$/.test(rest[1])) container = rest[1];
  return {
    verb,
    pod,
    ...(namespace ? { namespace } : {}),
    ...(container ? { container } : {}),
    ...(verb === 'logs' ? { previous } : {}),
  };
}

/** The first command of the given verb among the first lines of a text. */
export function commandAbove(lines: string[], verb: KubectlCommand['verb']): KubectlCommand | undefined {
  for (const line of lines.slice(0, 5)) {
    const c = parseKubectlCommand(line);
    if (c?.verb === verb) return c;
  }
  return undefined;
}
