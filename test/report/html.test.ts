import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSP, escapeHtml } from '../../src/report/html.js';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';
import { XSS, xssBundle } from './bundles.js';

const TEMPLATES = join(ROOT, 'templates');
const templates = [
  join(TEMPLATES, 'report.html.hbs'),
  ...readdirSync(join(TEMPLATES, 'partials')).map((f) => join(TEMPLATES, 'partials', f)),
];

describe('the HTML report', () => {
  let page = '';
  beforeAll(async () => {
    page = (await cli(['analyze', 'samples/oom-killed', '-f', 'html'])).stdout;
  });

  it('is one self-contained page: a strict CSP, inline CSS, no script, nothing to fetch', async () => {
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">`);
    expect(CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
    expect(page).toMatch(/<style>[\s\S]+@media print[\s\S]+<\/style>/);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<link\b|@import|@font-face|\bsrc=|url\((?!#)/i);
    // The only links are anchors within the page; the only URL is the SVG namespace.
    for (const m of page.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
    for (const m of page.matchAll(/https?:\/\/[^\s"<]+/g)) expect(['http://www.w3.org/2000/svg', 'http://:http/healthz', 'http://:http/ready']).toContain(m[0]);
  });

  it('summary first, then the diagnosis with its timeline SVG, evidence as path:line, remediation', async () => {
    const order = ['id="summary-title"', 'class="summary-table"', 'id="d1"', 'What to do', '<svg class="timeline-svg"', '<h3>Evidence</h3>', 'id="inventory-title"'];
    const at = order.map((s) => page.indexOf(s));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(page).toContain('<span class="loc">describe-pod.txt:26</span><code class="line">      Reason:       OOMKilled</code>');
    expect(page).toMatch(/<span class="sev sev-critical">critical<\/span>/);
    // The termination is a mark on the timeline, with its time in the tooltip.
    expect(page).toMatch(/<path d="M[^"]+" class="term tone-critical"><title>2025-10-14 09:22:45 UTC: The previous instance terminated: OOMKilled, exit 137/);
    expect(page).toMatch(/<details class="evidence" open>/);
  });

  it('says whether credentials were redacted', async () => {
    expect(page).toMatch(/<p class="redaction on" id="redaction">Redacted:/);
    const off = (await cli(['analyze', 'samples/oom-killed', '-f', 'html', '--no-redact'])).stdout;
    expect(off).toMatch(/<p class="redaction off" id="redaction" role="alert"><strong>Redaction is OFF\.<\/strong>/);
  });

  it('escapes markup and javascript: URLs from the bundle: they appear as text', async () => {
    const r = await cli(['analyze', xssBundle(), '-f', 'html']);
    expect(r.status).toBe(0);
    const html = r.stdout;
    expect(html).not.toContain(XSS.script);
    expect(html).not.toContain(XSS.img);
    expect(html).not.toMatch(/<img|onerror=|<script/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain(escapeHtml(XSS.script));
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(html).toContain('javascript:alert(1)');
  });

  it('templates print bundle values only through the escaping {{ }}, never {{{ }}} or {{& }}', async () => {
    for (const file of templates) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\{\{\{|\{\{&/);
    }
  });

  it('one escaping helper for all of HTML\'s special characters', async () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`=</a>`)).toBe('&lt;a href&#x3D;&quot;x&quot; onclick&#x3D;&#x27;y&#x27;&gt;&amp;&#x60;&#x3D;&lt;/a&gt;');
    expect(escapeHtml(undefined)).toBe('');
  });
});
