/**
 * `npm run bench`: speed and memory of `podmortem analyze` on a large generated support bundle,
 * measured against plain tools run on the same files in the same script:
 *
 * - the `.tar.gz` against `tar -xzOf` (just decompressing and reading every byte),
 * - the directory against `grep -rEc` of the failure signatures (just scanning every line),
 *
 * runs alternating, medians reported as ratios, peak RSS from `/usr/bin/time -f %M`; then the
 * same at half the size, to show memory stays flat as the bundle doubles. It also checks that
 * every failing pod the generator planted is diagnosed with its cause and no healthy pod is.
 *
 * Options: --pods 2000 --mb 400 --runs 3 --dir .bench (bundles are generated once and reused).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist/cli/bin.js');

function arg(name: string, fallback: number | string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : String(fallback);
}

const PODS = Number(arg('pods', 2000));
const MB = Number(arg('mb', 400));
const RUNS = Number(arg('runs', 3));
const DIR = resolve(ROOT, arg('dir', '.bench'));

/** The causes planted in failing pods, and how each shows in the bundle. */
const CAUSES = ['oom-killed', 'app-crash', 'missing-secret', 'liveness-probe', 'wrong-command', 'image-pull', 'dependency-unavailable'] as const;
type Cause = (typeof CAUSES)[number];

interface Generated {
  dir: string;
  tgz: string;
  expected: Record<string, Cause>;
  pods: number;
  bytes: number;
}

const T0 = Date.parse('2026-11-20T10:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function containerStatus(cause: Cause | undefined, name: string, pod: string, ns: string): object {
  const base = { name, image: `registry.example.com/${name}:1.4.2`, imageID: `registry.example.com/${name}@sha256:${'ab'.repeat(32)}`, containerID: `containerd://${'0f'.repeat(32)}` };
  switch (cause) {
    case undefined:
      return { ...base, ready: true, started: true, restartCount: 0, state: { running: { startedAt: iso(0) } }, lastState: {} };
    case 'oom-killed':
      return { ...base, ready: false, restartCount: 6, state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${name} pod=${pod}_${ns}(uid)` } }, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: iso(100), finishedAt: iso(130) } } };
    case 'app-crash':
    case 'dependency-unavailable':
      return { ...base, ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: iso(100), finishedAt: iso(102) } } };
    case 'liveness-probe':
      return { ...base, ready: false, restartCount: 4, state: { running: { startedAt: iso(200) } }, lastState: { terminated: { exitCode: 137, reason: 'Error', startedAt: iso(100), finishedAt: iso(160) } } };
    case 'missing-secret':
      return { ...base, ready: false, restartCount: 0, state: { waiting: { reason: 'CreateContainerConfigError', message: `secret "${name}-credentials" not found` } }, lastState: {} };
    case 'wrong-command':
      return { ...base, ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 128, reason: 'StartError', message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/serve": stat /app/serve: no such file or directory: unknown', startedAt: '1970-01-01T00:00:00Z', finishedAt: iso(100) } } };
    case 'image-pull':
      return { ...base, ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "registry.example.com/${name}:1.4.3"` } }, lastState: {} };
  }
}

function events(cause: Cause | undefined, name: string, pod: string, ns: string): object[] {
  const ev = (reason: string, type: string, message: string, count = 1) => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod}.${(T0 + count).toString(16)}`, namespace: ns },
    involvedObject: { kind: 'Pod', name: pod, namespace: ns, fieldPath: `spec.containers{${name}}` },
    reason,
    type,
    message,
    count,
    firstTimestamp: iso(10),
    lastTimestamp: iso(300),
    source: { component: 'kubelet', host: 'worker-1' },
  });
  const out = [ev('Started', 'Normal', `Started container ${name}`)];
  if (cause === 'liveness-probe') {
    out.push(ev('Unhealthy', 'Warning', 'Liveness probe failed: Get "http://10.1.2.3:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 12));
    out.push(ev('Killing', 'Normal', `Container ${name} failed liveness probe, will be restarted`, 4));
  }
  if (cause === 'missing-secret') out.push(ev('Failed', 'Warning', `Error: secret "${name}-credentials" not found`, 9));
  if (cause === 'image-pull') out.push(ev('Failed', 'Warning', `Failed to pull image "registry.example.com/${name}:1.4.3": rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/${name}:1.4.3": not found`, 5));
  if (cause && cause !== 'missing-secret' && cause !== 'image-pull') out.push(ev('BackOff', 'Warning', `Back-off restarting failed container ${name} in pod ${pod}_${ns}(uid)`, 30));
  return out;
}

const INFO = [
  'INFO  [http] GET /api/v1/orders/{n} 200 12ms',
  'DEBUG [cache] hit ratio 0.{n} over 1000 lookups',
  'INFO  [worker] processed batch {n} (250 items) in 41ms',
  'INFO  [db] pool stats: active=4 idle=12 waiting=0 request={n}',
  'WARN  [http] slow request GET /api/v1/search?q={n} 812ms',
];

async function writeLog(path: string, bytes: number, seed: number, tail: string[]): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let n = seed;
  let buf = '';
  while (written < bytes) {
    const line = `2026-11-20 10:${String(n % 60).padStart(2, '0')}:${String((n * 7) % 60).padStart(2, '0')},${String(n % 1000).padStart(3, '0')} ${INFO[n % INFO.length]!.replace('{n}', String(n))}\n`;
    buf += line;
    written += line.length;
    n++;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  buf += tail.map((l) => `${l}\n`).join('');
  out.end(buf);
  await once(out, 'finish');
  return written;
}

const CRASH_TAIL: Partial<Record<Cause, string[]>> = {
  'app-crash': ['Traceback (most recent call last):', '  File "/app/worker.py", line 88, in <module>', '    run(settings)', "KeyError: 'ledger_account'"],
  'dependency-unavailable': ['ERROR [db] could not connect to postgres at orders-db.shop.svc.cluster.local:5432', 'psycopg2.OperationalError: could not connect to server: Connection refused'],
};

async function generate(pods: number, mb: number): Promise<Generated> {
  const dir = join(DIR, `bundle-${pods}p-${mb}mb`);
  const root = join(dir, 'support-bundle');
  const tgz = `${dir}.tar.gz`;
  const meta = join(DIR, `bundle-${pods}p-${mb}mb.json`);
  if (existsSync(tgz) && existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as Generated;
  console.error(`generating ${pods} pods, ${mb} MB of logs in ${dir} ...`);
  const namespaces = Math.max(1, Math.round(pods / 100));
  const perLog = Math.floor((mb * 1024 * 1024) / pods);
  const expected: Record<string, Cause> = {};
  mkdirSync(join(root, 'cluster-resources/pods'), { recursive: true });
  mkdirSync(join(root, 'cluster-resources/events'), { recursive: true });
  writeFileSync(join(root, 'version.yaml'), 'apiVersion: troubleshoot.sh/v1beta2\nkind: SupportBundle\nspec:\n  versionNumber: 0.123.0\n');
  let bytes = 0;
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    const items: object[] = [];
    const evs: object[] = [];
    for (let i = n; i < pods; i += namespaces) {
      const name = `svc${i}`;
      const pod = `${name}-7d9f6b5c4-${(i * 7919).toString(36).padStart(5, 'x').slice(-5)}`;
      // About 3% fail, each with one of the planted causes.
      const cause = i % 33 === 7 ? CAUSES[Math.floor(i / 33) % CAUSES.length] : undefined;
      if (cause) expected[`${ns}/${pod}/${name}`] = cause;
      items.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: pod, namespace: ns, uid: `uid-${i}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-7d9f6b5c4`, controller: true }] },
        spec: {
          restartPolicy: 'Always',
          nodeName: 'worker-1',
          containers: [
            {
              name,
              image: `registry.example.com/${name}:1.4.2`,
              command: cause === 'wrong-command' ? ['/app/serve'] : undefined,
              resources: { limits: { memory: '256Mi', cpu: '1' }, requests: { memory: '128Mi', cpu: '100m' } },
              livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
              env: cause === 'missing-secret' ? [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${name}-credentials`, key: 'password' } } }] : [],
            },
          ],
        },
        status: { phase: cause === 'image-pull' || cause === 'missing-secret' ? 'Pending' : 'Running', containerStatuses: [containerStatus(cause, name, pod, ns)] },
      });
      evs.push(...events(cause, name, pod, ns));
      const logs = join(root, 'cluster-resources/pods/logs', ns, pod);
      mkdirSync(logs, { recursive: true });
      bytes += await writeLog(join(logs, `${name}.log`), perLog, i * 1000, []);
      if (cause && CRASH_TAIL[cause]) bytes += await writeLog(join(logs, `${name}-previous.log`), Math.min(perLog, 64 * 1024), i * 1000 + 17, CRASH_TAIL[cause]!);
    }
    writeFileSync(join(root, `cluster-resources/pods/${ns}.json`), JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items }, null, 2));
    writeFileSync(join(root, `cluster-resources/events/${ns}.json`), JSON.stringify({ kind: 'EventList', apiVersion: 'v1', metadata: {}, items: evs }, null, 2));
  }
  spawnSync('tar', ['-czf', tgz, '-C', dir, '.'], { stdio: 'inherit' });
  const gen: Generated = { dir, tgz, expected, pods, bytes };
  writeFileSync(meta, JSON.stringify(gen));
  return gen;
}

interface Measure {
  seconds: number;
  rssKiB: number;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a shell command under /usr/bin/time: wall seconds and peak RSS (KiB). */
function measure(command: string): Measure {
  if (TIME) {
    const r = spawnSync(TIME, ['-f', '%e %M', 'sh', '-c', command], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const last = r.stderr.trim().split('\n').pop() ?? '';
    const [seconds, rss] = last.split(' ').map(Number);
    if (r.status !== 0 && !/grep/.test(command)) throw new Error(`${command} failed: ${r.stderr}`);
    return { seconds: seconds!, rssKiB: rss! };
  }
  const start = process.hrtime.bigint();
  spawnSync('sh', ['-c', command], { stdio: 'ignore' });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, rssKiB: Number.NaN };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The failure signatures a plain grep looks for: the baseline of "just scanning the lines". */
const GREP_PATTERN = 'OOMKilled|Traceback|panic:|Exception|refused|not found|BackOff|Unhealthy|FATAL|ERROR|denied|timeout';

function check(gen: Generated, reportPath: string): { right: number; wrong: string[]; flagged: string[] } {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { diagnoses: { namespace: string; pod: string; container: string; category: string }[] };
  const got = new Map(report.diagnoses.map((d) => [`${d.namespace}/${d.pod}/${d.container}`, d.category]));
  let right = 0;
  const wrong: string[] = [];
  for (const [key, cause] of Object.entries(gen.expected)) {
    if (got.get(key) === cause) right++;
    else wrong.push(`${key}: expected ${cause}, got ${got.get(key) ?? 'nothing'}`);
  }
  const flagged = [...got.keys()].filter((k) => !(k in gen.expected));
  return { right, wrong, flagged };
}

async function benchOne(pods: number, mb: number) {
  const gen = await generate(pods, mb);
  const report = join(DIR, 'report.json');
  const rows: Record<string, Measure[]> = { tgz: [], tarx: [], dir: [], grep: [] };
  for (let i = 0; i < RUNS; i++) {
    rows.tgz!.push(measure(`node ${BIN} analyze ${gen.tgz} -f json -o ${report}`));
    rows.tarx!.push(measure(`tar -xzOf ${gen.tgz} > /dev/null`));
    rows.dir!.push(measure(`node ${BIN} analyze ${gen.dir} -f json -o ${report}`));
    rows.grep!.push(measure(`grep -rEc '${GREP_PATTERN}' ${gen.dir} > /dev/null`));
  }
  const m = (k: string) => median(rows[k]!.map((r) => r.seconds));
  const rss = (k: string) => Math.max(...rows[k]!.map((r) => r.rssKiB));
  const result = check(gen, report);
  return { gen, m, rss, result };
}

const half = await benchOne(Math.round(PODS / 2), Math.round(MB / 2));
const full = await benchOne(PODS, MB);
const fmt = (x: number) => x.toFixed(2);
console.log(`bundle: ${full.gen.pods} pods, ${(full.gen.bytes / 1048576).toFixed(0)} MB of logs, ${Object.keys(full.gen.expected).length} failing; ${RUNS} alternating runs, medians`);
console.log(`.tar.gz   podmortem ${fmt(full.m('tgz'))} s   tar -xzOf ${fmt(full.m('tarx'))} s   ratio ${fmt(full.m('tgz') / full.m('tarx'))}x (target <= 1.2x)`);
console.log(`directory podmortem ${fmt(full.m('dir'))} s   grep -rEc ${fmt(full.m('grep'))} s   ratio ${fmt(full.m('dir') / full.m('grep'))}x (target <= 1.5x)`);
console.log(`peak RSS  ${(full.rss('tgz') / 1024).toFixed(0)} MB (.tar.gz), ${(full.rss('dir') / 1024).toFixed(0)} MB (directory) (target <= 200 MB)`);
console.log(`half size peak RSS ${(half.rss('tgz') / 1024).toFixed(0)} MB (.tar.gz): x${fmt(full.rss('tgz') / half.rss('tgz'))} when the bundle doubles (flat is ~1.0)`);
console.log(`diagnoses: ${full.result.right}/${Object.keys(full.gen.expected).length} planted failures right, ${full.result.flagged.length} healthy pods flagged`);
for (const w of full.result.wrong.slice(0, 10)) console.log(`  wrong: ${w}`);
for (const f of full.result.flagged.slice(0, 10)) console.log(`  flagged: ${f}`);
if (full.result.wrong.length > 0 || full.result.flagged.length > 0) process.exitCode = 1;
