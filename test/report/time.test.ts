import { describe, expect, it } from 'vitest';
import { formatClock, formatSpan, isoClock, parseAge, parseClock } from '../../src/report/time.js';

describe('parseClock: the clock times kubectl and the API print', () => {
  const cases: [string, string | undefined][] = [
    ['2025-11-25T14:38:34Z', '2025-11-25T14:38:34Z'],
    ['2025-11-25T14:20:03.091536Z', '2025-11-25T14:20:03Z'],
    ['2025-11-25T16:20:03+02:00', '2025-11-25T14:20:03Z'],
    // describe: RFC 1123Z in the zone of the machine that ran kubectl.
    ['Thu, 27 Feb 2025 07:36:21 +0100', '2025-02-27T06:36:21Z'],
    ['Mon, 24 Nov 2025 09:52:28 -0800', '2025-11-24T17:52:28Z'],
    // Go's default layout, in old pastes.
    ['2019-03-12 10:12:11 +0000 UTC', '2019-03-12T10:12:11Z'],
    // Zero values: the container never ran.
    ['Thu, 01 Jan 1970 00:00:00 +0000', undefined],
    ['0001-01-01T00:00:00Z', undefined],
    ['5m', undefined],
    ['<unknown>', undefined],
  ];
  for (const [text, iso] of cases) {
    it(`${text} → ${iso ?? 'none'}`, () => {
      const t = parseClock(text);
      expect(t === undefined ? undefined : isoClock(t)).toBe(iso);
    });
  }
});

describe('parseAge: kubectl ages, counted back from the capture', () => {
  it('reads every unit and says how precise it is', () => {
    expect(parseAge('87s')).toEqual({ seconds: 87, precision: 1 });
    expect(parseAge('5m')).toEqual({ seconds: 300, precision: 60 });
    expect(parseAge('6m33s')).toEqual({ seconds: 393, precision: 1 });
    expect(parseAge('3d4h')).toEqual({ seconds: 3 * 86400 + 4 * 3600, precision: 3600 });
    expect(parseAge('2y')).toEqual({ seconds: 2 * 365 * 86400, precision: 365 * 86400 });
  });
  it('refuses what is not an age', () => {
    for (const t of ['', '<invalid>', '2025-11-25T14:38:34Z', 'x5', '5 m']) expect(parseAge(t)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('prints spans the way kubectl does', () => {
    expect([48, 78, 393, 1800, 7500, 25000, 90000, 300000].map(formatSpan)).toEqual(['48s', '78s', '6m33s', '30m', '125m', '6h56m', '25h', '3d11h']);
  });
  it('prints clock times in UTC', () => {
    expect(formatClock(Date.UTC(2025, 9, 14, 9, 22, 45) / 1000)).toBe('2025-10-14 09:22:45 UTC');
  });
});
