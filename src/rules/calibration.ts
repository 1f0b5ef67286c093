/**
 * An engine step: the confidence a report states, mapped from the rule's own so that it means
 * what it says (of the diagnoses stated at about 0.8, about eight in ten are right).
 *
 * The rules' confidences rank causes against each other and were set by hand; measured on the
 * labelled corpus (`npm run accuracy`, strict scoring, 287 cases, 2026-12), the mid band was
 * too modest: rule confidences of 0.50-0.70 (mean 0.63) were right 80% of the time, 0.70-0.85
 * (mean 0.74) 87.5%, 0.85-1.00 (mean 0.94) 96.6%; `unknown` (about 0.1) is never a cause. The
 * map below is monotone, so it changes no ranking; re-measure when rules change
 * (`npm run accuracy` prints accuracy per band of the stated confidence).
 */

/** (rule confidence, stated confidence) points, joined by straight lines. */
const POINTS: readonly [number, number][] = [
  [0, 0],
  [0.3, 0.3],
  [0.5, 0.74],
  [0.7, 0.86],
  [0.85, 0.91],
  [1, 1],
];

export function calibrated(raw: number): number {
  const x = Math.min(1, Math.max(0, raw));
  for (let i = 1; i < POINTS.length; i++) {
    const [x0, y0] = POINTS[i - 1]!;
    const [x1, y1] = POINTS[i]!;
    if (x <= x1) return Math.round((y0 + ((x - x0) / (x1 - x0)) * (y1 - y0)) * 100) / 100;
  }
  return 1;
}
