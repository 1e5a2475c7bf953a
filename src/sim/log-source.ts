/**
 * One container instance's log, computed, never stored: line i has a time and a text derived
 * from the instance (pod, container, start) and i alone, so any window (tail, since, follow) is
 * found by arithmetic and a binary search, at 50,000 pods as at one.
 */
import { bootLines, lastWords, steadyLine } from './log-text.js';
import { hash32, PERIOD_MS, type LogFamily } from './log-family.js';

/** Lines kept by the (simulated) kubelet before rotation drops older ones. */
const RETAINED_LINES = 80_000;
const BOOT_STEP_US = 37_000;
const LAST_STEP_US = 3_000;

/** What defines an instance's log. */
export interface InstanceSpec {
  podKey: string;
  container: string;
  family: LogFamily;
  port?: number;
  /** When it started, epoch ms. */
  startMs: number;
  /** When it ended (terminated instances), epoch ms. */
  endMs?: number;
  exitCode?: number;
  reason?: string;
  /** Lines per second instead of the family's pace. */
  rate?: number;
  /** Replaces the family's last words (a crashed instance only). */
  lastWords?: string[];
}

/** A container instance's log: `count(t)` lines by time t, each with `timeUs(i)` and `text(i)`. */
export class LogSource {
  readonly seed: number;
  private readonly startUs: number;
  private readonly endUs: number | undefined;
  private readonly periodUs: number;
  private readonly boot: string[];
  private readonly last: string[];
  private readonly steadyStartUs: number;

  constructor(readonly spec: InstanceSpec) {
    this.seed = hash32(`${spec.podKey}/${spec.container}/${spec.startMs}`);
    this.startUs = spec.startMs * 1000;
    this.endUs = spec.endMs === undefined ? undefined : spec.endMs * 1000;
    this.periodUs = Math.max(10, Math.round(spec.rate ? 1e6 / spec.rate : PERIOD_MS[spec.family] * 1000));
    this.boot = bootLines(spec.family, spec.container, spec.port);
    const crashed = spec.endMs !== undefined && (spec.exitCode !== 0 || spec.reason === 'OOMKilled');
    const words = spec.endMs === undefined ? [] : lastWords(spec.family, spec.container, spec.exitCode ?? 0, spec.reason);
    this.last = crashed && spec.lastWords ? spec.lastWords : words;
    this.steadyStartUs = this.startUs + (this.boot.length + 1) * BOOT_STEP_US;
  }

  /** True for an instance that has stopped (its log is complete). */
  get ended(): boolean {
    return this.endUs !== undefined;
  }

  private jitter(k: number): number {
    return Math.floor((((this.seed ^ Math.imul(k + 7, 0x85ebca6b)) >>> 0) % 1000) * 0.0008 * this.periodUs);
  }
  private steadyTime(k: number): number {
    return this.steadyStartUs + k * this.periodUs + this.jitter(k);
  }
  private lastStartUs(): number {
    return this.endUs === undefined ? Infinity : this.endUs - this.last.length * LAST_STEP_US;
  }

  /** Number of lines written up to epoch microseconds `us` (inclusive). */
  count(us: number): number {
    const t = this.endUs === undefined ? us : Math.min(us, this.endUs);
    const b = Math.max(0, Math.min(this.boot.length, Math.floor((t - this.startUs) / BOOT_STEP_US)));
    if (b < this.boot.length) return b;
    const lim = Math.min(t, this.lastStartUs() - 1);
    let s = 0;
    if (lim >= this.steadyStartUs) {
      let k = Math.floor((lim - this.steadyStartUs) / this.periodUs);
      if (this.steadyTime(k) > lim) k--;
      s = k + 1;
    }
    let l = 0;
    if (this.endUs !== undefined) {
      const first = this.lastStartUs();
      if (t >= first) l = Math.min(this.last.length, Math.floor((t - first) / LAST_STEP_US) + 1);
    }
    return b + s + l;
  }

  /** The first line index still kept when `total` lines have been written. */
  firstKept(total: number): number {
    return Math.max(0, total - RETAINED_LINES);
  }

  /** The number of ordinary lines, when the instance has ended. */
  private steadyCount(): number {
    return this.count(this.lastStartUs() - 1) - this.boot.length;
  }

  /** Epoch microseconds of line i. */
  timeUs(i: number): number {
    if (i < this.boot.length) return this.startUs + (i + 1) * BOOT_STEP_US;
    const k = i - this.boot.length;
    if (this.endUs !== undefined) {
      const steady = this.steadyCount();
      if (k >= steady) return this.lastStartUs() + (k - steady) * LAST_STEP_US;
    }
    return this.steadyTime(k);
  }

  /** The text of line i (without newline). */
  text(i: number): string {
    if (i < this.boot.length) return this.boot[i]!;
    const k = i - this.boot.length;
    if (this.endUs !== undefined) {
      const steady = this.steadyCount();
      if (k >= steady) return this.last[k - steady] ?? '';
    }
    return steadyLine(this.spec.family, this.spec.container, this.seed, k, this.steadyTime(k));
  }

  /** The first index in [lo, hi) whose time is at least `us` (hi when none). */
  firstAtOrAfter(us: number, lo: number, hi: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeUs(mid) < us) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Line i as the kubelet sends it: optionally prefixed with its RFC 3339 nano timestamp. */
  line(i: number, timestamps: boolean): string {
    return timestamps ? `${rfc3339Nano(this.timeUs(i), (this.seed + i * 7919) % 1000)} ${this.text(i)}\n` : `${this.text(i)}\n`;
  }
}

let cachedSecond = -1;
let cachedPrefix = '';

/** Go's time.RFC3339Nano in UTC: fractional seconds without trailing zeros. */
function rfc3339Nano(us: number, extraNs = 0): string {
  const sec = Math.floor(us / 1e6);
  if (sec !== cachedSecond) {
    cachedSecond = sec;
    cachedPrefix = new Date(sec * 1000).toISOString().slice(0, 19);
  }
  const frac = String((us - sec * 1e6) * 1000 + extraNs)
    .padStart(9, '0')
    .replace(/0+$/, '');
  return frac === '' ? `${cachedPrefix}Z` : `${cachedPrefix}.${frac}Z`;
}
