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
