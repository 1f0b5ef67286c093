/**
 * Every sample's HTML report, opened in real headless Chromium (Debian's `chromium`, driven by
 * playwright-core): no console error, no request beyond the page itself, the diagnosis and the
 * timeline visible, and no script run by anything from the bundle. A screenshot of each page
 * is saved under test/artifacts/ for review.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT, SAMPLES } from '../helpers/fixtures.js';
import { XSS, xssBundle } from './bundles.js';
import { expectValidReport } from './schema.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test/artifacts');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI === 'true') {
  throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium package (.ci/run does: apt-get install -y chromium)`);
}

const samples = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface Visit {
  page: Page;
  consoleErrors: string[];
  requests: string[];
  dialogs: string[];
}

describe.skipIf(!haveChromium)('HTML reports in headless Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  let pages: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'pm-chromium-'));
    pages = mkdtempSync(join(tmpdir(), 'pm-html-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
      offline: true,
    });
  });

  afterAll(async () => {
    await context?.close();
    for (const dir of [profile, pages]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens an HTML file, recording console errors, requests (but the page's own) and dialogs. */
  async function visit(file: string): Promise<Visit> {
    const page = await context.newPage();
    const url = pathToFileURL(file).href;
    const v: Visit = { page, consoleErrors: [], requests: [], dialogs: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') v.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => v.consoleErrors.push(e.message));
    page.on('request', (r) => {
      if (r.url() !== url) v.requests.push(r.url());
    });
    page.on('dialog', (d) => {
      v.dialogs.push(d.message());
      void d.dismiss();
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.ok() ?? true).toBe(true);
    return v;
  }

  function write(name: string, html: string): string {
    const file = join(pages, `${name}.html`);
    writeFileSync(file, html);
    return file;
  }

  for (const sample of samples) {
    it(`${sample}: renders with no error and no request, the diagnosis and timeline visible`, async () => {
      const html = await cli(['analyze', join('samples', sample), '-f', 'html']);
      expect(html.status, html.stderr).toBe(0);
      const json = expectValidReport((await cli(['analyze', join('samples', sample), '-f', 'json'])).stdout) as {
        diagnoses: { summary: string; container: string }[];
      };
      const v = await visit(write(sample, html.stdout));
      try {
        const { page } = v;
        await expect.poll(() => page.locator('#summary-title').isVisible()).toBe(true);
        const timelines = page.locator('svg.timeline-svg');
        expect(await timelines.count()).toBe(json.diagnoses.length);
        for (const [i, d] of json.diagnoses.entries()) {
          const section = page.locator(`#d${i + 1}`);
          await expect.poll(() => section.locator('.diagnosis-summary').isVisible()).toBe(true);
          // The page shows the summary as text (HTML folds runs of blanks).
          const squeeze = (t: string) => t.replace(/\s+/g, ' ').trim();
          expect(squeeze(await section.locator('.diagnosis-summary').innerText())).toBe(squeeze(d.summary));
          const svg = section.locator('svg.timeline-svg');
          expect(await svg.isVisible()).toBe(true);
          const box = await svg.boundingBox();
          expect(box!.width).toBeGreaterThan(400);
          expect(box!.height).toBeGreaterThan(40);
        }
        if (json.diagnoses.length > 0) {
          // The summary table names the first diagnosis' container.
          expect(await page.locator('.summary-table tbody tr').first().innerText()).toContain(json.diagnoses[0]!.container);
        }
        await page.screenshot({ path: join(ARTIFACTS, `${sample}.png`), fullPage: true });
        expect(v.consoleErrors).toEqual([]);
        expect(v.requests).toEqual([]);
        expect(v.dialogs).toEqual([]);
      } finally {
        await v.page.close();
      }
    });
  }

  it('bundle markup stays text: no script runs, no dialog, no request, the payload shown as written', async () => {
    const r = await cli(['analyze', xssBundle(), '-f', 'html']);
    expect(r.status, r.stderr).toBe(0);
    const v = await visit(write('xss', r.stdout));
    try {
      const { page } = v;
      // Give an injected handler (an <img onerror>) the chance to run.
      await page.waitForTimeout(300);
      expect(v.dialogs).toEqual([]);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      const text = await page.locator('#d1 .diagnosis-summary').innerText();
      expect(text).toContain(XSS.script);
      expect(text).toContain(XSS.img);
      expect(text).toContain(XSS.js);
      await page.screenshot({ path: join(ARTIFACTS, 'xss.png'), fullPage: true });
      expect(v.consoleErrors).toEqual([]);
      expect(v.requests).toEqual([]);
    } finally {
      await v.page.close();
    }
  });

  it('prints: the print stylesheet applies, evidence stays readable', async () => {
    const r = await cli(['analyze', 'samples/oom-killed', '-f', 'html']);
    const v = await visit(write('print', r.stdout));
    try {
      await v.page.emulateMedia({ media: 'print' });
      expect(await v.page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(255, 255, 255)');
      const pdf = await v.page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      expect(v.requests).toEqual([]);
    } finally {
      await v.page.close();
    }
  });
});
