import { signaturesFor } from '../knowledge/log-signatures.js';
import { logCause } from './log-cause.js';
import { workloadName } from './context.js';
import type { Rule } from './types.js';

/** The value of a service-link variable (`MYAPP_PORT=tcp://10.43.7.62:5230`) read where a port was expected. */
const SERVICE_LINK = /tcp:\/\/\d{1,3}(?:\.\d{1,3}){3}:\d+/;

const rule: Rule = {
  id: 'bad-config-value',
  category: 'bad-config-value',
  check(ctx) {
    return logCause(ctx, {
      category: 'bad-config-value',
      signatures: signaturesFor('bad-config-value'),
      confidence: 0.86,
      summary: () => 'rejected its configuration',
      remediation: (line) => {
        const named = ctx.container.env.map((e) => e.name).filter((n) => n.length > 2 && line.includes(n));
        const link = SERVICE_LINK.exec(line);
        const port = /already in use|EADDRINUSE/.test(line);
        return [
          ...(port
            ? [
                `Another process holds the port: a second container of pod ${ctx.pod.name} listening on the same port, or, with hostNetwork/hostPort, a process of the node. Give each its own port, or drop hostNetwork.`,
              ]
            : []),
          ...(link
            ? [
                `${link[0]} is the value Kubernetes puts in <SERVICE>_PORT for every Service of the namespace (service links): a Service named like the application's own variable prefix overrides its port setting. Set enableServiceLinks: false in ${workloadName(ctx)}, or set the variable explicitly.`,
              ]
            : []),
          named.length
            ? `Correct ${named.join(', ')} in the env of container ${ctx.container.name} in ${workloadName(ctx)} (or the ConfigMap/Secret it comes from).`
            : `Correct the value the log line names in the configuration of container ${ctx.container.name} (env, args, mounted config file) in ${workloadName(ctx)}.`,
          `Check the value against what the application accepts (type, unit, allowed values) before rolling out again.`,
        ];
      },
    });
  },
};

export default rule;
