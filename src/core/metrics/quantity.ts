/**
 * Kubernetes resource quantities (`250m`, `12345678n`, `1.5Gi`, `23456Ki`, `1e3`) held exactly
 * as a fraction of big integers, and rounded the way apimachinery's Quantity does: MilliValue()
 * and Value() round up.
 */

/** An exact quantity: num / den (den > 0). */
export interface Quantity {
  num: bigint;
  den: bigint;
}

export const ZERO: Quantity = { num: 0n, den: 1n };

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Parses a quantity as the API serves it; undefined when it is not one. */
export function parseQuantity(text: unknown): Quantity | undefined {
  if (typeof text !== 'string') return undefined;
  const m = NUMBER.exec(text.trim());
  if (!m) return undefined;
  const [, sign = '', whole = '', frac = '', suffix = ''] = m;
  if (whole === '' && frac === '') return undefined;
  let num = BigInt((whole || '0') + frac);
  let den = pow10(frac.length);
  if (suffix in BINARY) num *= 1n << BigInt(BINARY[suffix]!);
  else {
    let exp: number;
    if (suffix in DECIMAL) exp = DECIMAL[suffix]!;
    else {
      const e = /^[eE]([+-]?\d{1,3})$/.exec(suffix);
      if (!e) return undefined;
      exp = Number(e[1]);
    }
    if (exp >= 0) num *= pow10(exp);
    else den *= pow10(-exp);
  }
  if (sign === '-') num = -num;
  return reduce({ num, den });
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function reduce(q: Quantity): Quantity {
  const g = gcd(q.num, q.den);
  return g > 1n ? { num: q.num / g, den: q.den / g } : q;
}

/** The exact sum. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return reduce({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
}

/** ceil(q × 10^scale), as apimachinery's ScaledValue rounds (up). */
export function ceilScaled(q: Quantity, scale: number): bigint {
  const n = scale >= 0 ? q.num * pow10(scale) : q.num;
  const d = scale >= 0 ? q.den : q.den * pow10(-scale);
  const quotient = n / d;
  return n % d !== 0n && n > 0n ? quotient + 1n : quotient;
}

/** Quantity.MilliValue(): thousandths, rounded up (CPU in millicores). */
export function milliValue(q: Quantity): bigint {
  return ceilScaled(q, 3);
}

/** Quantity.Value(): whole units, rounded up (memory in bytes). */
export function wholeValue(q: Quantity): bigint {
  return ceilScaled(q, 0);
}

/** An approximate float, for sorting and ratios. */
export function toNumber(q: Quantity): number {
  return Number(q.num) / Number(q.den);
}
