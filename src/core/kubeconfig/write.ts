/**
 * Writing back like `kubectl config use-context` and `kubectl config set-context --current
 * --namespace`: under kubectl's locks, re-read the chain, change one field in the right file,
 * keep every other field, and replace the file atomically (temporary file + rename, mode kept).
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
import { quoteCapped } from '../terminal-text.js';
import { failure, type Result } from '../failure.js';
import type { Host } from '../target.js';
import { loadingChain } from './chain.js';
import { contextNotFound, invalidFile, noCurrentContext } from './errors.js';
import { cloneTree, expandDocument } from './expand.js';
import { loadKubeconfig } from './load.js';
import { lockAll } from './lock.js';
import { KubeconfigChanged, saveFailed } from './write-errors.js';
import type { LoadedKubeconfig } from './types.js';
import { dumpDocument, parseFirstDocument } from './yaml11.js';
import { editText, type TextEdit } from './yaml-edit.js';

/** Where a save went: the file written, or none when the value was already set. */
export interface SaveResult {
  file?: string;
  changed: boolean;
}

/** Common options of the save functions. */
export interface SaveOptions {
  /** `--kubeconfig`, when given. */
  explicitPath?: string;
  host: Host;
  /** How long to wait for another kubectl/kpods to release its locks (default 10 s). */
  lockTimeoutMs?: number;
}

/** Sets current-context like `kubectl config use-context NAME` (written to kubectl's default file). */
export async function saveCurrentContext(options: SaveOptions & { context: string }): Promise<Result<SaveResult>> {
  return underLock(options, (config) => {
    if (!config.contexts.some((c) => c.name === options.context))
      return { ok: false, failure: contextNotFound(config, options.context, 'use-context') };
    if (config.currentContext === options.context) return { ok: true, value: { changed: false } };
    const file = config.defaultFile;
    const r = rewrite(
      file,
      (doc) => {
        doc['current-context'] = options.context;
      },
      { kind: 'current-context', value: options.context },
    );
    return r.ok ? { ok: true, value: { file, changed: true } } : r;
  });
}

/**
 * Sets the namespace of a context like `kubectl config set-context --current --namespace NS`
 * (the context's own file is changed). `context` defaults to current-context; an empty namespace removes it.
 */
export async function saveNamespace(options: SaveOptions & { namespace: string; context?: string }): Promise<Result<SaveResult>> {
  return underLock(options, (config) => {
    const name = options.context ?? config.currentContext;
    if (!name) return { ok: false, failure: noCurrentContext(config) };
    const ctx = config.contexts.find((c) => c.name === name);
    if (!ctx) return { ok: false, failure: contextNotFound(config, name, options.context !== undefined) };
    if ((ctx.fields.namespace ?? '') === options.namespace) return { ok: true, value: { changed: false } };
    const r = rewrite(
      ctx.origin,
      (doc) => {
        const list = Array.isArray(doc['contexts']) ? (doc['contexts'] as unknown[]) : [];
        const entry = list.find((e) => isMap(e) && (e['name'] ?? '') === name) as Record<string, unknown> | undefined;
        if (!entry) throw new KubeconfigChanged(`context ${name}`);
        const fields = isMap(entry['context']) ? entry['context'] : (entry['context'] = {} as Record<string, unknown>);
        if (options.namespace) fields['namespace'] = options.namespace;
        else delete fields['namespace'];
      },
      { kind: 'context-namespace', context: name, namespace: options.namespace },
    );
    return r.ok ? { ok: true, value: { file: ctx.origin, changed: true } } : r;
  });
}

/**
 * Persists a refreshed auth-provider config (OIDC id-token/refresh-token) into the user's
 * origin file, as kubectl does after a refresh. The other fields of the user are kept.
 */
export async function saveAuthProviderConfig(
  options: SaveOptions & { user: string; config: Record<string, string> },
): Promise<Result<SaveResult>> {
  return underLock(options, (config) => {
    const user = config.users.find((u) => u.name === options.user);
    if (!user)
      return {
        ok: false,
        failure: failure(
          'kubeconfig.user-not-found',
          `User ${quoteCapped(options.user)} is no longer defined in any kubeconfig file; the refreshed token was not saved.`,
          ['Log in again after restoring the user entry.'],
        ),
      };
    const r = rewrite(user.origin, (doc) => {
      const list = Array.isArray(doc['users']) ? (doc['users'] as unknown[]) : [];
      const entry = list.find((e) => isMap(e) && (e['name'] ?? '') === options.user) as Record<string, unknown> | undefined;
      if (!entry) throw new KubeconfigChanged(`user ${options.user}`);
      const fields = isMap(entry['user']) ? entry['user'] : (entry['user'] = {} as Record<string, unknown>);
      const provider = isMap(fields['auth-provider'])
        ? fields['auth-provider']
        : (fields['auth-provider'] = { name: 'oidc' } as Record<string, unknown>);
      provider['config'] = { ...options.config };
    });
    return r.ok ? { ok: true, value: { file: user.origin, changed: true } } : r;
  });
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

async function underLock(options: SaveOptions, change: (config: LoadedKubeconfig) => Result<SaveResult>): Promise<Result<SaveResult>> {
  const chain = loadingChain(options.explicitPath, options.host);
  const locked = await lockAll(chain.absolute, options.lockTimeoutMs);
  if (!locked.ok) {
    const e = locked.error;
    if (!e.held) return { ok: false, failure: saveFailed(e, e.lockFile, 'create the lock file') };
    return {
      ok: false,
      failure: failure('kubeconfig.write-failed', `Could not save: the lock file ${e.lockFile} is held.`, [
        'Another kubectl or kpods is changing the kubeconfig, or one crashed and left the lock behind.',
        `If nothing else is running, delete ${e.lockFile} and retry.`,
      ]),
    };
  }
  try {
    const loaded = loadKubeconfig(
      options.explicitPath === undefined ? { host: options.host } : { host: options.host, explicitPath: options.explicitPath },
    );
    if (!loaded.ok) return loaded;
    return change(loaded.value);
  } finally {
    locked.locks.release();
  }
}

/** A fresh kubeconfig document, as kubectl writes one. */
function emptyDocument(): Record<string, unknown> {
  return { apiVersion: 'v1', clusters: null, contexts: null, 'current-context': '', kind: 'Config', preferences: {}, users: null };
}

/** The document a kubeconfig text holds (aliases expanded), or undefined when it does not parse. */
function documentOf(text: string): unknown {
  const parsed = parseFirstDocument(text);
  if ('error' in parsed) return undefined;
  const expanded = expandDocument(parsed.doc, parsed.lines);
  return expanded.ok ? expanded.doc : undefined;
}

function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameTree(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameTree((a as never)[k], (b as never)[k]));
}

/**
 * The new text of a file: `edit` applied to its own text when that yields exactly `doc` (comments,
 * quoting and list style kept), else the whole document dumped as kubectl does.
 */
function newText(text: string, doc: Record<string, unknown>, edit: TextEdit | undefined): { text: string; kept: boolean } {
  const edited = edit ? editText(text, edit) : undefined;
  if (edited !== undefined && sameTree(documentOf(edited), doc)) return { text: edited, kept: true };
  return { text: dumpDocument(doc), kept: text.trim() === '' };
}

/**
 * Whether saving `edit` into `path` keeps the file's comments and formatting (for the preview,
 * before the user confirms). A missing or empty file has nothing to lose.
 */
export function saveKeepsFormatting(path: string, edit: TextEdit): boolean {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return true;
  }
  if (text.trim() === '') return true;
  const doc = documentOf(text);
  if (!isMap(doc)) return false;
  const mutated = cloneTree(doc) as Record<string, unknown>;
  if (edit.kind === 'current-context') mutated['current-context'] = edit.value;
  else {
    const list = Array.isArray(mutated['contexts']) ? (mutated['contexts'] as unknown[]) : [];
    const entry = list.find((e) => isMap(e) && (e['name'] ?? '') === edit.context);
    if (!isMap(entry)) return false;
    const fields = isMap(entry['context']) ? entry['context'] : (entry['context'] = {} as Record<string, unknown>);
    if (edit.namespace) fields['namespace'] = edit.namespace;
    else delete fields['namespace'];
  }
  if (sameTree(doc, mutated)) return true;
  return newText(text, mutated, edit).kept;
}

/** Re-reads `path`, applies `mutate` to its document and replaces the file atomically. */
function rewrite(path: string, mutate: (doc: Record<string, unknown>) => void, edit?: TextEdit): Result<void> {
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
