import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { logMessage, matchSignature } from '../../src/parse/container-log.js';
import { scanSignals } from '../../src/parse/signal-scan.js';
import { tempBundle } from '../helpers/fixtures.js';

/**
 * Text no parser recognises still gets read for failure signals: a console's view of a pod, an
 * event row after a few words of prose, a lone log line. Quotations in docs stay quiet.
 */
describe('the signal scan', () => {
  it('reads a console\'s termination view (Reason with its exit code)', async () => {
    // The shape Lens shows for a container's last status.
    const text = ['Last Status', 'terminated', 'Reason: OOMKilled - exit code: 137', 'Started at: 2021-11-19T08:28:10+01:00'].join('\n');
    const a = await analyze(tempBundle({ 'paste.txt': `${text}\n` }));
    expect(a.diagnoses.map((d) => d.category)).toEqual(['oom-killed']);
    expect(a.diagnoses[0]!.evidence.map((e) => e.line)).toContain(3);
    // Read out of a format podmortem does not know: stated with less confidence than the same
    // state in a describe.
    const describe = ['Containers:', '  app:', '    Last State:     Terminated', '      Reason:       OOMKilled', '      Exit Code:    137', '    Restart Count:  4'].join('\n');
    const b = await analyze(tempBundle({ 'describe.txt': `${describe}\n` }));
    expect(a.diagnoses[0]!.confidence).toBeLessThan(b.diagnoses[0]!.confidence);
  });

  it('reads an event row after prose, with the container its field path names', () => {
    const line = 'kubectl events says: spec.containers{airflow-flower}   Warning   Unhealthy   kubelet, node-2   Liveness probe failed: HTTP probe failed with statuscode: 404';
    const { facts } = scanSignals([line], 'paste.txt');
    expect(facts).toMatchObject([{ type: 'event', eventType: 'Warning', reason: 'Unhealthy', subject: { fieldPath: 'spec.containers{airflow-flower}' }, message: 'Liveness probe failed: HTTP probe failed with statuscode: 404', source: { line: 1, loose: true } }]);
  });

  it('passes over messages that a sentence or a table only mentions', () => {
    const lines = [
      'If the runtime says OCI runtime create failed, look at the node.',
      '| `Back-off restarting failed container` | the container keeps crashing |',
      'When you see `Reason: OOMKilled`, raise the limit.',
    ];
    expect(scanSignals(lines, 'RUNBOOK.md').facts).toEqual([]);
  });

  it('a crash line alone in text is a log of the container', () => {
    const { facts } = scanSignals(['we upgraded and now it prints', 'memory allocation of 5 bytes failed'], 'paste.txt', 10);
    expect(facts).toMatchObject([{ type: 'log', loose: true, lines: [11, 12], matches: [{ line: 12, signature: 'alloc-failed' }] }]);
  });
});

describe('signatures of real runtime and library output', () => {
  const cases: [string, string][] = [
    // SnakeYAML (Java) and PyYAML parse errors.
    ['while parsing a block mapping', 'bad-config'],
    ["expected <block end>, but found '<block mapping start>'", 'bad-config'],
    ['yaml.scanner.ScannerError: mapping values are not allowed here', 'bad-config'],
    // Go configuration loaders (traefik's flag decoder); a trailing `node: trace` is not a log level.
    ['command traefik error: failed to decode configuration from flags: field not found, node: trace', 'bad-config'],
    // libpq's hint line under `could not connect to server`.
    ['\tIs the server running on host "127.0.0.1" and accepting TCP/IP connections on port 5432?', 'connection-refused'],
    // Rust's allocation failure abort, and jemalloc refusing the kernel's page size.
    ['memory allocation of 5 bytes failed', 'alloc-failed'],
    ['<jemalloc>: Unsupported system page size', 'alloc-failed'],
    // Elasticsearch's bootstrap check on the node's vm.max_map_count.
    ['[1]: max virtual memory areas vm.max_map_count [65530] is too low, increase to at least [262144]', 'node-limits'],
    // logrus's text formatter prints levels cut to four letters.
    ['FATA: 2019/06/04 11:58:01.649074 [kube-peers] Could not check peer list', 'fatal-level'],
  ];
  it.each(cases)('%s', (line, id) => {
    expect(matchSignature(logMessage(line))).toBe(id);
  });

  it('a lower-case level word counts as calm only where a level stands', () => {
    expect(matchSignature('level=info msg="could not parse the config, using defaults"')).toBeUndefined();
    expect(matchSignature('[debug] invalid value for port, retrying')).toBeUndefined();
  });
});
