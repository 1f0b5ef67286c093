/**
 * Shared by missing-secret and missing-configmap: finds the kubelet's "not found" message for a
 * Secret or ConfigMap (waiting message, `Failed` or `FailedMount` event) and the spec lines that
 * reference the missing object.
 */
import type { ContainerContext, SourceRef } from '../model/types.js';
import { findKubeletText, type SourcedText } from './context.js';

/** The kubelet's and runtime's wordings, per kind: name in group 1, key (when a key is missing) in group 2. */
const NOT_FOUND: Record<'secret' | 'configmap', RegExp[]> = {
  secret: [
    /\bsecrets? "([^"]+)" not found/i,
    /couldn'?t find key (\S+) in Secret [\w.-]+\/([\w.-]+)/i,
    /references non-existent secret key: (\S+)/i,
  ],
  configmap: [
    /\bconfigmaps? "([^"]+)" not found/i,
    /couldn'?t find key (\S+) in ConfigMap [\w.-]+\/([\w.-]+)/i,
    /configmap references non-existent config key: (\S+)/i,
  ],
};

export interface MissingObject {
  name: string;
  key?: string;
  hit: SourcedText;
  viaVolume: boolean;
  references: { what: string; source: SourceRef }[];
}

/** A line of the failed instance's log with the same "not found" shape (client-go's own words). */
function findLogText(ctx: ContainerContext, re: RegExp): { hit: SourcedText; match: RegExpExecArray } | undefined {
  for (const m of [...(ctx.log?.matches ?? [])].reverse()) {
    const match = re.exec(m.message ?? m.text);
    if (match) return { hit: { text: m.message ?? m.text, source: { artifact: ctx.log!.artifact, line: m.line, text: m.text }, from: 'log' }, match };
  }
  return undefined;
}

/** A SecretCheck/ConfigMapCheck in the bundle that says an object this container needs is missing. */
function missingByCheck(ctx: ContainerContext, kind: 'secret' | 'configmap'): { hit: SourcedText; name: string; key?: string } | undefined {
  const checkKind = kind === 'secret' ? 'SecretCheck' : 'ConfigMapCheck';
  const needed = new Set<string>([
    ...ctx.container.env.filter((e) => e.from?.kind === kind && !e.from.optional).map((e) => e.from!.name),
    ...ctx.container.envFrom.filter((e) => e.kind === kind && !e.optional).map((e) => e.name),
    ...ctx.pod.volumes.flatMap((v) => v.refs.filter((r) => r.kind === kind && !r.optional).map((r) => r.name)),
  ]);
  for (const o of ctx.incident.objects) {
    if (o.kind !== checkKind || !needed.has(o.name) || (o.namespace && o.namespace !== ctx.pod.namespace)) continue;
    if (o.exists === false) return { hit: { text: `${kind === 'secret' ? 'secret' : 'configmap'} "${o.name}" not found`, source: o.source, from: 'bundle check' }, name: o.name };
    if (o.key && o.keyExists === false) return { hit: { text: `key ${o.key} not found in ${o.name}`, source: o.source, from: 'bundle check' }, name: o.name, key: o.key };
  }
  return undefined;
}

export function missingObject(ctx: ContainerContext, kind: 'secret' | 'configmap'): MissingObject | undefined {
  const [byName, byKey, volumeKey] = NOT_FOUND[kind];
  let name: string | undefined;
  let key: string | undefined;
  let hit: SourcedText | undefined;
  const named = findKubeletText(ctx, byName!) ?? findLogText(ctx, byName!);
  const keyed = findKubeletText(ctx, byKey!) ?? findLogText(ctx, byKey!);
  const volKeyed = findKubeletText(ctx, volumeKey!);
  if (named) ({ hit } = named), (name = named.match[1]);
  else if (keyed) ({ hit } = keyed), (key = keyed.match[1]), (name = keyed.match[2]);
  else if (volKeyed) ({ hit } = volKeyed), (key = volKeyed.match[1]);
  if (!hit) {
    // No kubelet message, but the bundle's own existence check says a referenced object is missing.
    const check = missingByCheck(ctx, kind);
    if (!check) return undefined;
    ({ hit, name } = check);
    if (check.key) key = check.key;
  }
  // A container that has started since got its Secrets and ConfigMaps: an old event is history.
  // (A log line saying so is the process's own lookup, e.g. an init container fetching a Secret.)
  const started = ctx.container.state?.status === 'running' || ctx.container.state?.status === 'terminated' || ctx.container.lastState !== undefined;
  if (started && !hit.from.endsWith('message') && hit.from !== 'log') return undefined;

  // A FailedMount names the volume: only containers that mount it are stuck on it.
  const volume = /for volume "([^"]+)"/.exec(hit.text)?.[1];
  const viaVolume = hit.from === 'FailedMount';
  if (viaVolume && volume && !ctx.container.mounts.some((m) => m.volume === volume) && ctx.container.mounts.length > 0) return undefined;
  if (viaVolume && volume && !name) {
    name = ctx.pod.volumes.find((v) => v.name === volume)?.refs.find((r) => r.kind === kind)?.name;
  }
  if (!name) name = volume ?? '(unnamed)';

  const references: MissingObject['references'] = [];
  for (const env of ctx.container.env) {
    if (env.from?.kind === kind && env.from.name === name && (!key || env.from.key === key)) {
      references.push({ what: `env ${env.name}`, source: env.source });
    }
  }
  for (const from of ctx.container.envFrom) {
    if (from.kind === kind && from.name === name) references.push({ what: `envFrom ${name}`, source: from.source });
  }
  for (const v of ctx.pod.volumes) {
    if (v.refs.some((r) => r.kind === kind && r.name === name)) references.push({ what: `volume ${v.name}`, source: v.source });
  }
  const out: MissingObject = { name, hit, viaVolume, references };
  if (key) out.key = key;
  return out;
}
