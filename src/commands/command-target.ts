/** The cluster a headless command talks to: the kubeconfig loaded and resolved for its flags, and the client's dependencies. */
import type { Result } from '../core/failure.js';
import type { Target } from '../core/target.js';
import type { ClientDeps } from '../core/client/deps.js';
import type { CommandIo } from './io.js';
import type { KubeFlags } from './kube-flags.js';

/** Loads the kubeconfig and resolves the target for the parsed flags. */
export async function resolveForCommand(
  flags: KubeFlags,
  io: CommandIo,
): Promise<Result<{ target: Target; warnings: string[]; contextNamespaces: string[] }>> {
  // The modules themselves, not the kubeconfig index: a command loads none of the writers it does not use.
  const [{ contextNamespaces, loadKubeconfig }, { resolveTarget }] = await Promise.all([
    import('../core/kubeconfig/load.js'),
    import('../core/kubeconfig/resolve.js'),
  ]);
  const loaded = loadKubeconfig({ ...(flags.kubeconfig ? { explicitPath: flags.kubeconfig } : {}), host: io.host });
  if (!loaded.ok) return loaded;
  io.secrets?.addKubeconfig(loaded.value);
  const resolved = resolveTarget(loaded.value, flags.overrides, io.host);
  if (!resolved.ok) return resolved;
  io.secrets?.addTarget(resolved.value);
  const warnings = loaded.value.warnings.map((w) => `${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
  return { ok: true, value: { target: resolved.value, warnings, contextNamespaces: contextNamespaces(loaded.value) } };
}

/** Client dependencies for a headless command (plugin stderr passed through, oidc refresh persisted). */
export async function commandClientDeps(io: CommandIo, flags: KubeFlags): Promise<ClientDeps> {
  return {
    host: io.host,
    onExecStderr: (text) => void io.stderr.write(text + '\n'),
    ...(io.secrets ? { secrets: io.secrets } : {}),
    persistAuthProvider: async (target: Target, config: Record<string, string>) => {
      const { saveAuthProviderConfig } = await import('../core/kubeconfig/write.js');
      const r = await saveAuthProviderConfig({
        ...(flags.kubeconfig ? { explicitPath: flags.kubeconfig } : {}),
        host: io.host,
        user: target.userName,
        config,
      });
      return r.ok ? { ok: true, value: undefined } : r;
    },
  };
}
