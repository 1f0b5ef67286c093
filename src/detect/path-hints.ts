import type { PathHints } from './kinds.js';

/**
 * Path conventions of the bundle layouts (`reference/bundle-layouts.md`), as data: each pattern
 * names the captured groups it yields. The first pattern that matches wins.
 */
interface PathPattern {
  layout: string;
  pattern: RegExp;
  groups: (keyof Pick<PathHints, 'namespace' | 'pod' | 'container'> | 'previousFlag' | 'instance')[];
}

const PATTERNS: PathPattern[] = [
  {
    // troubleshoot: cluster-resources/pods/logs/<ns>/<pod>/<container>[-previous].log
    layout: 'support-bundle',
    pattern: /(?:^|\/)cluster-resources\/pods\/logs\/([^/]+)\/([^/]+)\/(.+?)(-previous)?\.log$/,
    groups: ['namespace', 'pod', 'container', 'previousFlag'],
  },
  {
    // must-gather / oc adm inspect: namespaces/<ns>/pods/<pod>/<c>/<c>/logs/{current,previous}[.insecure].log
    layout: 'must-gather',
    pattern: /(?:^|\/)namespaces\/([^/]+)\/pods\/([^/]+)\/([^/]+)\/[^/]+\/logs\/(current|previous)(?:\.insecure)?\.log$/,
    groups: ['namespace', 'pod', 'container', 'instance'],
  },
  {
    // troubleshoot logs collector: <collector>/<pod>/<container>[-previous].log
    layout: 'support-bundle-collector',
    pattern: /(?:^|\/)([^/]+)\/(.+?)(-previous)?\.log$/,
    groups: ['pod', 'container', 'previousFlag'],
  },
];

const NAMESPACE_DIR = [
  /(?:^|\/)namespaces\/([^/]+)\//, // must-gather
  /(?:^|\/)cluster-resources\/[^/]+\/([^/]+)\.(?:json|ya?ml)$/, // troubleshoot: <kind>/<ns>.json
];

/** Reads namespace, pod, container and previous/current from an entry path. */
export function pathHints(path: string): PathHints {
  const hints: PathHints = {};
  for (const { layout, pattern, groups } of PATTERNS) {
    const m = pattern.exec(path);
    if (!m) continue;
    hints.layout = layout;
    groups.forEach((group, i) => {
      const value = m[i + 1];
      if (group === 'previousFlag') hints.previous = value !== undefined;
      else if (group === 'instance') hints.previous = value === 'previous';
      else if (value !== undefined) hints[group] = value;
    });
    hints.looksLikeLog = true;
    break;
  }
  if (!hints.namespace) {
    for (const re of NAMESPACE_DIR) {
      const m = re.exec(path);
      if (m?.[1]) {
        hints.namespace = m[1];
        break;
      }
    }
  }
  const file = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (hints.previous === undefined) {
    if (/previous/.test(file)) hints.previous = true;
    else if (/(^|[^a-z])current([^a-z]|$)/.test(file)) hints.previous = false;
  }
  if (!hints.looksLikeLog && (/\.log(\.\d+)?$/.test(file) || /(^|[^a-z])logs?([^a-z]|$)/.test(file) || /previous/.test(file))) {
    hints.looksLikeLog = true;
  }
  return hints;
}
