import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { healthyBundle, XSS, xssBundle } from './bundles.js';

/** The lines of a Markdown text outside fenced code blocks. */
function outsideFences(md: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of md.split('\n')) {
    const m = /^(`{3,})/.exec(line);
    if (m && (!fence || m[1]!.length >= fence.length)) {
      fence = fence ? undefined : m[1];
      continue;
    }
    if (!fence) out.push(line);
  }
  return out;
}

describe('the Markdown report', () => {
  it('puts the summary first: what failed, since when, the root cause, then the table', async () => {
    const r = await cli(['analyze', 'samples/oom-killed']);
    expect(r.status).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^# Postmortem: api in shop\/api-7d9f6b5c4-xk2p9: oom-killed\n/);
    const order = ['## Summary', '**What failed:**', '**Since:**', '**Root cause:**', '| # | Severity |', '### Evidence', '### What to do', '### Timeline', '### Container', '## Inventory'];
    const at = order.map((s) => md.indexOf(s));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // The timeline table: the termination at its clock time, the estimated capture, sources as path:line.
    expect(md).toMatch(/\| 2025-10-14 09:22:45 UTC \| The previous instance terminated: OOMKilled, exit 137 after 78s\. \| `describe-pod\.txt:26` \|/);
    expect(md).toMatch(/≈ 2025-10-14 09:24:30 UTC \(capture\)/);
  });

  it('says redaction was on, or warns loudly that it was off', async () => {
    expect((await cli(['analyze', 'samples/oom-killed'])).stdout).toMatch(/^_Redaction: on\. .*`\[REDACTED\]`/m);
    const off = (await cli(['analyze', 'samples/oom-killed', '--no-redact'])).stdout;
    expect(off).toMatch(/^> \*\*Warning: redaction is OFF\.\*\*/m);
    expect(off).not.toMatch(/Redaction: on/);
  });

  it('keeps markup and javascript: URLs from the bundle inert: escaped, or inside code fences', async () => {
    const r = await cli(['analyze', xssBundle()]);
    expect(r.status).toBe(0);
    const md = r.stdout;
    // The proof line is quoted as it is, but only inside a fenced block.
    const fenced = md.split('\n').filter((l) => l.includes(XSS.script));
    expect(fenced.length).toBeGreaterThan(0);
    for (const line of outsideFences(md)) {
      // No raw `<` (every one is backslash-escaped), so no HTML.
      expect(line).not.toMatch(/(?<!\\)</);
      // No link can be made of it: brackets escaped, no raw `](javascript:`.
      expect(line).not.toMatch(/(?<!\\)\]\(javascript:/i);
    }
    // Outside fences the text is still there, escaped.
    expect(outsideFences(md).join('\n')).toContain('\\<script\\>alert(1)\\</script\\>');
  });

  it('a bundle with nothing failing still has a summary and an inventory, and says nothing fails', async () => {
    const r = await cli(['analyze', healthyBundle()]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/## Summary/);
    expect(r.stdout).toMatch(/## Inventory/);
    expect(r.stdout).toMatch(/No failing container among 1 pod/);
    expect(r.stdout).not.toMatch(/## Root cause|critical|oom-killed|unknown/i);
  });
});
