import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { EventFact } from '../../src/model/types.js';
import { detectAndParse } from '../helpers/parse.js';

/** Real kubelet log excerpts from public threads and repositories (see SOURCES.md there). */
const DIR = resolve(import.meta.dirname, '../fixtures/kubelet-journal');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const events = (facts: { type: string }[]) => facts.filter((f): f is EventFact => f.type === 'event');
/** Each event as pod, container field path, reason, count. */
const shape = (e: EventFact) => [`${e.subject.namespace ?? ''}/${e.subject.name}`, e.subject.fieldPath, e.reason, e.count];

describe('kubelet logs', () => {
  it('every sample is recognised by its content (journald, syslog, bare klog, localised months, microseconds)', async () => {
    for (const name of ['01-k8s-2015-bare-klog-secret-not-found.log', '02-k8s-v1.8-journald-crashloopbackoff.log', '03-k8s-2019-syslog-no-pid-crashloopbackoff.log', '05-v1.19-bare-klog-rke-crashloop-readiness.log', '07-zh-locale-journald-prober-multiline-dump.log', '12-openshift-ci-journal-usec-kubenswrapper-hyperkube.log', '15-kind-v1.34-structured-init-container-errimagepull.log']) {
      const r = await detectAndParse(`host/${name.replace(/\.log$/, '.txt')}`, read(name));
      expect(r.detection.kind, name).toBe('kubelet-log');
      expect(r.issues, name).toEqual([]);
    }
  });

  it('old sync errors: one event per pod and container, repeats counted, the newest line cited (v1.19 RKE)', async () => {
    const r = await detectAndParse('kubelet.log', read('05-v1.19-bare-klog-rke-crashloop-readiness.log'));
    const backoff = events(r.facts).filter((e) => e.reason === 'BackOff');
    expect(backoff.map(shape).sort()).toEqual([
      ['cattle-system/cattle-cluster-agent-8647c64fdd-ljjwk', 'spec.containers{cluster-register}', 'BackOff', expect.any(Number)],
      ['kube-system/metrics-server-8449844bf-s2dtd', 'spec.containers{metrics-server}', 'BackOff', expect.any(Number)],
    ]);
    const probes = events(r.facts).filter((e) => e.reason === 'Unhealthy');
    expect(probes.map((e) => [e.subject.name, e.message])).toEqual([['coredns-6f85d5fb88-flfvm', 'Readiness probe failed: HTTP probe failed with statuscode: 503']]);
    expect(probes[0]!.count).toBeGreaterThan(1);
    const last = read('05-v1.19-bare-klog-rke-crashloop-readiness.log').split('\n').map((l, i) => [l, i + 1] as const).filter(([l]) => l.includes('Readiness probe for "coredns')).pop()!;
    expect(probes[0]!.source.line).toBe(last[1]);
  });

  it('structured lines: the quoted error read through its escapes (kind v1.34, init container, ErrImagePull)', async () => {
    const r = await detectAndParse('journal.txt', read('15-kind-v1.34-structured-init-container-errimagepull.log'));
    const pulls = events(r.facts).filter((e) => /Failed to pull image/.test(e.message));
    expect(pulls.length).toBeGreaterThan(0);
    expect(pulls.every((e) => /\{secretreader-plugin-init\}$/.test(e.subject.fieldPath ?? '') && e.subject.namespace === 'kueue-system')).toBe(true);
    // The sync error says StartContainer; the recorded event's field path says it is an init container.
    expect(pulls.some((e) => e.subject.fieldPath === 'spec.initContainers{secretreader-plugin-init}')).toBe(true);
    expect(pulls[0]!.message).toMatch(/"us-central1-docker\.pkg\.dev\/k8s-staging-images\/kueue\/secretreader-plugin:0\.0\.1"/);
  });

  it('diagnoses what the kubelet says, pod by pod', async () => {
    const cases: [string, string, string][] = [
      ['01-k8s-2015-bare-klog-secret-not-found.log', 'ruby-sample-build-2', 'missing-secret'],
      ['06-minikube-2020-journald-secret-volume-mount-failed.log', 'ingress-nginx-controller-8684c97cb7-7hdzq', 'missing-secret'],
      ['11-aks-syslog-eviction-memory-structured.log', 'nginx', 'node-issue'],
      ['13-aks-structured-liveness-exec-probe-kill.log', 'liveness-exec', 'liveness-probe'],
      ['14-aks-structured-subpath-createcontainerconfigerror.log', 'subpath-emptydir-demo', 'volume-mount'],
      ['15-kind-v1.34-structured-init-container-errimagepull.log', 'kueue-controller-manager-8494d6795b-8vqfm', 'init-container'],
    ];
    for (const [name, pod, category] of cases) {
      const analysis = await analyze(join(DIR, name));
      expect(analysis.diagnoses.map((d) => [d.pod, d.category]), name).toContainEqual([pod, category]);
    }
    const init = (await analyze(join(DIR, '15-kind-v1.34-structured-init-container-errimagepull.log'))).diagnoses[0]!;
    expect(init.secondary).toBe('image-pull');
  });

  it("a syslog of kernel OOM lines without kubelet lines is not the kubelet log, but its OOM kill is reported", async () => {
    const r = await detectAndParse('syslog', read('10-aks-syslog-kernel-memcg-oom-nginx.log'));
    expect(r.detection.kind).not.toBe('kubelet-log');
    const diagnoses = (await analyze(join(DIR, '10-aks-syslog-kernel-memcg-oom-nginx.log'))).diagnoses;
    expect(diagnoses.map((d) => d.category)).toEqual(['oom-killed']);
    // The kernel's own kill line is the proof.
    expect(diagnoses[0]!.evidence.map((e) => e.text).join('\n')).toMatch(/Memory cgroup out of memory: Killed process \d+ \(/);
  });

  it('a readiness probe failing is no crash: pods known only from it are not flagged', async () => {
    const analysis = await analyze(join(DIR, '05-v1.19-bare-klog-rke-crashloop-readiness.log'));
    expect(analysis.diagnoses.some((d) => d.pod.startsWith('coredns'))).toBe(false);
  });
});
