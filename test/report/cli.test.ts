/** The `analyze` command's report options: -f html, --fail-on, --no-redact, --quiet, progress. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { cli, podmortem } from '../helpers/cli.js';
import { API_TOKEN, AWS_KEY, credentialsBundle, DB_PASSWORD, healthyBundle, JWT, recoveredBundle, SECRET_DATA, URL_PASSWORD } from './bundles.js';
import { expectValidReport } from './schema.js';

describe('--fail-on: exit 1 when a finding is at or above the severity', () => {
  const cases: [string, () => string, string, number][] = [
    ['a critical finding, --fail-on critical', () => 'samples/oom-killed', 'critical', 1],
    ['a critical finding, --fail-on warning', () => 'samples/oom-killed', 'warning', 1],
    ['a warning finding, --fail-on error', recoveredBundle, 'error', 0],
    ['a warning finding, --fail-on warning', recoveredBundle, 'warning', 1],
    ['a warning finding, --fail-on info', recoveredBundle, 'info', 1],
    ['nothing failing, --fail-on info', healthyBundle, 'info', 0],
  ];
  for (const [name, bundle, severity, status] of cases) {
    it(`${name} → ${status}`, async () => {
      const r = podmortem(['analyze', bundle(), '--fail-on', severity, '-f', 'json']);
      expect(r.status, r.stderr).toBe(status);
      expect(r.stderr).toBe('');
      // The report is printed either way.
      expectValidReport(r.stdout);
    });
  }

  it('without --fail-on a finding exits 0', async () => {
    expect((await cli(['analyze', 'samples/oom-killed'])).status).toBe(0);
  });

  it('an unknown severity is a usage error (exit 2)', async () => {
    const r = await cli(['analyze', 'samples/oom-killed', '--fail-on', 'fatal']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/argument 'fatal' is invalid/);
  });

  it('also with -o: the file is written, the status says there were findings', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pm-failon-')), 'report.html');
    const r = await cli(['analyze', 'samples/oom-killed', '-f', 'html', '-o', out, '--fail-on', 'error']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});

describe('credentials: redacted by default in every format, shown with --no-redact', () => {
  const dir = credentialsBundle();
  // The base64 of the Secret's data, without padding (HTML escapes `=`).
  const secretValues = [DB_PASSWORD, API_TOKEN, AWS_KEY, JWT, JWT.split('.')[1]!, URL_PASSWORD, SECRET_DATA.replace(/=+$/, ''), Buffer.from(DB_PASSWORD).toString('base64').replace(/=+$/, '')];
  const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;');

  for (const format of ['md', 'html', 'json']) {
    it(`${format}: no credential in the report`, async () => {
      const r = await cli(['analyze', dir, '-f', format]);
      expect(r.status, r.stderr).toBe(0);
      for (const s of secretValues) {
        expect(r.stdout, s).not.toContain(s);
        expect(r.stdout, s).not.toContain(escaped(s));
      }
      expect(r.stdout).toContain('[REDACTED]');
      if (format === 'json') expect(expectValidReport(r.stdout)).toMatchObject({ redacted: true, redactions: expect.any(Number) });
    });

    it(`${format}: --no-redact shows them and says so`, async () => {
      const r = await cli(['analyze', dir, '-f', format, '--no-redact']);
      expect(r.status, r.stderr).toBe(0);
      // The log line a rule quotes holds the JWT and the URL's password, in every format.
      expect(r.stdout).toContain(JWT);
      expect(r.stdout).toContain(URL_PASSWORD);
      expect(r.stdout).not.toContain('[REDACTED]');
      if (format === 'json') expect(expectValidReport(r.stdout)).toMatchObject({ redacted: false, redactions: 0 });
      else {
        // The container's environment is part of the Markdown and HTML reports.
        expect(r.stdout).toContain(escaped(DB_PASSWORD));
        expect(r.stdout).toContain(API_TOKEN);
        expect(r.stdout).toMatch(/redaction is OFF/i);
      }
    });
  }
});

describe('progress and --quiet', () => {
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) } };
  }

  it('shows progress on stderr when stderr is a terminal and the run takes longer than the delay, and erases it', async () => {
    const c = capture();
    const code = await run(['analyze', 'samples/liveness-probe', '-f', 'json'], { ...c.io, stderrIsTTY: true, progressDelayMs: 0 });
    expect(code).toBe(0);
    const err = c.err.join('');
    expect(err).toMatch(/podmortem: reading samples\/liveness-probe \(\d+s\)/);
    expect(err.endsWith('\r\x1b[2K')).toBe(true);
    expectValidReport(c.out.join(''));
  });

  it('no progress when stderr is not a terminal', async () => {
    const c = capture();
    await run(['analyze', 'samples/liveness-probe'], { ...c.io, stderrIsTTY: false, progressDelayMs: 0 });
    expect(c.err).toEqual([]);
  });

  it('no progress within the first second', async () => {
    const c = capture();
    await run(['analyze', 'samples/oom-killed'], { ...c.io, stderrIsTTY: true });
    expect(c.err).toEqual([]);
  });

  it('--quiet: no progress, nothing on stderr', async () => {
    const c = capture();
    const code = await run(['analyze', 'samples/liveness-probe', '--quiet', '--fail-on', 'critical'], { ...c.io, stderrIsTTY: true, progressDelayMs: 0 });
    expect(code).toBe(1);
    expect(c.err).toEqual([]);
    expect(c.out.join('')).toMatch(/^# Postmortem/);
  });

  it('--quiet still reports errors', async () => {
    const r = podmortem(['analyze', '/no/such/bundle', '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^podmortem: \/no\/such\/bundle: no such file or directory\n$/);
  });
});

describe('-f html', () => {
  it('prints one HTML page', async () => {
    const r = await cli(['analyze', 'samples/oom-killed', '-f', 'html']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
  });

  it('is named in --help', async () => {
    expect((await cli(['analyze', '--help'])).stdout).toMatch(/choices: "md", "html", "json"[\s\S]*--fail-on[\s\S]*--no-redact[\s\S]*--quiet/);
  });
});
