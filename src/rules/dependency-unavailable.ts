import { signaturesFor } from '../knowledge/log-signatures.js';
import { hostTarget } from '../knowledge/service-dns.js';
import { logCause, targetOf } from './log-cause.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'dependency-unavailable',
  category: 'dependency-unavailable',
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
        const host = target?.replace(/:\d+$/, '');
        const dialed = host ? hostTarget(host, ns) : undefined;
        const check =
          !target || !dialed
            ? `Find the host and port the application dials at startup (its configuration), and check that the Service behind it has ready endpoints.`
            : dialed.kind === 'service'
              ? `Check that ${target} is up and reachable from namespace ${ns}: \`kubectl get svc,endpoints ${dialed.name} -n ${dialed.namespace}\` should list ready endpoints.`
              : dialed.kind === 'ip'
                ? `Check what listens on ${target}: \`kubectl get svc,endpoints -A -o wide | grep ${dialed.ip}\` shows the Service or pod with that address, if it is in the cluster.`
                : `${dialed.host} is outside the cluster: check that it is up, and that pods in namespace ${ns} may reach it (egress rules, proxies, firewalls).`;
        return [
          check,
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
