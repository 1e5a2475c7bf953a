/**
 * Watches a set of files for changes, debounced: each file and its directory are watched, since
 * kubectl (and editors) replace a file by renaming a new one over it, which a watch on the old
 * file alone misses. The watch function and timers are injectable for tests.
 */
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export type WatchFn = (path: string, listener: (event: string, filename: string | Buffer | null) => void) => Pick<FSWatcher, 'close'>;

export interface FileWatch {
  close(): void;
}

export interface WatchFilesOptions {
  /** Changes closer together than this make one call (default 200 ms). */
  debounceMs?: number;
  watch?: WatchFn;
}

const defaultWatch: WatchFn = (path, listener) => {
  const w = fsWatch(path, { persistent: false }, listener);
  // A directory or file that goes away mid-session: stop quietly.
  w.on('error', () => w.close());
  return w;
};

/** Calls `onChange` (debounced) when any of `files` changes, appears or is replaced. */
export function watchFiles(files: readonly string[], onChange: () => void, o: WatchFilesOptions = {}): FileWatch {
  const watch = o.watch ?? defaultWatch;
  const debounceMs = o.debounceMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const changed = (): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!closed) onChange();
    }, debounceMs);
  };
  const watchers: Array<Pick<FSWatcher, 'close'>> = [];
  const tryWatch = (path: string, listener: (event: string, filename: string | Buffer | null) => void): void => {
    try {
      watchers.push(watch(path, listener));
    } catch {
      // Missing file or directory: its directory (or nothing) covers it.
    }
  };
  const names = new Map<string, Set<string>>();
  for (const f of files) {
    const dir = dirname(f);
    if (!names.has(dir)) names.set(dir, new Set());
    names.get(dir)!.add(basename(f));
    tryWatch(f, changed);
  }
  for (const [dir, inDir] of names)
    tryWatch(dir, (_event, filename) => {
      // Only the chain's files matter; an unnamed event may be one of them.
      if (filename === null || inDir.has(filename.toString())) changed();
    });
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
