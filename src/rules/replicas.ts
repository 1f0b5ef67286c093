/**
 * An engine step: replicas of one owner run the same image with the same spec, so when one of
 * them shows why it fails and another shows nothing (its log was not captured, only its row was
 * listed), the second is most likely failing the same way. Its `unknown` takes the sibling's
 * cause, at a lower confidence, and says whose proof it borrows.
 */
import type { Diagnosis, Incident, PodModel } from '../model/types.js';

/** A borrowed cause is stated with this share of the sibling's confidence. */
const BORROWED_CONFIDENCE_FACTOR = 0.75;

/** Pods made by a ReplicaSet, a DaemonSet or a Job end in five characters of this alphabet. */
const GENERATED_SUFFIX = /-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/** The owner two pods share when they are replicas: the controller that made them, by name. */
export function replicaOwner(pod: PodModel): string | undefined {
  const owner = pod.owner?.value;
  if (owner && owner.kind !== 'Node') return `${pod.namespace}/${owner.name}`;
  // Without its object, a pod's name carries its owner's: <deployment>-<hash>-<suffix> for a
  // ReplicaSet's, <name>-<suffix> for a DaemonSet's or Job's, <name>-<ordinal> for a StatefulSet's.
  if (GENERATED_SUFFIX.test(pod.name)) return `${pod.namespace}/${pod.name.replace(GENERATED_SUFFIX, '')}`;
  const ordinal = /^(.+)-\d+$/.exec(pod.name);
  return ordinal ? `${pod.namespace}/${ordinal[1]}` : undefined;
}

export function shareAcrossReplicas(diagnoses: Diagnosis[], incident: Incident): Diagnosis[] {
  const pods = new Map(incident.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  const ownerOf = (d: Diagnosis) => {
    const pod = pods.get(`${d.namespace}/${d.pod}`);
    return pod ? replicaOwner(pod) : undefined;
  };
  return diagnoses.map((d) => {
    // A pod that is gone (only its events remain) stays a note of the past, not a borrowed cause.
    if (d.category !== 'unknown' || pods.get(`${d.namespace}/${d.pod}`)?.vanished) return d;
    const owner = ownerOf(d);
    if (!owner) return d;
    const sibling = diagnoses
      // The same container, or the stand-in of a pod known from its listing row only.
      .filter((o) => o !== d && o.category !== 'unknown' && (o.container === d.container || (d.container.startsWith('<') && o.init === d.init)) && o.pod !== d.pod && ownerOf(o) === owner)
      .sort((a, b) => b.confidence - a.confidence)[0];
    if (!sibling) return d;
    return {
      ...d,
      category: sibling.category,
      secondary: sibling.secondary,
      ruleId: sibling.ruleId,
      severity: sibling.severity,
      confidence: Math.round(sibling.confidence * BORROWED_CONFIDENCE_FACTOR * 100) / 100,
      summary: `Pod ${d.pod} is a replica of the same owner as ${sibling.pod}, which shows the cause; the bundle holds nothing of ${d.pod}'s own that says otherwise. ${sibling.summary}`,
      evidence: [...d.evidence, ...sibling.evidence.filter((e) => !d.evidence.some((x) => x.artifact === e.artifact && x.line === e.line))],
      remediation: sibling.remediation,
      contributing: [{ ruleId: d.ruleId, category: 'unknown', confidence: d.confidence }, ...d.contributing],
    };
  });
}
