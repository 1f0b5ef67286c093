/**
 * The value of one field, printed by a query (`kubectl get pod web-0 -o
 * jsonpath='{.status.initContainerStatuses}'`, `kubectl get pod web-0 -o json | jq
 * .status.containerStatuses`): read as the Pod it was cut from. The value is put back at its path
 * inside a Pod object named by the command line, on the output's own lines, so that the manifest
 * parser reads it with every line number where it was printed.
 */

export interface FieldDocument {
  /** The JSON text to parse: the value inside its Pod, first and last lines extended. */
  text: string;
  /** What the output was, for the inventory. */
  reason: string;
}

/** Pod fields whose value, read at its path, tells how a container or the pod ended. */
const POD_PATHS = /^\.?(?:status(?:\.(?:reason|message|phase|(?:init)?[cC]ontainerStatuses\b.*))?)$/;

/**
 * The Pod document of a query's output, when the command asked a pod for a field that says how
 * it failed and the output is that value (JSON, or one word or line).
 */
export function fieldDocument(path: string, pod: string | undefined, output: string): FieldDocument | undefined {
  const clean = path.replace(/^\{|\}$/g, '').trim();
  if (!POD_PATHS.test(clean)) return undefined;
  const value = output.replace(/\s+$/, '');
  if (value.trim() === '') return undefined;
  const json = /^\s*[[{]/.test(value) ? value : /\n/.test(value) ? undefined : JSON.stringify(value.trim());
  if (json === undefined) return undefined;
  // `.status.containerStatuses[0].lastState` → status, containerStatuses (an array), lastState.
  const steps = clean
    .replace(/^\./, '')
    .split('.')
    .map((step) => ({ key: step.replace(/\[.*$/, ''), indexed: /\[[^\]]*\]$/.test(step) }));
  let open = '';
  let close = '';
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    open += `"${step.key}":`;
    if (step.indexed && !last) {
      open += '[{';
      close = `}]${close}`;
    } else if (step.indexed && last && !json.trimStart().startsWith('[')) {
      open += '[';
      close = `]${close}`;
    } else if (!last) {
      open += '{';
      close = `}${close}`;
    }
  });
  // Without a name the object stays headless (a fragment of the bundle's one pod).
  const head = pod ? `"kind":"Pod","metadata":{"name":${JSON.stringify(pod)}},` : '';
  return { text: `{${head}${open}${json}${close}}`, reason: `the value of ${clean} printed by a query` };
}
