import { categoryDocs } from '../knowledge/categories.js';
import { signaturesFor } from '../knowledge/log-signatures.js';
import { logCause, targetOf } from './log-cause.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'dependency-unavailable',
  category: 'dependency-unavailable',
  title: 'A dependency the application needs could not be reached',
  needs: ['log', 'lastTermination'],
  docs: categoryDocs('dependency-unavailable'),
  check(ctx) {
    const ns = ctx.pod.namespace;
    return logCause(ctx, {
      category: 'dependency-unavailable',
      signatures: signaturesFor('dependency-unavailable'),
      confidence: 0.85,
      summary: (line) => {
        const target = targetOf(line);
        return `could not reach ${target ? `${target}` : 'a dependency'}`;
      },
      remediation: (line) => {
        const target = targetOf(line);
        const host = target?.split(':')[0];
        const service = host?.split('.')[0];
        return [
          target
            ? `Check that ${target} is up and reachable from namespace ${ns}: \`kubectl get svc,endpoints ${service} -n ${host?.split('.')[1] ?? ns}\` should list ready endpoints.`
            : `Find the host and port the application dials at startup (its configuration), and check that the Service behind it has ready endpoints.`,
          /no such host|resolve|ENOTFOUND|UnknownHost|name resolution|not known/i.test(line)
            ? `The name did not resolve: check the spelling and namespace of the host name, and that CoreDNS works (\`kubectl get pods -n kube-system -l k8s-app=kube-dns\`).`
            : `Check NetworkPolicies between namespace ${ns} and the dependency, and the port number.`,
          `Make the application retry with back-off at startup instead of exiting, so a slow dependency does not become a crash loop.`,
        ];
      },
    });
  },
};

export default rule;
