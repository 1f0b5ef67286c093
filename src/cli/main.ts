/**
 * The command line: commander wiring only. All behaviour lives in the library; this file turns
 * arguments into calls and results into output and an exit code. It never calls process.exit.
 */
import { writeFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { analyze, type BundleInfo } from '../analyze.js';
import { BundleError } from '../bundle/types.js';
import { SEVERITIES, type InventoryEntry, type Severity } from '../model/types.js';
import { FORMATS, renderReport, type ReportFormat } from '../report/index.js';
import { VERSION } from '../version.js';
import { explain, ruleCatalogue, ruleDocs } from './explain.js';

/** A mistake in what the user asked for: one line, exit 2. */
class UsageError extends Error {}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin?: AsyncIterable<Buffer | Uint8Array | string>;
  /** Whether stderr is a terminal (progress is shown only there); defaults to process.stderr.isTTY. */
  stderrIsTTY?: boolean;
  /** Progress appears once a run has taken this long (default 1000 ms). */
  progressDelayMs?: number;
}

/** Exit codes: 0 done, 1 a finding at or above --fail-on, 2 bad usage or unreadable bundle. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('podmortem')
    .description('Explain why Kubernetes containers failed, from a support bundle, offline.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print stack traces of unexpected errors')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('analyze')
    .description('analyse one or more bundles and print a postmortem report')
    .argument('<bundle...>', 'directory, file, .tar, .tar.gz/.tgz, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMATS]).default('md'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (for CI)').choices([...SEVERITIES]))
    .option('--no-redact', 'show credentials found in the bundle (the report says redaction is off)')
    .option('-q, --quiet', 'no progress; nothing on stderr but errors')
    .action(async (bundles: string[], opts: { format: ReportFormat; output?: string; failOn?: Severity; redact: boolean; quiet?: boolean }) => {
      const progress = startProgress(io, !opts.quiet && (io.stderrIsTTY ?? process.stderr.isTTY === true), bundles, io.progressDelayMs ?? 1000);
      let report: string;
      let analysis;
      try {
        analysis = await analyze(bundles, io.stdin ? { stdin: io.stdin } : {});
        progress.phase('writing the report');
        report = renderReport(analysis, opts.format, { redact: opts.redact });
      } finally {
        progress.stop();
      }
      if (opts.output) await writeFile(opts.output, report);
      else io.stdout(report);
      if (opts.failOn) {
        const limit = SEVERITIES.indexOf(opts.failOn);
        if (analysis.diagnoses.some((d) => SEVERITIES.indexOf(d.severity) <= limit)) code = EXIT.findings;
      }
    });

  program
    .command('inspect')
    .description('list every file of a bundle: what it was recognised as, its pod/container, parsed or skipped and why')
    .argument('<bundle...>', 'directory, file, .tar, .tar.gz/.tgz, or - for stdin')
    .option('--json', 'print the inventory as JSON')
    .action(async (bundles: string[], opts: { json?: boolean }) => {
      const analysis = await analyze(bundles, io.stdin ? { stdin: io.stdin } : {});
      const rows = analysis.inventory;
      if (opts.json) io.stdout(`${JSON.stringify({ bundles: analysis.bundles, inventory: rows }, null, 2)}\n`);
      else io.stdout(formatInventory(rows, analysis.bundles));
    });

  program
    .command('rules')
    .description('list the root-cause rules, or print one rule\'s docs')
    .argument('[id]', 'a rule id')
    .action((id?: string) => {
      if (!id) return io.stdout(ruleCatalogue());
      const docs = ruleDocs(id);
      if (!docs) throw new UsageError(`no rule ${id}; \`podmortem rules\` lists them`);
      io.stdout(docs);
    });

  program
    .command('explain')
    .description('explain an exit code, a container or event reason, or a category, offline')
    .argument('<term>', 'e.g. 137, OOMKilled, CreateContainerConfigError, BackOff, liveness-probe')
    .action((term: string) => {
      const text = explain(term);
      if (!text) throw new UsageError(`nothing known about "${term}": try an exit code (137), a reason (OOMKilled), an event reason (FailedMount) or a category (podmortem rules)`);
      io.stdout(text);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.stderr(`podmortem: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof BundleError) {
      io.stderr(`podmortem: ${err.path}: ${err.reason}\n`);
      return EXIT.usage;
    }
    if (program.opts<{ debug?: boolean }>().debug) io.stderr(`${(err as Error).stack ?? String(err)}\n`);
    else io.stderr(`podmortem: internal error: ${(err as Error).message} (run with --debug for the stack)\n`);
    code = 3;
  }
  return code;
}

/**
 * Progress on stderr for runs longer than `delayMs`, only on a terminal: one line, rewritten in
 * place, erased when the run ends.
 */
function startProgress(io: CliIo, enabled: boolean, bundles: string[], delayMs: number): { phase: (text: string) => void; stop: () => void } {
  if (!enabled) return { phase: () => {}, stop: () => {} };
  const started = Date.now();
  const what = bundles.length === 1 ? bundles[0]! : `${bundles.length} bundles`;
  let phase = `reading ${what}`;
  let shown = false;
  const draw = () => {
    shown = true;
    io.stderr(`\r\x1b[2Kpodmortem: ${phase} (${Math.round((Date.now() - started) / 1000)}s)`);
  };
  let timer: NodeJS.Timeout | undefined = setTimeout(function tick() {
    draw();
    timer = setTimeout(tick, 1000);
    timer.unref();
  }, delayMs);
  timer.unref();
  return {
    phase: (text) => {
      phase = text;
      if (shown) draw();
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}

function formatInventory(rows: InventoryEntry[], bundles: BundleInfo[]): string {
  const lines = bundles.map(
    (b) => `# ${b.input} (${b.format}): ${b.layouts.map((l) => `${l.layout}${l.root ? ` at ${l.root}` : ''}`).join(', ') || 'no known layout'}`,
  );
  const table = rows.map((r) => [
    r.path,
    r.kind,
    r.status,
    r.pod ? `${r.namespace ? `${r.namespace}/` : ''}${r.pod}${r.container ? `/${r.container}` : ''}` : '-',
    r.reason ?? '',
  ]);
  const header = ['PATH', 'KIND', 'STATUS', 'POD/CONTAINER', 'REASON'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const fmt = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('   ')
      .trimEnd();
  lines.push(fmt(header), ...table.map(fmt));
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  lines.push(`${rows.length} files: ${count('parsed')} parsed, ${count('partial')} partial, ${count('skipped')} skipped, ${count('error')} errors`);
  return `${lines.join('\n')}\n`;
}

