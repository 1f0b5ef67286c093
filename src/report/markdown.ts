/**
 * The Markdown report: GitHub-flavoured, pastes cleanly into a ticket. Bundle text appears only
 * in fenced code blocks (fences longer than any backtick run inside) or escaped inline, so a
 * log line can never become markup.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../version.js';
import type { EnvView, ReportView } from './view-model.js';

/** Escapes text for inline Markdown: no HTML, no emphasis, no links, no table breaks. */
export function escapeInline(text: unknown): string {
  return String(text ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/[`*_[\]|<>~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

/** A fenced code block that no content can close early. */
export function fence(body: string, info = 'text'): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${info}\n${body}\n${f}`;
}

function compile(): Handlebars.TemplateDelegate<ReportView> {
  const hb = Handlebars.create();
  hb.registerHelper('md', (v: unknown) => escapeInline(v));
  // Our own sentences mark commands with backticks: keep those spans as code, escape the rest.
  hb.registerHelper('mdcode', (v: unknown) =>
    String(v ?? '')
      .split(/(`[^`\n]+`)/)
      .map((part) => (/^`[^`]+`$/.test(part) ? part : escapeInline(part)))
      .join(''),
  );
  hb.registerHelper('percent', (v: number) => `${Math.round(v * 100)}%`);
  hb.registerHelper('evidence', (items: { artifact: string; line: number; text: string }[]) =>
    fence(items.map((e) => `${e.artifact}:${e.line}: ${e.text}`).join('\n')),
  );
  hb.registerHelper('code', (v: unknown) => {
    const s = String(v ?? '');
    const ticks = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
    const f = '`'.repeat(ticks + 1);
    return `${f}${ticks > 0 ? ' ' : ''}${s}${ticks > 0 ? ' ' : ''}${f}`;
  });
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('ref', (s: { artifact: string; line: number }) => `${s.artifact}:${s.line}`);
  hb.registerHelper('envblock', (env: EnvView[]) =>
    fence(env.map((e) => (e.from ? `${e.name}  <from ${e.from}>` : `${e.name}=${e.value}`)).join('\n')),
  );
  hb.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
  const source = readFileSync(new URL('report.md.hbs', TEMPLATES_DIR), 'utf8');
  return hb.compile<ReportView>(source, { noEscape: true, strict: false });
}

let template: Handlebars.TemplateDelegate<ReportView> | undefined;

export function renderMarkdown(view: ReportView): string {
  template ??= compile();
  return `${template(view).replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
