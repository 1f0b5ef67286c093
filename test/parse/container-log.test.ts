import { describe, expect, it } from 'vitest';
import { LOG_MATCH_LIMIT, LOG_TAIL_LINES } from '../../src/knowledge/log-signatures.js';
import type { LogFact } from '../../src/model/types.js';
import { logMessage, matchSignature } from '../../src/parse/container-log.js';
import { fixture, holmesBody } from '../helpers/fixtures.js';
import { detectAndParse } from '../helpers/parse.js';

async function scan(path: string, text: string | Buffer): Promise<LogFact[]> {
  const result = await detectAndParse(path, text);
  return result.facts.filter((f): f is LogFact => f.type === 'log');
}

describe('container logs', () => {
  it('a real previous log: the Python traceback lines are kept with their numbers', async () => {
    const text = holmesBody(fixture('holmesgpt/tests/llm/fixtures/test_investigate/05_crashpod/kubectl_previous_logs.txt'));
    const [log] = await scan('kubectl_previous_logs.txt', text);
    expect(log!.totalLines).toBe(text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
    const lines = text.split('\n');
    for (const m of log!.matches) expect(lines[m.line - 1]).toBe(m.text);
  });

  it('CRI lines: prefixes are read past and P pieces joined with the F piece', async () => {
    const text = [
      '2026-06-24T10:32:15.123456789Z stdout F starting',
      '2026-06-24T10:32:16.000000001Z stderr P Exception in thread "main" java.lang.OutOf',
      '2026-06-24T10:32:16.000000002Z stdout F unrelated stdout line',
      '2026-06-24T10:32:16.000000003Z stderr F MemoryError: Java heap space',
      '2023-11-02T06:12:07.604163885+00:00 stderr F panic: runtime error: invalid memory address',
    ].join('\n');
    const [log] = await scan('0.log', text);
    expect(log!.matches.map((m) => [m.signature, m.line])).toEqual([
      ['java-heap-oom', 2],
      ['go-panic', 5],
    ]);
  });

  it('docker json-file lines, split ones joined', async () => {
    const text = [
      '{"log":"boot\\n","stream":"stdout","time":"2016-10-20T18:39:20.57606443Z"}',
      '{"log":"Traceback (most recent","stream":"stderr","time":"2016-10-20T18:39:21.0Z"}',
      '{"log":" call last):\\n","stream":"stderr","time":"2016-10-20T18:39:21.1Z"}',
    ].join('\n');
    const [log] = await scan('container-json.log', text);
    expect(log!.matches).toEqual([expect.objectContaining({ signature: 'python-traceback', line: 2 })]);
  });

  it('--timestamps and ANSI colours do not hide a signature', () => {
    expect(logMessage('2021-09-14T14:14:56.113760533Z F0914 14:14:56.1 1 main.go:1] boom')).toBe('F0914 14:14:56.1 1 main.go:1] boom');
    expect(matchSignature(logMessage('\x1b[31mpanic: oh no\x1b[0m'))).toBe('go-panic');
    expect(matchSignature(logMessage('[pod/api-1/api] Traceback (most recent call last):'))).toBe('python-traceback');
  });

  it('a shell script stopped by its own error: bash set -u, dash and busybox, a syntax error', () => {
    expect(matchSignature('/opt/kata-artifacts/scripts/kata-deploy.sh: line 19: SHIMS: unbound variable')).toBe('shell-error');
    expect(matchSignature('/scripts/retention.sh: line 42: BACKUPS[@]: unbound variable')).toBe('shell-error');
    expect(matchSignature('sh: 1: DB_HOST: parameter not set')).toBe('shell-error');
    expect(matchSignature('/entrypoint.sh: line 7: syntax error near unexpected token `fi\'')).toBe('shell-error');
    // A sentence that mentions the error is not the shell's line.
    expect(matchSignature('the script failed because of an unbound variable')).toBeUndefined();
  });

  it('UTF-16 with a BOM, Latin-1 bytes and NULs are read as text', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('INFO ok\r\npanic: bad\r\n', 'utf16le')]);
    const [a] = await scan('app.log', utf16);
    expect(a!.matches).toEqual([{ line: 2, text: 'panic: bad', signature: 'go-panic' }]);
    const latin1 = Buffer.concat([Buffer.from('INFO d\u00e9marrage\n', 'utf8'), Buffer.from('ERROR: caf\u00e9 ferm\u00e9\n', 'latin1')]);
    const [b] = await scan('app.log', latin1);
    expect(b!.tail.map((l) => l.text)).toEqual(['INFO démarrage', 'ERROR: café fermé']);
    const nul = Buffer.from('line\u0000one\nFATAL two\n');
    const [c] = await scan('app.log', nul);
    expect(c!.tail.map((l) => l.text)).toEqual(['lineone', 'FATAL two']);
  });

  it('memory stays bounded: a long log keeps a fixed tail and a capped set of matches', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 60_000; i++) lines.push(i % 50 === 0 ? `ERROR request ${i} failed` : `INFO request ${i} ok`);
    const [log] = await scan('big.log', lines.join('\n'));
    expect(log!.totalLines).toBe(60_000);
    expect(log!.tail).toHaveLength(LOG_TAIL_LINES);
    expect(log!.tail.at(-1)).toEqual({ line: 60_000, text: 'ERROR request 60000 failed' });
    expect(log!.matches.length).toBeLessThanOrEqual(LOG_MATCH_LIMIT);
    expect(log!.matches[0]!.line).toBe(50);
    expect(log!.matches.at(-1)!.line).toBe(60_000);
  });

  it('kubectl logs error texts are "not captured", not log content', async () => {
    const err = 'Error from server (BadRequest): previous terminated container "api" in pod "api-1" not found\n';
    const result = await detectAndParse('cluster-resources/pods/logs/shop/api-1/api-previous.log', err);
    expect(result.detection.kind).toBe('log-error');
    const [log] = result.facts as LogFact[];
    expect(log).toEqual(expect.objectContaining({ namespace: 'shop', pod: 'api-1', container: 'api', previous: true, notCaptured: err.trim() }));
  });

  it('cluster-info dump logs.txt: one log per START/END section', async () => {
    const text = fixture('global-cloudwork-kubernetes/cluster-dump/kube-system/cilium-qh8nw/logs.txt');
    const logs = await scan('kube-system/cilium-qh8nw/logs.txt', text);
    const sections = text.split('\n').filter((l) => l.startsWith('==== START logs for container'));
    expect(logs).toHaveLength(sections.length);
    expect(logs.every((l) => l.namespace === 'kube-system' && l.pod === 'cilium-qh8nw' && l.previous === false)).toBe(true);
    expect(logs.map((l) => l.container)).toContain('cilium-agent');
  });
});

describe('the log prefilter', () => {
  it('never misses a line a signature matches or a kubelet message stands on, on every real log the project holds', async () => {
    const { kubeletMessageOn } = await import('../../src/parse/kubelet-message.js');
    const { default: fg } = await import('fast-glob');
    const { readFileSync } = await import('node:fs');
    const { LOG_PREFILTER } = await import('../../src/knowledge/log-signatures.js');
    const { FIXTURES, ROOT } = await import('../helpers/fixtures.js');
    const files = [
      ...fg.sync('**/*.{log,txt}', { cwd: FIXTURES, absolute: true }),
      ...fg.sync('{samples,test/corpus}/**/*.{log,txt}', { cwd: ROOT, absolute: true }),
    ];
    let matched = 0;
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        const message = logMessage(line);
        if (!matchSignature(message) && !kubeletMessageOn(message, { artifact: f, line: 1, text: line })) continue;
        matched++;
        expect(new RegExp(LOG_PREFILTER.source).test(line.toLowerCase()), `${f}: ${line}`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(300);
  });

  it('block and line-by-line scanning find the same lines', async () => {
    const text = fixture('holmesgpt/tests/llm/fixtures/test_investigate/05_crashpod/kubectl_previous_logs.txt');
    const big = Array.from({ length: 30 }, () => text).join('');
    const [fast] = await scan('app.log', big);
    const { scanLog } = await import('../../src/parse/container-log.js');
    async function* lines() {
      yield* big.replace(/\n$/, '').split('\n');
    }
    const slow = await scanLog(lines(), { artifact: 'app.log' });
    expect(fast!.totalLines).toBe(slow.totalLines);
    expect(fast!.matches).toEqual(slow.matches);
    expect(fast!.tail).toEqual(slow.tail);
  });
});
