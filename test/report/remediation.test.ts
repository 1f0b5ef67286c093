import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { hostTarget } from '../../src/knowledge/service-dns.js';
import { FIXTURES, ROOT, SAMPLES } from '../helpers/fixtures.js';
import { GOLDEN, snapshotOf } from '../../scripts/snapshot-shape.js';

const golden = JSON.parse(readFileSync(join(ROOT, GOLDEN), 'utf8')) as Record<string, unknown>;

const dirs = (p: string) => readdirSync(p).map((d) => join(p, d)).filter((d) => statSync(d).isDirectory());

/** A name kubectl accepts: a DNS label or subdomain, or a placeholder for the user to fill in. */
const NAME = /^(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?|<[^>]+>)$/;
const VERBS = new Set(['logs', 'describe', 'get', 'top', 'exec', 'create', 'delete']);
/** Flags whose value is a free string, not a name. */
const FREE_FLAGS = new Set(['-L', '--field-selector', '-o', '-l', '--from-literal', '--from-file']);

/**
 * Every kubectl command the reports tell users to run, for every sample and public fixture
 * bundle: a verb kubectl has, names that are valid object names (or visible placeholders), and
 * pods and namespaces that exist in the bundle.
 */
describe('remediation commands', () => {
  const inputs = [...dirs(SAMPLES), ...dirs(FIXTURES)];
  it.each(inputs.map((d) => [d.slice(d.lastIndexOf('/') + 1), d]))('%s (and its diagnoses are the committed snapshot\'s)', async (_name, dir) => {
    const a = await analyze(dir);
    // No change of behaviour goes unseen: the diagnoses match test/fixtures/diagnoses.golden.json
    // (rewritten by `npm run snapshot -- --update` when a change is meant, its diff reviewed).
    expect(snapshotOf(a)).toEqual(golden[relative(ROOT, dir)]);
    const namespaces = new Set(['kube-system', ...a.incident.pods.map((p) => p.namespace), ...a.incident.objects.flatMap((o) => (o.namespace ? [o.namespace] : []))]);
    const pods = new Set(a.incident.pods.map((p) => p.name));
    for (const d of a.diagnoses) {
      for (const text of d.remediation) {
        const commands = [...text.matchAll(/`(kubectl [^`]+)`/g)].map((m) => m[1]!);
        if (/^kubectl /.test(text)) commands.push(text.replace(/ \(.*$/, ''));
        for (const command of commands) {
          const words = command.split(' | ')[0]!.split(/\s+/).slice(1);
          expect(VERBS.has(words[0]!), command).toBe(true);
          for (let i = 1; i < words.length; i++) {
            const w = words[i]!;
            if (w === '--') break;
            if (w.startsWith('-')) {
              const flag = w.split('=')[0]!;
              if (w.includes('=')) continue;
              const value = words[i + 1];
              if (flag === '-n' && value !== undefined) expect(namespaces.has(value) || value.startsWith('<'), `${command}: namespace ${value}`).toBe(true);
              if (['-n', '-c', ...FREE_FLAGS].includes(flag)) i++;
              continue;
            }
            if (/^(?:pods?|svc,endpoints|node|pvc|secret|configmap|generic|docker-registry|events|\.\.\.)$/.test(w)) continue;
            expect(NAME.test(w), `${command}: ${w}`).toBe(true);
          }
          // The pod a command names is one of the bundle's.
          const pod = ['logs', 'exec'].includes(words[0]!) ? words[1] : ['pod', 'pods'].includes(words[1] ?? '') ? words[2] : words[0] === 'top' ? words[2] : undefined;
          if (pod && !pod.startsWith('<')) expect(pods.has(pod), `${command}: pod ${pod}`).toBe(true);
        }
      }
    }
  });
});

describe('host names a pod dials', () => {
  it('reads the cluster DNS scheme', () => {
    expect(hostTarget('postgres', 'shop')).toEqual({ kind: 'service', name: 'postgres', namespace: 'shop' });
    expect(hostTarget('postgres.db', 'shop')).toEqual({ kind: 'service', name: 'postgres', namespace: 'db' });
    expect(hostTarget('postgres.db.svc.cluster.local', 'shop')).toEqual({ kind: 'service', name: 'postgres', namespace: 'db' });
    expect(hostTarget('172.30.84.19', 'shop')).toEqual({ kind: 'ip', ip: '172.30.84.19' });
    expect(hostTarget('db.example.com', 'shop')).toEqual({ kind: 'external', host: 'db.example.com' });
  });
});
