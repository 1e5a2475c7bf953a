/** Kubernetes timestamps for the simulator's objects. */

/** Formats epoch milliseconds as a Kubernetes timestamp (second precision). */
export function iso(ms: number): string {
  const sec = Math.floor(ms / 1000);
  const day = Math.floor(sec / 86400);
  let prefix = DAYS.get(day);
  if (prefix === undefined) {
    if (DAYS.size > 50_000) DAYS.clear();
    prefix = new Date(day * 86400_000).toISOString().slice(0, 11);
    DAYS.set(day, prefix);
  }
  const s = sec - day * 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const x = s % 60;
  return `${prefix}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${x < 10 ? '0' : ''}${x}Z`;
}
const DAYS = new Map<number, string>();
