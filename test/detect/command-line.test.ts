import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { parseKubectlCommand } from '../../src/detect/command-line.js';
import { tempBundle } from '../helpers/fixtures.js';

describe('the command line pasted above an output', () => {
  it('reads logs and describe commands with their flags, in the forms people type', () => {
    expect(parseKubectlCommand('$ kubectl logs web-0 -c app --previous -n shop')).toEqual({ verb: 'logs', pod: 'web-0', namespace: 'shop', container: 'app', previous: true });
    expect(parseKubectlCommand('k logs -p pod/api-7d9f -n=prod')).toEqual({ verb: 'logs', pod: 'api-7d9f', namespace: 'prod', previous: true });
    expect(parseKubectlCommand('kubectl logs --tail 50 api-7d9f sidecar')).toEqual({ verb: 'logs', pod: 'api-7d9f', container: 'sidecar', previous: false });
    expect(parseKubectlCommand('user@host:~$ oc describe pods/jenkins-22-rvq4w')).toEqual({ verb: 'describe', pod: 'jenkins-22-rvq4w' });
    expect(parseKubectlCommand('# kubectl -n kube-system describe pod coredns-5d78c9869d-x7kq2')).toEqual({ verb: 'describe', pod: 'coredns-5d78c9869d-x7kq2', namespace: 'kube-system' });
    expect(parseKubectlCommand('kubectl describe node worker-1')).toBeUndefined();
    expect(parseKubectlCommand('kubectl get pods')).toBeUndefined();
    expect(parseKubectlCommand('Starting kubectl proxy on 127.0.0.1')).toBeUndefined();
  });

  it('reads only the command\'s own words: a pipe, a redirection or a next command adds none', () => {
    expect(parseKubectlCommand('$ oc -n openshift-network-operator describe pod/net-op-7855-debug | tail -n 5')).toEqual({ verb: 'describe', pod: 'net-op-7855-debug', namespace: 'openshift-network-operator' });
    expect(parseKubectlCommand('$ kubectl logs web-0 > web.log; cat -n web.log')).toEqual({ verb: 'logs', pod: 'web-0', previous: false });
    expect(parseKubectlCommand('$ kubectl logs web-0 2>&1 && echo done')).toEqual({ verb: 'logs', pod: 'web-0', previous: false });
  });

  it('the log of a workload names no pod: kubectl picked one of its pods', () => {
    expect(parseKubectlCommand('$ kubectl logs -n kube-system daemonsets/kubelet-kata-cleanup')).toEqual({ verb: 'logs', namespace: 'kube-system', previous: false });
    expect(parseKubectlCommand('kubectl logs deploy/api -c server --previous')).toEqual({ verb: 'logs', container: 'server', previous: true });
    expect(parseKubectlCommand('oc logs dc/jenkins')).toEqual({ verb: 'logs', previous: false });
  });

  it("kubectl's notice of the container it chose names the log's container", async () => {
    const log = [' kubectl logs kubeblocks-68cd8445f5-qnxf4', 'Defaulted container "manager" out of: manager, tools (init), datascript (init)', 'panic: assignment to entry in nil map', ''];
    const analysis = await analyze(tempBundle({ 'logs.txt': log.join('\n') }));
    expect(analysis.diagnoses.map((d) => [d.pod, d.container, d.category])).toEqual([['kubeblocks-68cd8445f5-qnxf4', 'manager', 'app-crash']]);
  });

  it('a log under its `kubectl logs` line belongs to the pod and container it names', async () => {
    const listing = [
      'NAME                      READY   STATUS             RESTARTS   AGE',
      'shop-api-87fcc94c-jv5hk   0/1     CrashLoopBackOff   6          20m',
      'shop-ops-8587ff6bf4-4lt   0/1     CrashLoopBackOff   6          20m',
    ];
    const log = ['$ kubectl logs shop-ops-8587ff6bf4-4lt --previous', 'starting', 'FATAL: password authentication failed for user "ops"', ''];
    const analysis = await analyze(tempBundle({ 'pods.txt': `${listing.join('\n')}\n`, 'out.txt': log.join('\n') }));
    const ops = analysis.diagnoses.find((d) => d.pod === 'shop-ops-8587ff6bf4-4lt');
    expect(ops?.category).toBe('dependency-auth');
    expect(analysis.diagnoses.find((d) => d.pod === 'shop-api-87fcc94c-jv5hk')?.category).toBe('unknown');
  });
});
