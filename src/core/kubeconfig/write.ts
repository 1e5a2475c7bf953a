/**
 * Writing back like `kubectl config use-context` and `kubectl config set-context --current
 * --namespace`: under kubectl's locks, re-read the chain, change one field in the right file,
 * keep every other field, and replace the file atomically (write-file.ts; the text written:
 * write-format.ts).
 */
import { quoteCapped } from '../terminal-text.js';
import { failure, type Result } from '../failure.js';
import type { Host } from '../target.js';
import { loadingChain } from './chain.js';
import { contextNotFound, noCurrentContext } from './errors.js';
import { loadKubeconfig } from './load.js';
import { lockAll } from './lock.js';
import { KubeconfigChanged, saveFailed } from './write-errors.js';
import type { LoadedKubeconfig } from './types.js';
import { rewrite } from './write-file.js';
import { isMap } from './write-format.js';

export { saveKeepsFormatting } from './write-format.js';

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
