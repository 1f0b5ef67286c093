/**
 * Splitting kubectl's tabwriter tables. Cells may hold single spaces (`7 (32s ago)`,
 * `87s (x23 over 6m33s)`, `kubelet, node-1`), so rows are cut at the header words' start
 * offsets, never at runs of blanks. A header word may itself hold one space (`LAST SEEN`).
 * Tab-separated tables (old kubectl, pasted output) are split at tabs.
 */

export interface TableColumn {
  name: string;
  start: number;
}

/** Header words and where they start: words are separated by two or more blanks or tabs. */
export function headerColumns(header: string): TableColumn[] {
  const cols: TableColumn[] = [];
  const re = /\S+(?: \S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header))) cols.push({ name: m[0], start: m.index });
  return cols;
}

/**
 * Cuts one row into as many cells as the header has columns. When the row is not aligned with
 * the header (a cell overflowed, or the table was re-flowed), falls back to gaps of two or more
 * blanks, the last cell taking the rest of the line.
 */
export function splitRow(row: string, cols: TableColumn[]): string[] {
  if (row.includes('\t')) return splitOnGaps(row.replace(/\t+/g, '\t'), cols.length, /\t/);
  if (isAligned(row, cols)) {
    return cols.map((col, i) => {
      const end = i + 1 < cols.length ? cols[i + 1]!.start : row.length;
      return row.slice(col.start, end).trim();
    });
  }
  return splitOnGaps(row, cols.length, / {2,}/);
}

/**
 * A row is aligned with its header when each cell starts at its column: every word that follows
 * a gap of two or more blanks (or the line start) before the last column stands at a column start.
 */
function isAligned(row: string, cols: TableColumn[]): boolean {
  const starts = new Set(cols.map((c) => c.start));
  const lastStart = cols[cols.length - 1]?.start ?? 0;
  const word = /(?:^| {2,})(\S)/g;
  let m: RegExpExecArray | null;
  while ((m = word.exec(row))) {
    const at = m.index + m[0].length - 1;
    if (at >= lastStart) break;
    if (!starts.has(at)) return false;
  }
  for (let i = 1; i < cols.length; i++) {
    const start = cols[i]!.start;
    if (start < row.length && row[start - 1] !== ' ') return false;
  }
  return true;
}

function splitOnGaps(row: string, n: number, gap: RegExp): string[] {
  const parts = row.trim().split(new RegExp(gap.source));
  if (parts.length <= n) {
    while (parts.length < n) parts.push('');
    return parts.map((p) => p.trim());
  }
  const head = parts.slice(0, n - 1);
  const rest = parts.slice(n - 1).join(gap.source === '\\t' ? '\t' : '  ');
  return [...head, rest].map((p) => p.trim());
}

