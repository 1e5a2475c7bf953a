/**
 * The timestamps the API server puts in front of log lines (`timestamps=true`): RFC 3339 with up
 * to nine fractional digits (Go's RFC3339Nano drops trailing zeros, so lengths vary) and a Z or
 * an offset. Parsed into a sortable key; formatted back to whole seconds for `sinceTime`.
 */

/** A log timestamp: epoch seconds and nanoseconds within the second. */
export interface LogTime {
  seconds: number;
  nanos: number;
}

const PREFIX = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

/** A log line split into its timestamp (raw text and parsed) and the rest, when it has one. */
export interface Stamped {
  /** The timestamp as sent, e.g. "2026-12-01T01:02:03.5Z"; undefined when the line has none. */
  raw?: string;
  time?: LogTime;
  /** The line without the timestamp and its space. */
  text: string;
}

/** Splits the leading timestamp off a line; a line without one is returned whole. */
export function splitTimestamp(line: string): Stamped {
  const m = PREFIX.exec(line);
  if (!m) return { text: line };
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let seconds = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  if (zone !== 'Z') {
    const sign = zone!.startsWith('-') ? -1 : 1;
    seconds -= sign * (Number(zone!.slice(1, 3)) * 3600 + Number(zone!.slice(4, 6)) * 60);
  }
  const nanos = frac ? Number(frac.padEnd(9, '0')) : 0;
  return { raw: m[0].slice(0, -1), time: { seconds, nanos }, text: line.slice(m[0].length) };
}

/** Orders two log times (negative, zero, positive). */
export function compareTimes(a: LogTime, b: LogTime): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}

/** `sinceTime` for a time: RFC 3339 in UTC, whole seconds (the API server truncates to seconds anyway). */
export function sinceTimeOf(t: LogTime): string {
  return new Date(t.seconds * 1000).toISOString().slice(0, 19) + 'Z';
}

const digit = (b: Uint8Array, i: number) => b[i]! - 48;
const isDigit = (b: Uint8Array, i: number) => b[i]! >= 48 && b[i]! <= 57;
const two = (b: Uint8Array, i: number) => (isDigit(b, i) && isDigit(b, i + 1) ? digit(b, i) * 10 + digit(b, i + 1) : -1);

/**
 * The timestamp in front of the line `bytes[from, to)`, parsed without making strings (the log
 * feed reads thousands of lines a second): writes it to `out` and returns the length of the
 * timestamp and its space, or 0 (out untouched) when the line has none. Same format as splitTimestamp.
 */
export function stampOf(bytes: Uint8Array, from: number, to: number, out: LogTime): number {
  const b = bytes;
  const i = from;
  if (to - i < 21) return 0;
  const yh = two(b, i);
  const yl = two(b, i + 2);
  if (yh < 0 || yl < 0 || b[i + 4] !== 45 || b[i + 7] !== 45 || b[i + 10] !== 84 || b[i + 13] !== 58 || b[i + 16] !== 58) return 0;
  const mo = two(b, i + 5);
  const d = two(b, i + 8);
  const h = two(b, i + 11);
  const mi = two(b, i + 14);
  const s = two(b, i + 17);
  if (mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return 0;
  let j = i + 19;
  let nanos = 0;
  if (b[j] === 46) {
    let k = 0;
    j++;
    while (j < to && k < 9 && isDigit(b, j)) {
      nanos = nanos * 10 + digit(b, j);
      j++;
      k++;
    }
    if (k === 0) return 0;
    for (; k < 9; k++) nanos *= 10;
  }
  let seconds = Date.UTC(yh * 100 + yl, mo - 1, d, h, mi, s) / 1000;
  if (b[j] === 90) j++;
  else if (b[j] === 43 || b[j] === 45) {
    const oh = two(b, j + 1);
    const om = two(b, j + 4);
    if (oh < 0 || om < 0 || b[j + 3] !== 58) return 0;
    seconds -= (b[j] === 45 ? -1 : 1) * (oh * 3600 + om * 60);
    j += 6;
  } else return 0;
  if (j >= to || b[j] !== 32) return 0;
  out.seconds = seconds;
  out.nanos = nanos;
  return j + 1 - from;
}
