/**
 * Property tests of the two layout readers every kubectl text parser stands on:
 * `headerColumns`/`splitRow` (tables, src/parse/table.ts) and `buildDescribeTree` (describe
 * `Key:  value` text, src/parse/describe-tree.ts). Inputs are laid out the way Go's tabwriter
 * lays them out in kubectl, then read back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDescribeTree, type DescribeNode } from '../../src/parse/describe-tree.js';
import { headerColumns, splitRow } from '../../src/parse/table.js';

// ---------------------------------------------------------------------------------------------
// Tables: `kubectl get` / `top` / `events` (tabwriter min width 6 or 10 (old), padding 3).
// ---------------------------------------------------------------------------------------------

const headerWord = fc.stringMatching(/^[A-Z][A-Z0-9()%_-]{0,7}$/);
/** `NAME`, `CPU(cores)`, or two words with one space: `LAST SEEN`, `NOMINATED NODE`. */
const columnName = fc.tuple(headerWord, fc.option(headerWord, { nil: undefined })).map(([a, b]) => (b ? `${a} ${b}` : a));
const token = fc.stringMatching(/^[!-~]{1,8}$/);
/** A non-empty cell; single inner spaces allowed: `7 (32s ago)`, `kubelet, node-1`. */
const cellValue = fc.array(token, { minLength: 1, maxLength: 3 }).map((t) => t.join(' '));

const table = fc
  .integer({ min: 1, max: 7 })
  .chain((ncols) =>
    fc.record({
      header: fc.array(columnName, { minLength: ncols, maxLength: ncols }),
      rows: fc.array(fc.array(cellValue, { minLength: ncols, maxLength: ncols }), { minLength: 1, maxLength: 6 }),
      minWidth: fc.constantFrom(0, 6, 10),
    }),
  );

/**
 * Go tabwriter as kubectl uses it: every cell but the last of a line is `cell\t`; a column is
 * as wide as its widest cell plus the padding (3), at least the minimum width; the last cell
 * is not padded.
 */
function tabwrite(lines: string[][], minWidth: number, padding = 3): string[] {
  const ncols = Math.max(...lines.map((l) => l.length));
  const widths = Array.from({ length: ncols - 1 }, (_, j) => Math.max(minWidth, ...lines.map((l) => (l[j]?.length ?? 0) + padding)));
  return lines.map((l) => l.map((c, j) => (j < l.length - 1 ? c.padEnd(widths[j]!) : c)).join(''));
}

describe('table.ts: headerColumns / splitRow', () => {
  it('round-trip: every cell of a tabwriter table comes back exactly', () => {
    fc.assert(
      fc.property(table, ({ header, rows, minWidth }) => {
        const [h, ...body] = tabwrite([header, ...rows], minWidth);
        const cols = headerColumns(h!);
        expect(cols.map((c) => c.name)).toEqual(header);
        body.forEach((line, i) => expect(splitRow(line, cols)).toEqual(rows[i]));
      }),
      { numRuns: 500 },
    );
  });

  it('header offsets are where tabwriter put the words', () => {
    fc.assert(
      fc.property(table, ({ header, rows, minWidth }) => {
        const [h] = tabwrite([header, ...rows], minWidth);
        const starts = headerColumns(h!).map((c) => c.start);
        expect(starts[0]).toBe(0);
        for (let j = 1; j < starts.length; j++) {
          expect(h!.slice(starts[j]!).startsWith(header[j]!)).toBe(true);
          expect(h!.slice(starts[j - 1]!, starts[j]).trimEnd()).toBe(header[j - 1]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('tab-separated rows (old kubectl, pasted) split at their tabs', () => {
    fc.assert(
      fc.property(table, ({ header, rows }) => {
        const cols = headerColumns(header.join('\t'));
        for (const row of rows) expect(splitRow(row.join('\t'), cols)).toEqual(row);
      }),
      { numRuns: 300 },
    );
  });

  // BUG in src/parse/table.ts (not ours to edit; reported): splitRow's doc promises that a row
  // not aligned with its header ("a cell overflowed, or the table was re-flowed") falls back
  // to gaps of two or more blanks, but isAligned() only checks that the character *before*
  // each column start is a blank (the "cell must begin at its column" check its comment
  // announces is missing), and skips every column that starts past the end of the row. A
  // re-flowed row shorter than the header therefore passes as aligned and is cut at the
  // header's offsets. fast-check (seed 42) shrinks to:
  //   header ["A A_%0A00", "A"], row ["!", "!"]:
  //   splitRow("!   !", headerColumns("A A_%0A00   A")) → ["!   !", ""], not ["!", "!"].
  // By hand: splitRow("a   1/1", headerColumns("NAME      READY")) → ["a   1/1", ""].
  // Real text that hits it: holmesgpt test_ask_holmes/03_what_is_the_command_to_port_forward/
  // kubectl_get_all.txt, `pod/my_grafana_4j981   1/1     Running   0          7m27s` under a
  // 31-wide NAME column → ["pod/my_grafana_4j981   1/1", "Running", "0", "7m27s", ""]. The pods
  // parser checks the cells' shapes and re-splits such rows at their gaps.
  it('a re-flowed row (cells 3 blanks apart, not aligned) still splits into its cells', () => {
    fc.assert(
      fc.property(table, fc.nat(), ({ header, rows, minWidth }, pick) => {
        const [h] = tabwrite([header, ...rows], minWidth);
        const row = rows[pick % rows.length]!;
        expect(splitRow(row.join('   '), headerColumns(h!))).toEqual(row);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Describe text: `Key:  value`, nested by 2-blank indentation (tabwriter min width 0, padding 2).
// ---------------------------------------------------------------------------------------------

interface KeyTree {
  key: string;
  value: string;
  children: KeyTree[];
}

/**
 * Keys the tree builder reads specially on purpose: table sections keep their body as items,
 * and a nested `Message:` swallows the lines after it until a known key. Not generated.
 */
const SPECIAL_KEYS = new Set(['Events', 'Conditions', 'Non-terminated Pods', 'Allocated resources', 'Message']);

const keyWord = fc.stringMatching(/^[A-Za-z][A-Za-z0-9._/-]{0,7}$/);
const key = fc
  .array(keyWord, { minLength: 1, maxLength: 3 })
  .map((w) => w.join(' '))
  .filter((k) => !SPECIAL_KEYS.has(k));
/** Values with colons and single spaces: `repo:tag`, `Mon, 02 Jan 2006 15:04:05 -0700`. */
const value = fc.oneof(
  fc.array(fc.stringMatching(/^[!-~]{1,10}$/), { minLength: 1, maxLength: 4 }).map((t) => t.join(' ')),
  fc.constantFrom(
    'registry.example.com/shop/api:1.14.2',
    'Mon, 02 Jan 2006 15:04:05 -0700',
    'http-get http://:8080/health delay=15s timeout=1s period=20s #success=1 #failure=3',
    'node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
    'containerd://1.7.18',
    '<none>',
  ),
);

const keyTree: fc.Arbitrary<KeyTree[]> = fc.letrec<{ tree: KeyTree[]; node: KeyTree }>((tie) => ({
  tree: fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ key, value, children: fc.constant<KeyTree[]>([]) }),
    fc.record({ key, value: fc.constantFrom('', 'Waiting', 'Running'), children: tie('tree') }),
  ),
})).tree;

interface Out {
  indent: number;
  key: string;
  value: string;
  /** Index of the run of lines whose values are aligned together; -1 for a line without value. */
  run: number;
}

/**
 * The lines of a key tree. `tabwriter`: kubectl writes `indent + key + ":\t" + value`, so every
 * run of consecutive lines that have a value (at any depth) shares one value column, 2 blanks
 * past its longest `indent + key + ":"`; a `Key:` line without value ends the run.
 * `siblings`: each run of consecutive sibling lines with values is aligned on its own.
 */
function layout(tree: KeyTree[], mode: 'tabwriter' | 'siblings'): string[] {
  const out: Out[] = [];
  let runs = 0;
  let open = false;
  const walk = (nodes: KeyTree[], indent: number) => {
    let siblingRun = -1;
    for (const n of nodes) {
      if (n.value === '') {
        out.push({ indent, key: n.key, value: '', run: -1 });
        open = false;
        siblingRun = -1;
      } else if (mode === 'tabwriter') {
        if (!open) runs++;
        open = true;
        out.push({ indent, key: n.key, value: n.value, run: runs });
      } else {
        if (siblingRun < 0) siblingRun = ++runs;
        out.push({ indent, key: n.key, value: n.value, run: siblingRun });
      }
      walk(n.children, indent + 2);
    }
  };
  walk(tree, 0);
  const width = new Map<number, number>();
  for (const o of out) if (o.run >= 0) width.set(o.run, Math.max(width.get(o.run) ?? 0, o.indent + o.key.length + 1 + 2));
  return out.map((o) => {
    const head = `${' '.repeat(o.indent)}${o.key}:`;
    return o.run < 0 ? head : `${head.padEnd(width.get(o.run)!)}${o.value}`;
  });
}

const strip = (nodes: DescribeNode[]): KeyTree[] => nodes.map((n) => ({ key: n.key, value: n.value, children: strip(n.children) }));
const allNodes = (nodes: DescribeNode[]): DescribeNode[] => nodes.flatMap((n) => [n, ...allNodes(n.children)]);

describe('describe-tree.ts: buildDescribeTree', () => {
  it('round-trip: keys, values and nesting come back exactly, each node at its own line', () => {
    fc.assert(
      fc.property(keyTree, fc.constantFrom('tabwriter' as const, 'siblings' as const), (tree, mode) => {
        const lines = layout(tree, mode);
        const built = buildDescribeTree(lines.map((raw, i) => ({ line: i + 1, raw })));
        expect(strip(built)).toEqual(tree);
        for (const n of allNodes(built)) {
          expect(n.items).toEqual([]);
          expect(n.raw).toBe(lines[n.line - 1]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trip holds for a description pasted with a left margin', () => {
    fc.assert(
      fc.property(keyTree, fc.integer({ min: 1, max: 8 }), (tree, margin) => {
        const lines = layout(tree, 'tabwriter').map((l) => `${' '.repeat(margin)}${l}`);
        const built = buildDescribeTree(
          lines.map((raw, i) => ({ line: i + 1, raw })),
          margin,
        );
        expect(strip(built)).toEqual(tree);
      }),
      { numRuns: 300 },
    );
  });
});
