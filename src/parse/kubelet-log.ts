/**
 * The kubelet's own log: `journalctl -u kubelet`, /var/log/kubelet.log, a must-gather's
 * `host_service_logs/.../kubelet_service.log`. klog lines, behind a journald prefix or not:
 *
 * ```
 * Nov 30 10:00:01 node-1 kubelet[1234]: E1130 10:00:01.123456    1234 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \"StartContainer\" for \"web\" with CrashLoopBackOff: \"back-off 5m0s restarting failed container=web pod=web-0_shop(3f2a...)\"" pod="shop/web-0" podUID="3f2a..."
 * I1130 10:00:02.000000    1234 prober.go:107] "Probe failed" probeType="Liveness" pod="shop/web-0" podUID="3f2a..." containerName="web" probeResult="failure" output="HTTP probe failed with statuscode: 500"
 * E0611 08:12:44.512331    2311 pod_workers.go:186] Error syncing pod 3f2a... ("web-0_shop(3f2a...)"), skipping: failed to "StartContainer" for "web" with CreateContainerConfigError: "secret \"db\" not found"
 * I0611 08:12:50.000000    2311 prober.go:111] Liveness probe for "web-0_shop(3f2a...):web" failed (failure): HTTP probe failed with statuscode: 500
 * ```
 * Structured lines (kubelet 1.20 and later) carry a quoted message and key="value" pairs; older
 * lines are plain text. Only what the kubelet says about a pod's containers is read, as the
 * events it files for the same trouble (Failed, BackOff, Unhealthy, Killing, FailedMount,
 * Evicted). A line repeated every sync becomes one event with a count; the newest line is cited.
 */
import type { EventFact } from '../model/types.js';
import type { ParseResult } from './result.js';
import { claim, type Parser } from './parser.js';

/**
 * `Nov 30 10:00:01 host kubelet[1234]: `, `5月 11 09:01:37 host kubelet[5347]: ` (a localised
 * month) or `2024-11-30T10:00:01.123+0000 host kubelet[1234]: `.
 */
const JOURNAL = /^(?:\S+ +\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?) \S+ [\w.@-]+(?:\[\d+\])?: /;
/** `E1130 10:00:01.123456    1234 pod_workers.go:1298] message` */
const KLOG = /^([IWEF])\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ ([\w.-]+\.go):\d+\] (.*)$/;
/** Source files whose lines are about pods and containers (a cheap first filter). */
const WORDS = /Event occurred|Unable to mount volumes for pod|Error syncing pod|Probe failed|Message for Container of pod|probe for "|failed (?:liveness|startup) probe|MountVolume\.\w+ failed|[Ee]viction manager|evict/;

/** key="value", key=value or key=[a b] pairs after a structured message. */
const PAIR = /(\w+)=("(?:[^"\\]|\\.)*"|\[[^\]]*\]|\S+)/g;
/** One sync failure: failed to "StartContainer" for "web" with CrashLoopBackOff: "detail" */
const SYNC_FAILURE = /failed to "(\w+)" for "([^"]+)" with (\w+): ("(?:[^"\\]|\\.)*"|[^,\]]*)/g;

/** A Go-quoted string's value (klog quotes with %q, which JSON reads for everything but rare escapes). */
function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
}

/** `shop/web-0` or `web-0_shop(uid)` as namespace and name. */
function podRef(text: string | undefined): { namespace?: string; name: string } | undefined {
  if (!text) return undefined;
  const slash = /^([a-z0-9][-a-z0-9]*)\/([a-z0-9][-a-z0-9.]*)$/.exec(text);
  if (slash) return { namespace: slash[1]!, name: slash[2]! };
  const legacy = /([a-z0-9][-a-z0-9.]*)_([a-z0-9][-a-z0-9]*)(?:\([0-9a-f-]+\)|$)/.exec(text);
  if (legacy) return { namespace: legacy[2]!, name: legacy[1]! };
  return undefined;
}

interface Said {
  pod: { namespace?: string; name: string };
  container?: string;
  init?: boolean;
  reason: string;
  message: string;
}

/** The event reason the kubelet files for a container waiting with this reason. */
function eventReason(waiting: string): string {
  return waiting === 'CrashLoopBackOff' || waiting === 'ImagePullBackOff' ? 'BackOff' : 'Failed';
}

/** The message of the event the kubelet files for the same failure. */
function eventMessage(waiting: string, detail: string): string {
  if (waiting === 'CrashLoopBackOff' || waiting === 'ImagePullBackOff') return detail;
  if (waiting === 'ErrImagePull') return `Failed to pull image: ${detail}`;
  if (waiting === 'InvalidImageName' || waiting === 'ErrImageNeverPull') return `Error: ${waiting}: ${detail}`;
  return `Error: ${detail}`;
}

/** What one klog message says about pods' containers. */
function read(message: string, lastResource: string | undefined): Said[] {
  const structured = /^"((?:[^"\\]|\\.)*)"(.*)$/.exec(message);
  const pairs: Record<string, string> = {};
  if (structured) for (const m of structured[2]!.matchAll(PAIR)) pairs[m[1]!] = unquote(m[2]!);
  const text = structured ? unquote(`"${structured[1]}"`) : message;

  // The kubelet logs every event it records (kubelet 1.26+): the event itself.
  if (text === 'Event occurred' && (pairs.kind ?? 'Pod') === 'Pod' && pairs.reason && pairs.type === 'Warning') {
    const pod = podRef(pairs.object);
    const container = /^spec\.(initContainers|containers)\{([^}]+)\}/.exec(pairs.fieldPath ?? '');
    return pod ? [{ pod, ...(container ? { container: container[2]!, init: container[1] === 'initContainers' } : {}), reason: pairs.reason, message: pairs.message ?? '' }] : [];
  }
  const unmountable = /^Unable to mount volumes for pod "([^"]+)": (.*?)(?:; skipping pod)?$/.exec(text);
  if (unmountable) {
    const pod = podRef(unmountable[1]);
    return pod ? [{ pod, reason: 'FailedMount', message: `Unable to mount volumes for pod "${unmountable[1]}": ${unmountable[2]}` }] : [];
  }
  if (/^Error syncing pod/.test(text)) {
    const err = structured ? (pairs.err ?? '') : text.replace(/^Error syncing pod[^:]*skipping: /, '');
    const out: Said[] = [];
    for (const m of err.matchAll(SYNC_FAILURE)) {
      const [, action, container, waiting, rawDetail] = m;
      const detail = unquote(rawDetail!.trim());
      const pod = podRef(pairs.pod) ?? podRef(/\("([^"]+)"\)/.exec(text)?.[1]) ?? podRef(/pod=(\S+?\([0-9a-f-]+\))/.exec(detail)?.[1]);
      if (!pod) continue;
      const init = action === 'InitContainer' || waiting === 'RunInitContainerError';
      out.push({ pod, container: container!, init, reason: eventReason(waiting!), message: eventMessage(waiting!, detail) });
    }
    return out;
  }
  if (text === 'Probe failed' || text === 'Probe errored') {
    const pod = podRef(pairs.pod);
    if (!pod || !pairs.probeType) return [];
    const output = (pairs.output ?? pairs.err ?? '').trim();
    return [{ pod, container: pairs.containerName, reason: 'Unhealthy', message: `${pairs.probeType} probe ${text === 'Probe failed' ? 'failed' : 'errored'}${output ? `: ${output}` : ''}` }];
  }
  const oldProbe = /^(Liveness|Readiness|Startup) probe for "([^"]+):([^":]+)" (failed|errored) \(\w+\): (.*)$/.exec(text);
  if (oldProbe) {
    const pod = podRef(oldProbe[2]);
    return pod ? [{ pod, container: oldProbe[3]!, reason: 'Unhealthy', message: `${oldProbe[1]} probe ${oldProbe[4]}: ${oldProbe[5]}` }] : [];
  }
  // kubelet 1.22+: the message it also files as the Killing event.
  if (text === 'Message for Container of pod' && pairs.containerMessage) {
    const pod = podRef(pairs.pod);
    return pod ? [{ pod, container: pairs.containerName, reason: 'Killing', message: pairs.containerMessage }] : [];
  }
  const mount = /(MountVolume\.\w+ failed for volume "[^"]+".*?) pod "([a-z0-9][-a-z0-9.]*)" \(UID: "[^"]+"\)(?: : (.*))?/.exec(text.replace(/\\"/g, '"'));
  if (mount) {
    return [{ pod: { name: mount[2]! }, reason: 'FailedMount', message: `${mount[1]!.replace(/ \(UniqueName: "[^"]*"\)/, '')}${mount[3] ? ` : ${mount[3]}` : ''}` }];
  }
  if (/[Ee]viction manager: (?:evicting|pod is evicted|pods? .*evicted)/.test(text)) {
    const refs = [pairs.pod, ...(pairs.pods ?? '').replace(/^\[|\]$/g, '').split(/\s+/), ...[...text.matchAll(/([a-z0-9][-a-z0-9.]*_[a-z0-9][-a-z0-9]*\([0-9a-f-]+\))/g)].map((m) => m[1])];
    const pods = refs.map((r) => podRef(r?.replace(/^"|"$/g, ''))).filter((p): p is { namespace?: string; name: string } => p !== undefined);
    return pods.map((pod) => ({ pod, reason: 'Evicted', message: lastResource ? `The node was low on resource: ${lastResource}.` : 'The kubelet evicted the pod to reclaim a resource of the node.' }));
  }
  return [];
}

/** Reads a kubelet log line by line; lines not about a pod's containers are passed over. */
export async function parseKubeletLog(lines: AsyncIterable<string>, artifact: string): Promise<ParseResult> {
  const events = new Map<string, EventFact>();
  let lineNo = 0;
  let klogLines = 0;
  let lastResource: string | undefined;
  // klog writes a multi-line value as `key=<`, its lines indented, and a closing ` >`.
  let open: { message: string; raw: string; line: number; body: string[] } | undefined;
  const emit = (message: string, raw: string, line: number) => {
    for (const said of read(message, lastResource)) record(said, raw, line);
  };
  const record = (said: Said, raw: string, line: number) => {
    const key = `${said.pod.namespace ?? ''}/${said.pod.name}|${said.container ?? ''}|${said.reason}|${said.message.replace(/back-off \d+m?\d*s/, 'back-off')}`;
    const source = { artifact, line, text: raw.trimEnd() };
    const seen = events.get(key);
    if (seen) {
      seen.count++;
      seen.source = source;
      return;
    }
    const event: EventFact = {
      type: 'event',
      subject: { kind: 'Pod', name: said.pod.name, ...(said.pod.namespace ? { namespace: said.pod.namespace } : {}) },
      eventType: 'Warning',
      reason: said.reason,
      message: said.message,
      count: 1,
      source,
    };
    if (said.container) event.subject.fieldPath = `spec.${said.init ? 'initContainers' : 'containers'}{${said.container}}`;
    events.set(key, event);
  };
  for await (const raw of lines) {
    lineNo++;
    const bare = raw.replace(JOURNAL, '');
    const klog = KLOG.exec(bare);
    if (open) {
      if (!klog && bare.trim() !== '>') {
        open.body.push(bare.trim());
        continue;
      }
      emit(`${open.message}${JSON.stringify(open.body.join('\n'))}`, open.raw, open.line);
      open = undefined;
      if (!klog) continue;
    }
    if (!klog) continue;
    klogLines++;
    const message = klog[3]!;
    if (message.endsWith('=<') && WORDS.test(message)) {
      open = { message: message.slice(0, -1), raw, line: lineNo, body: [] };
      continue;
    }
    const resource = /(?:attempting to reclaim|must evict pod\(s\) to reclaim)"? .*?resourceName="?([\w.-]+)|to reclaim ([\w.-]+)$/.exec(message);
    if (resource) lastResource = resource[1] ?? resource[2];
    if (!WORDS.test(message)) continue;
    emit(message, raw, lineNo);
  }
  if (open) emit(`${open.message}${JSON.stringify(open.body.join('\n'))}`, open.raw, open.line);
  const issues = klogLines === 0 ? [{ line: 1, message: 'no klog lines (I0101 12:00:00.000000 ...) found' }] : [];
  return { facts: [...events.values()], issues };
}

/** Lines that mark a text as the kubelet's log: the journald tag, or klog lines from its sources. */
export const KUBELET_JOURNAL = /^(?:\S+ +\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\dT\S+) \S+ (?:kubelet|kubenswrapper|hyperkube|k3s|kubelite|atomic-openshift-node|origin-node)(?:\[\d+\])?: /m;
const KUBELET_SOURCE = /^(?:\S.*?: )?[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ (pod_workers|kubelet|kubelet_pods|kubelet_node_status|kuberuntime_manager|kuberuntime_container|kuberuntime_sandbox|prober|prober_manager|eviction_manager|nestedpendingoperations|operation_generator|reconciler|reconciler_common|volume_manager|pod_container_deletor|status_manager)\.go:\d+\]/gm;

/** Whether a text's head is the kubelet's log: its journald tag, or klog lines from two of its sources. */
export function looksLikeKubeletLog(head: string): boolean {
  if (KUBELET_JOURNAL.test(head)) return true;
  const files = new Set([...head.matchAll(KUBELET_SOURCE)].map((m) => m[1]));
  return files.size >= 2;
}

export const kubeletLogParser: Parser = {
  kind: 'kubelet-log',
  // A log the layout filed under a pod is that pod's container, whatever it prints.
  sniff: ({ text, hints }) => claim(!hints.pod && looksLikeKubeletLog(text), 0.7, "the kubelet's own log (klog lines of its sources)"),
  parse: ({ lines, path }) => parseKubeletLog(lines(), path),
};
