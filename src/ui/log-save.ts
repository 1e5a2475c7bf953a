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

/** Why a save failed, classified by the system's error code (never its raw message). */
export interface SaveLogFailure {
  code: 'permission' | 'read-only' | 'no-space' | 'no-folder' | 'too-many-files' | 'other';
  summary: string;
  hint: string;
}

export type SaveLogResult = { ok: true; path: string; lines: number } | { ok: false; failure: SaveLogFailure };

/** The explanation of a failed write (`tried`: the folders, in order). */
export function explainSaveError(err: unknown, tried: string[]): SaveLogFailure {
  const errno = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = tried.join(' or ');
  const elsewhere = 'start kpods from a folder you can write to';
  switch (errno) {
    case 'EACCES':
    case 'EPERM':
      return { code: 'permission', summary: `you may not write files in ${where}`, hint: elsewhere };
    case 'EROFS':
      return { code: 'read-only', summary: `${where} is on a read-only file system`, hint: elsewhere };
    case 'ENOSPC':
    case 'EDQUOT':
      return { code: 'no-space', summary: `no space left (or over quota) in ${where}`, hint: 'free some space and press s again' };
    case 'ENOENT':
    case 'ENOTDIR':
      return { code: 'no-folder', summary: `${where} does not exist (any more)`, hint: elsewhere };
    case 'EMFILE':
    case 'ENFILE':
      return { code: 'too-many-files', summary: 'too many files are open', hint: 'press s again in a moment' };
    default:
      return { code: 'other', summary: `writing in ${where} failed${errno ? ` (${errno})` : ''}`, hint: elsewhere };
  }
}

/**
 * Writes the buffer to a new file (never over an existing one: a second save in the same
 * second gets "-2", "-3" …); the path, or why it could not.
 */
export function saveLogBuffer(buffer: LineBuffer, o: SaveLogOptions): SaveLogResult {
  const stamp = o.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const base = `kpods-${safe(o.namespace)}-${safe(o.pod)}${o.container ? '-' + safe(o.container) : ''}${o.previous ? '-previous' : ''}-${stamp}`;
  let text = '';
  let lines = 0;
  for (let seq = buffer.first; seq < buffer.end; seq++) {
    const l = buffer.get(seq)!;
    if (l.notice) continue;
    text += o.timestamps && l.ts ? `${l.ts} ${l.text}\n` : `${l.text}\n`;
    lines++;
  }
  const dirs = o.dirs ?? [process.cwd(), tmpdir()];
  let last: unknown;
  for (const dir of dirs) {
    for (let n = 1; n <= 20; n++) {
      const path = join(dir, `${base}${n > 1 ? `-${n}` : ''}.log`);
      try {
        writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
        return { ok: true, path, lines };
      } catch (err) {
        last = err;
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') break;
      }
    }
  }
  return { ok: false, failure: explainSaveError(last, dirs) };
}
