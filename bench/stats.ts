/** Order statistics for repeated measurements: medians and percentiles, never means. */

/** A summary of repeated samples of one quantity. */
export interface Summary {
  n: number;
  median: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}

/** The q-quantile (0..1) of sorted values, by linear interpolation. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  return a + (b - a) * (pos - lo);
}

/** Summarises samples; NaN entries (failed runs) are dropped. */
export function summarize(samples: number[]): Summary {
  const s = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return {
    n: s.length,
    median: round(quantile(s, 0.5)),
    p10: round(quantile(s, 0.1)),
    p90: round(quantile(s, 0.9)),
    min: round(s[0] ?? NaN),
    max: round(s[s.length - 1] ?? NaN),
  };
}

/** The ratio of two medians, rounded to 3 decimals (NaN when either is missing). */
export function ratio(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return NaN;
  return Math.round((a / b) * 1000) / 1000;
}

/** Median of per-round ratios a[i]/b[i] (pairs measured in the same round). */
export function pairedRatio(a: number[], b: number[]): number {
  const r: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y) && y !== 0) r.push(x / y);
  }
  r.sort((x, y) => x - y);
  return Math.round(quantile(r, 0.5) * 1000) / 1000;
}

/** Rounds to 0.1 for readable JSON. */
export function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 10) / 10 : NaN;
}

/** Rotates `items` by `k` so the order of commands alternates from round to round. */
export function rotate<T>(items: readonly T[], k: number): T[] {
  if (items.length === 0) return [];
  const s = k % items.length;
  return [...items.slice(s), ...items.slice(0, s)];
}
