/**
 * Times as a bundle prints them, read for the report's timeline.
 *
 * Clock times come as RFC 3339 in objects (`2025-11-25T14:38:34Z`, fractions allowed), as
 * RFC 1123Z in `kubectl describe` (`Thu, 27 Feb 2025 07:36:21 +0100`, the zone of the machine
 * that ran kubectl), or in Go's default layout (`2025-02-27 07:36:21 +0100 CET`) in old pastes.
 * Ages come from kubectl's tables and describe events (`87s`, `5m`, `6m33s`, `3d4h`): they count
 * back from the moment the bundle was captured, which the bundle does not state.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Before this, a "time" is a zero value (`1970-01-01`, `0001-01-01`): the container never ran. */
const EARLIEST = Date.UTC(2000, 0, 1) / 1000;

function offsetSeconds(zone: string): number | undefined {
  if (/^(?:Z|UTC|GMT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined, zone: string): number | undefined {
  const off = offsetSeconds(zone);
  if (off === undefined || mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const at = Date.UTC(y, mo, d, h, mi, s) / 1000 + (frac ? Number(`0.${frac}`) : 0) - off;
  return at >= EARLIEST ? at : undefined;
}

/** A clock time in seconds since the epoch, or undefined when the text is none (or a zero value). */
export function parseClock(text: string): number | undefined {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})(?:\s+[A-Z]{2,5})?$/i.exec(t);
  if (m) return utc(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, m[7], m[8]!.toUpperCase());
  m = /^(?:[A-Za-z]{3},\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+([+-]\d{4}|UTC|GMT|Z)$/.exec(t);
  if (m) return utc(+m[3]!, MONTHS.indexOf(m[2]!.toLowerCase()), +m[1]!, +m[4]!, +m[5]!, +m[6]!, undefined, m[7]!);
  return undefined;
}

export interface Age {
  /** Seconds before capture. */
  seconds: number;
  /** The smallest unit printed: `12m` is only known to the minute. */
  precision: number;
}

const UNITS: [string, number][] = [
  ['y', 365 * 86400],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/** kubectl's age (`87s`, `5m`, `6m33s`, `2d3h`, `1y20d`), or undefined. */
export function parseAge(text: string): Age | undefined {
  const m = /^(?:(\d+)y)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!m || m[0] === '') return undefined;
  let seconds = 0;
  let precision = 1;
  UNITS.forEach(([, size], i) => {
    const v = m[i + 1];
    if (v === undefined) return;
    seconds += Number(v) * size;
    precision = size;
  });
  return { seconds, precision };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2025-11-25 14:38:34 UTC` */
export function formatClock(epoch: number): string {
  const d = new Date(Math.round(epoch) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** `2025-11-25T14:38:34Z` */
export function isoClock(epoch: number): string {
  return new Date(Math.round(epoch) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** A span in kubectl's own short form (its HumanDuration): `48s`, `6m33s`, `125m`, `2h5m`, `25h`, `3d11h`. */
export function formatSpan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(s / 3600);
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
  return `${d}d`;
}
