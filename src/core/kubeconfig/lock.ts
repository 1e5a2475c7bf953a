/**
 * kubectl's kubeconfig lock: before changing anything it creates `<file>.lock` with O_CREAT|O_EXCL
 * for every file of the chain, in sorted order, and removes them afterwards. kpods takes the same
 * locks; where kubectl fails at once on a held lock, kpods retries for a while first.
 */
import { closeSync, mkdirSync, openSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';

/** A set of held lock files. */
export interface HeldLocks {
  files: string[];
  release: () => void;
}

/** Why the locks could not be taken: the lock file that stayed held, or another error. */
export interface LockError {
  lockFile: string;
  held: boolean;
  /** The errno code when the lock file could not be created for another reason than being held. */
  code?: string | undefined;
}

function tryLockAll(paths: string[]): { ok: true; locks: HeldLocks } | { ok: false; error: LockError } {
  const taken: string[] = [];
  const release = (): void => {
    for (const l of taken.splice(0).reverse()) {
      try {
        unlinkSync(l);
      } catch {
        /* already gone */
      }
    }
  };
  for (const p of paths) {
    const lockFile = `${p}.lock`;
    try {
      mkdirSync(dirname(p), { recursive: true, mode: 0o755 });
      closeSync(openSync(lockFile, 'wx', 0o600));
      taken.push(lockFile);
    } catch (err) {
      release();
      const code = (err as NodeJS.ErrnoException).code;
      return {
        ok: false,
        error: { lockFile, held: code === 'EEXIST', code },
      };
    }
  }
  return { ok: true, locks: { files: [...taken], release } };
}

/**
 * Locks every path (sorted as kubectl sorts them). On a held lock, releases what it took and
 * retries with a growing random back-off until `timeoutMs` has passed.
 */
export async function lockAll(
  paths: string[],
  timeoutMs = 10_000,
): Promise<{ ok: true; locks: HeldLocks } | { ok: false; error: LockError }> {
  const sorted = [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const started = performance.now();
  let wait = 2;
  for (;;) {
    const r = tryLockAll(sorted);
    if (r.ok || !r.error.held || performance.now() - started > timeoutMs) return r;
    await new Promise((res) => setTimeout(res, wait + Math.random() * wait));
    wait = Math.min(wait * 2, 50);
  }
}
