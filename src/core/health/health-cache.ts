/**
 * Context results kept for a short time, for the context picker: checks start in the background
 * for contexts without a fresh result, listeners hear each result as it arrives, `refresh` starts
 * over, and `stop` aborts whatever is still running (requests and plugin processes).
 */
import type { ContextCheck } from './check-context.js';

export type HealthEntry = { state: 'pending' } | { state: 'done'; check: ContextCheck; at: number };

/** Runs checks for `names`, calling `onResult` as each finishes; must stop promptly when `signal` aborts. */
export type CheckRunner = (names: string[], opts: { signal: AbortSignal; onResult: (c: ContextCheck) => void }) => Promise<unknown>;

export interface HealthCacheOptions {
  run: CheckRunner;
  /** The injected clock (ms). */
  now: () => number;
  /** How long a result stays fresh (default 60 s). */
  ttlMs?: number;
  /**
   * A result the caller already has (the browser's live pipeline for the context it shows): used
   * instead of running a check; undefined runs the check.
   */
  known?: (name: string) => ContextCheck | undefined;
}

export class HealthCache {
  private readonly entries = new Map<string, HealthEntry>();
  /** When each context last checked fine (kept across refreshes). */
  private readonly okAt = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly running = new Set<AbortController>();
  private readonly opts: HealthCacheOptions;

  constructor(opts: HealthCacheOptions) {
    this.opts = opts;
  }

  get(name: string): HealthEntry | undefined {
    return this.entries.get(name);
  }

  /** When `name` last checked fine, if ever. */
  lastOk(name: string): number | undefined {
    return this.okAt.get(name);
  }

  /** Checks in flight (for tests: nothing may be left running). */
  get active(): number {
    return this.running.size;
  }

  /** Listens for changes; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Starts checks for the names without a fresh or pending result. */
  ensure(names: string[]): void {
    const now = this.opts.now();
    const ttl = this.opts.ttlMs ?? 60_000;
    const todo = names.filter((n) => {
      const e = this.entries.get(n);
      return !e || (e.state === 'done' && now - e.at >= ttl);
    });
    const run = todo.filter((n) => {
      const c = this.opts.known?.(n);
      if (c) this.record(c);
      return !c;
    });
    if (todo.length > run.length) this.emit();
    if (run.length === 0) return;
    for (const n of run) this.entries.set(n, { state: 'pending' });
    this.emit();
    const controller = new AbortController();
    this.running.add(controller);
    const onResult = (c: ContextCheck): void => {
      if (controller.signal.aborted) return;
      this.record(c);
      this.emit();
    };
    void this.opts
      .run(run, { signal: controller.signal, onResult })
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(controller);
        this.emit();
      });
  }

  /** Forgets the results of `names` (stopping their checks) and checks them again. */
  refresh(names: string[]): void {
    this.stop();
    for (const n of names) this.entries.delete(n);
    this.ensure(names);
  }

  /** Aborts every running check; pending entries are dropped (the next `ensure` checks them again). */
  stop(): void {
    for (const c of this.running) c.abort();
    for (const [n, e] of this.entries) if (e.state === 'pending') this.entries.delete(n);
    this.emit();
  }

  private record(c: ContextCheck): void {
    const at = this.opts.now();
    this.entries.set(c.name, { state: 'done', check: c, at });
    if (c.result === 'ok') this.okAt.set(c.name, at);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
