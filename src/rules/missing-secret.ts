import { uniqueEvidence, workloadName } from './context.js';
import { missingObject } from './missing-object.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'missing-secret',
  category: 'missing-secret',
  check(ctx) {
    const found = missingObject(ctx, 'secret');
    if (!found) return undefined;
    const { name, key, hit, viaVolume, references } = found;
    const ns = ctx.pod.namespace;
    const what = key ? `key ${key} of Secret ${name}` : `Secret ${name}`;
    const create = key
      ? `kubectl create secret generic ${name} -n ${ns} --from-literal=${key}=<value> (or add the key to the existing Secret)`
      : `kubectl create secret generic ${name} -n ${ns} --from-literal=<key>=<value>`;
    return {
      category: 'missing-secret',
      severity: 'critical',
      confidence: 0.96,
      summary: `Container ${ctx.container.name} cannot start: ${what} does not exist in namespace ${ns}${references.length ? ` (needed by ${references.map((r) => r.what).join(', ')})` : ''}.`,
      evidence: uniqueEvidence([ctx.container.state?.reason?.source, hit.source, ...references.map((r) => r.source)]),
      remediation: [
        `Create it: \`${create}\`, or correct the reference in ${workloadName(ctx)}.`,
        `If the value is truly optional, mark the reference optional: true.`,
        `The kubelet retries on its own once the Secret exists; \`kubectl delete pod ${ctx.pod.name} -n ${ns}\` makes it immediate.`,
      ],
      ...(viaVolume ? { secondary: 'volume-mount' as const } : {}),
    };
  },
};

export default rule;
