import { uniqueEvidence, workloadName } from './context.js';
import { missingObject } from './missing-object.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'missing-configmap',
  category: 'missing-configmap',
  check(ctx) {
    const found = missingObject(ctx, 'configmap');
    if (!found) return undefined;
    const { name, key, hit, viaVolume, references } = found;
    const ns = ctx.pod.namespace;
    const what = key ? `key ${key} of ConfigMap ${name}` : `ConfigMap ${name}`;
    return {
      category: 'missing-configmap',
      severity: 'critical',
      confidence: 0.96,
      summary: `Container ${ctx.container.name} cannot start: ${what} does not exist in namespace ${ns}${references.length ? ` (needed by ${references.map((r) => r.what).join(', ')})` : ''}.`,
      evidence: uniqueEvidence([ctx.container.state?.reason?.source, hit.source, ...references.map((r) => r.source)]),
      remediation: [
        key
          ? `Add key ${key} to ConfigMap ${name}: \`kubectl edit configmap ${name} -n ${ns}\`, or correct the key in ${workloadName(ctx)}.`
          : `Create it: \`kubectl create configmap ${name} -n ${ns} --from-file=<file>\`, or correct the name in ${workloadName(ctx)}.`,
        `If the application copes without it, mark the reference optional: true.`,
      ],
      ...(viaVolume ? { secondary: 'volume-mount' as const } : {}),
    };
  },
};

export default rule;
