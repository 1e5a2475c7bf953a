/** The real UiDeps: the kubeconfig (loaded once, followed) for contexts, targets and saving; the client for the cluster. */
import { createKubeClient, type ExecRunner } from '../core/client/index.js';
import { checkContexts } from '../core/health/index.js';
import { DEFAULT_COMMAND_TIMEOUT_MS } from '../core/client/limits.js';
import { expiryReader } from './credential-expiry.js';
import type { Result } from '../core/failure.js';
import {
  defaultFile,
  loadingChain,
  saveKeepsFormatting,
  resolveTarget,
  saveCurrentContext,
  saveNamespace,
  type TargetOverrides,
} from '../core/kubeconfig/index.js';
import type { Host, Target } from '../core/target.js';
import type { KubeconfigSource } from './kubeconfig-source.js';
import { loadSource } from './load-source.js';
import type { SaveDeps } from './save.js';
import type { KubeconfigView, Selection, SessionDeps } from './session-types.js';
import type { SecretSet } from '../core/redact.js';

/** Everything the UI needs from the outside world. */
export interface UiDeps extends SessionDeps, SaveDeps {}

interface KubeDepsOptions {
  host: Host;
  explicitPath?: string | undefined;
  /** The kubectl flags given at start; context/user/namespace come from the selection instead. */
  overrides: TargetOverrides;
  /** The kubeconfig in use (default: loaded here once, not followed). */
  source?: KubeconfigSource | undefined;
  execRunner?: ExecRunner | undefined;
  /** Receives an exec plugin's stderr (neutralised); the UI shows it as a message. */
  onExecStderr?: ((text: string) => void) | undefined;
  /** Filled with every credential of the kubeconfig, the targets and exec results (for redaction). */
  secrets?: SecretSet | undefined;
  /** A description per context name (the demo's scenarios), shown in the context picker. */
  contextNotes?: Readonly<Record<string, string>> | undefined;
}

export { loadSource };

/** Builds the UiDeps for one kubeconfig chain. */
export function kubeDeps(o: KubeDepsOptions): UiDeps {
  // The loader registers each kubeconfig's credentials (pass `secrets` to loadSource for a source made elsewhere).
  const source = o.source ?? loadSource(o.host, o.explicitPath, o.secrets);
  const save = { ...(o.explicitPath ? { explicitPath: o.explicitPath } : {}), host: o.host };
  // --cluster only shapes the first target; the rest of kubectl's overrides hold for the session.
  const { context: _c, user: _u, namespace: _n, cluster: _cl, ...session } = o.overrides;
  let first = true;
  return {
    now: o.host.now,
    kubeconfig(): KubeconfigView {
      const r = source.current();
      if (!r.ok) return { contexts: [], users: [] };
      const c = r.value;
      return {
        ...(c.currentContext !== undefined ? { current: c.currentContext } : {}),
        contexts: c.contexts.map((x) => ({
          name: x.name,
          cluster: x.fields.cluster,
          user: x.fields.user,
          ...(x.fields.namespace ? { namespace: x.fields.namespace } : {}),
          ...(o.contextNotes?.[x.name] ? { note: o.contextNotes[x.name] } : {}),
        })),
        users: c.users.map((u) => u.name),
      };
    },
    resolve(sel: Selection): Result<Target> {
      const r = source.current();
      if (!r.ok) return r;
      const overrides: TargetOverrides = first ? { ...o.overrides } : { ...session };
      first = false;
      if (sel.context) overrides.context = sel.context;
      if (sel.user) overrides.user = sel.user;
      if (typeof sel.namespace === 'string') overrides.namespace = sel.namespace;
      const t = resolveTarget(r.value, overrides, o.host);
      if (t.ok) o.secrets?.addTarget(t.value);
      return t;
    },
    // Background checks never get the terminal: plugins that need one are skipped (the picker says so).
    checkContexts: async (names, { signal, onResult }) => {
      const r = source.current();
      if (!r.ok) return;
      await checkContexts(names, {
        config: r.value,
        host: o.host,
        // Node's own HTTP client, as the browser's (undici would be loaded for the checks alone).
        clientDeps: { host: o.host, builtinHttp: true },
        overrides: session,
        terminal: false,
        signal,
        onResult,
      });
    },
    createClient: (target, hooks) =>
      createKubeClient(browserTarget(target), {
        host: o.host,
        // Node's own HTTP client: undici (its JavaScript and WebAssembly parser, ~0.1 s to load)
        // would stand between start and the first rows; a proxy still goes through undici.
        builtinHttp: true,
        ...(hooks?.onExecRunning ? { onExecRunning: hooks.onExecRunning } : {}),
        ...(hooks?.onRetry ? { onRetry: hooks.onRetry } : {}),
        ...(o.execRunner ? { execRunner: o.execRunner } : {}),
        ...(o.onExecStderr ? { onExecStderr: o.onExecStderr } : {}),
        ...(o.secrets ? { secrets: o.secrets } : {}),
      }),
    expiry: expiryReader(),
    savePreview(context, namespace) {
      const r = source.current();
      // The file the writer will choose (the same rule, legacy ~/.kube/.kubeconfig included).
      const file = r.ok ? r.value.defaultFile : defaultFile(loadingChain(o.explicitPath, o.host));
      const origin = r.ok ? r.value.contexts.find((c) => c.name === context)?.origin : undefined;
      const nsPart =
        origin && origin !== file
          ? `; namespace "${namespace}" of context "${context}" in ${origin}`
          : `, namespace "${namespace}" of context "${context}"`;
      const lost = [
        saveKeepsFormatting(file, { kind: 'current-context', value: context }) ? undefined : file,
        saveKeepsFormatting(origin ?? file, { kind: 'context-namespace', context, namespace }) ? undefined : (origin ?? file),
      ].filter((f): f is string => f !== undefined);
      const warning = lost.length
        ? ` (the layout of ${[...new Set(lost)].join(', ')} cannot be edited in place: it will be re-written as kubectl writes it, without its comments)`
        : '';
      return `will change ${file}: current-context "${context}"${nsPart}${warning}`;
    },
    async save(context, namespace) {
      const a = await saveCurrentContext({ ...save, context });
      if (!a.ok) return a;
      const b = await saveNamespace({ ...save, context, namespace });
      if (!b.ok) return b;
      // kpods' own write is taken in at once (the file watcher then finds nothing new).
      source.reload();
      const files = [...new Set([a.value.file, b.value.file].filter((x): x is string => !!x))];
      return { ok: true, value: files.length ? `wrote ${files.join(', ')}` : 'already set; nothing to change' };
    },
  };
}

/**
 * The browser's requests have an overall time limit too (the commands' default unless
 * --request-timeout is given; 0 means none): a server that never answers is a failure, not a blank screen.
 */
export function browserTarget(target: Target): Target {
  return { ...target, requestTimeoutMs: target.requestTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS };
}
