/** The browser's kubeconfig source: the chain loaded once and followed, registering credentials as secrets. */
import { loadKubeconfig } from '../core/kubeconfig/index.js';
import type { SecretSet } from '../core/redact.js';
import type { Host } from '../core/target.js';
import { kubeconfigSource, type KubeconfigSource } from './kubeconfig-source.js';

/**
 * Loads the kubeconfig chain for `explicitPath` (or $KUBECONFIG, or the home file) as a followable
 * source. Each load (the first and every reload) registers its credentials in `secrets`, once.
 */
export function loadSource(host: Host, explicitPath: string | undefined, secrets?: SecretSet): KubeconfigSource {
  return kubeconfigSource(() => {
    const r = loadKubeconfig({ ...(explicitPath ? { explicitPath } : {}), host });
    if (r.ok) secrets?.addKubeconfig(r.value);
    return r;
  });
}
