/**
 * Replacing one kubeconfig file as kubectl does: re-read it, change its document, write a temporary
 * file beside it (mode and owner kept) and rename it over the original; a file or folder kubectl
 * would not write is refused with the reason.
 */
import {
  accessSync,
  constants,
  chownSync,
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { failure, type Result } from '../failure.js';
import { invalidFile } from './errors.js';
import { cloneTree, expandDocument } from './expand.js';
import { saveFailed } from './write-errors.js';
import { parseFirstDocument } from './yaml11.js';
import type { TextEdit } from './yaml-edit.js';
import { isMap, newText } from './write-format.js';

/** A fresh kubeconfig document, as kubectl writes one. */
function emptyDocument(): Record<string, unknown> {
  return { apiVersion: 'v1', clusters: null, contexts: null, 'current-context': '', kind: 'Config', preferences: {}, users: null };
}

/** Re-reads `path`, applies `mutate` to its document and replaces the file atomically. */
export function rewrite(path: string, mutate: (doc: Record<string, unknown>) => void, edit?: TextEdit): Result<void> {
  let real = path;
  let mode = 0o600;
  let owner: { uid: number; gid: number } | undefined;
  let text = '';
  try {
    real = realpathSync(path);
    const st = statSync(real);
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
    text = readFileSync(real, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, failure: saveFailed(err, path) };
  }
  const parsed = parseFirstDocument(text);
  if ('error' in parsed) return { ok: false, failure: invalidFile(path, parsed.error.line, parsed.error.reason) };
  const expanded = expandDocument(parsed.doc, parsed.lines);
  if (!expanded.ok) return { ok: false, failure: invalidFile(path, expanded.line, expanded.reason) };
  // Aliases share nodes: copy so that changing one context cannot change another.
  const doc = isMap(expanded.doc) ? (cloneTree(expanded.doc) as Record<string, unknown>) : emptyDocument();
  try {
    mutate(doc);
  } catch (err) {
    return { ok: false, failure: saveFailed(err, path) };
  }
  const denied = notWritable(real, owner !== undefined, mode);
  if (denied) return { ok: false, failure: permissionDenied(path, denied) };
  const tmp = join(dirname(real), `.${basename(real)}.kpods-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', mode);
    try {
      fchmodSync(fd, mode);
      writeSync(fd, newText(text, doc, edit).text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (owner && process.getuid?.() === 0) chownSync(tmp, owner.uid, owner.gid);
    renameSync(tmp, real);
    return { ok: true, value: undefined };
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* not created */
    }
    return { ok: false, failure: saveFailed(err, path) };
  }
}

/**
 * Why `real` may not be replaced, or undefined. A file without any write bit, or one the user may
 * not write, is refused as kubectl refuses it ("permission denied"), even for root, whom rename
 * would let through; so is a folder that is read-only or not writable by the user, since the
 * atomic replacement writes a new file there.
 */
function notWritable(real: string, exists: boolean, mode: number): string | undefined {
  if (exists) {
    if ((mode & 0o222) === 0) return `the file is read-only (mode ${(mode & 0o777).toString(8).padStart(4, '0')})`;
    try {
      accessSync(real, constants.W_OK);
    } catch {
      return 'the file is not writable by you';
    }
  }
  const dir = dirname(real);
  const st = statSync(dir, { throwIfNoEntry: false });
  if (!st) return undefined;
  if ((st.mode & 0o222) === 0) return `its folder ${dir} is read-only (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')})`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `its folder ${dir} is not writable by you`;
  }
  return undefined;
}

function permissionDenied(path: string, reason: string): ReturnType<typeof failure> {
  return failure(
    'kubeconfig.write-failed',
    `Could not write ${path}: permission denied (${reason}).`,
    ['kubectl refuses to change this file too. Make it writable (e.g. chmod u+w), or save to another kubeconfig with --kubeconfig.'],
    `file: ${path}`,
  );
}
