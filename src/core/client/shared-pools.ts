/**
 * Connection pools shared between clients: several contexts that reach the same server with the
 * same TLS identity (and proxy) use one connection pool (undici's or NodePool) instead of one each.
 * The owner (e.g. the context checker) closes them all at once; a client given shared pools never
 * closes them itself.
 */
import { createHash } from 'node:crypto';

/** What the owner needs of a pool: undici's dispatchers and NodePool both have it. */
interface Destroyable {
  destroy(): Promise<unknown>;
}

export class SharedPools {
  private readonly pools = new Map<string, Destroyable>();
  private closed = false;

  /** The pool for `identity` (server, TLS, proxy, limits), made by `make` the first time. */
  get<T extends Destroyable>(identity: unknown, make: () => T): T {
    // Hashed so the map never holds key material as its key.
    const key = createHash('sha256').update(JSON.stringify(identity)).digest('hex');
    let pool = this.pools.get(key) as T | undefined;
    if (!pool) {
      pool = make();
      // After close (a cancelled check) nothing may be left open: the pool is destroyed at once.
      if (this.closed) void pool.destroy().catch(() => undefined);
      else this.pools.set(key, pool);
    }
    return pool;
  }

  /** How many distinct pools were made (for tests). */
  get size(): number {
    return this.pools.size;
  }

  /** Destroys every pool: requests still in flight are cut. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((p) => p.destroy().catch(() => undefined)));
  }
}
