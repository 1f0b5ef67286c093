/**
 * What a host name a pod dialed says about the Service behind it, by the cluster DNS scheme:
 * `<service>`, `<service>.<namespace>`, `<service>.<namespace>.svc[.<cluster domain>]` name a
 * Service; an IP address names none by itself; any other dotted name is outside the cluster.
 */
export type HostTarget =
  | { kind: 'service'; name: string; namespace: string }
  | { kind: 'ip'; ip: string }
  | { kind: 'external'; host: string };

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IP = /^(?:\d{1,3}\.){3}\d{1,3}$|^\[?[0-9a-f:]+\]?$/i;

export function hostTarget(host: string, podNamespace: string): HostTarget {
  if (IP.test(host) && host.includes('.') !== host.includes(':')) return { kind: 'ip', ip: host.replace(/^\[|\]$/g, '') };
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (!labels.every((l) => LABEL.test(l))) return { kind: 'external', host };
  const svc = labels.indexOf('svc');
  if (labels.length === 1) return { kind: 'service', name: labels[0]!, namespace: podNamespace };
  if (labels.length === 2 || (svc === 2 && labels.length >= 3)) return { kind: 'service', name: labels[0]!, namespace: labels[1]! };
  return { kind: 'external', host };
}
