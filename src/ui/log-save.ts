/**
 * `s` on the log view: what is in the buffer, written to a new file (mode 600: logs may hold
 * anything) in the current folder, or the temporary folder when that is not writable. The
 * lines are written as the server sent them (not neutralised: it is a file, not the screen);
 * kpods' own notices are left out.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LineBuffer } from '../core/logs/index.js';

export interface SaveLogOptions {
  namespace: string;
  pod: string;
  container?: string | undefined;
  previous?: boolean | undefined;
  /** Keep the server's timestamps in front of each line. */
  timestamps: boolean;
  now: Date;
  /** Folders to try in order (default: the current folder, then the temporary folder). */
  dirs?: string[];
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

/** Writes the buffer; returns the path, or throws the last error. */
export function saveLogBuffer(buffer: LineBuffer, o: SaveLogOptions): string {
  const stamp = o.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const name = `kpods-${safe(o.namespace)}-${safe(o.pod)}${o.container ? '-' + safe(o.container) : ''}${o.previous ? '-previous' : ''}-${stamp}.log`;
  let text = '';
  for (let seq = buffer.first; seq < buffer.end; seq++) {
    const l = buffer.get(seq)!;
    if (l.notice) continue;
    text += o.timestamps && l.ts ? `${l.ts} ${l.text}\n` : `${l.text}\n`;
  }
  let last: unknown;
  for (const dir of o.dirs ?? [process.cwd(), tmpdir()]) {
    const path = join(dir, name);
    try {
      writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
      return path;
    } catch (err) {
      last = err;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}
