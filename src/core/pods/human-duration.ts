/**
 * kubectl's AGE format: a port of apimachinery's `duration.HumanDuration` (every division
 * truncates toward zero; two seconds of clock skew are tolerated).
 */

/** Formats a duration in milliseconds as kubectl does (`119s`, `179m`, `7d23h`, `2y40d`). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** Parses a Kubernetes timestamp; undefined when absent or unparsable (Go's zero time). */
export function parseTime(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** How long ago a timestamp was, as kubectl prints ages; undefined when absent or unparsable. */
export function ago(value: string | null | undefined, now: Date): string | undefined {
  const t = parseTime(value);
  return t === undefined ? undefined : humanDuration(now.getTime() - t);
}

/** kubectl's `translateTimestampSince`: `<unknown>` for a missing time, else HumanDuration(now − t). */
export function timestampSince(value: string | null | undefined, now: Date): string {
  return ago(value, now) ?? '<unknown>';
}
