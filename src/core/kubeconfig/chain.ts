/**
 * Which kubeconfig files kubectl reads, in order, and which one it writes `current-context` to
 * (kubectl's "default file"): `--kubeconfig`, else `$KUBECONFIG`, else `~/.kube/config`.
 */
import { statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { Host } from '../target.js';
import type { ChainSource } from './types.js';

/** The loading chain: paths as written (deduplicated, empty entries dropped) and made absolute. */
export interface Chain {
  source: ChainSource;
  written: string[];
  absolute: string[];
  explicitPath?: string;
}

/** The file kubectl uses when HOME is set (`$HOME/.kube/config`), else `./.kube/config`. */
export function homeFile(host: Host): string {
  return host.home ? join(host.home, '.kube', 'config') : join('.kube', 'config');
}

/** The files to read for `--kubeconfig` (when non-empty), `$KUBECONFIG` (when non-empty) or the home file. */
export function loadingChain(explicitPath: string | undefined, host: Host): Chain {
  const abs = (p: string): string => resolve(host.cwd, p);
  if (explicitPath) return { source: 'flag', written: [explicitPath], absolute: [abs(explicitPath)], explicitPath };
  const env = host.env['KUBECONFIG'];
  if (env) {
    const written: string[] = [];
    for (const p of env.split(delimiter)) if (p !== '' && !written.includes(p)) written.push(p);
    return { source: 'env', written, absolute: written.map(abs) };
  }
  const home = homeFile(host);
  return { source: 'home', written: [home], absolute: [abs(home)] };
}

/**
 * kubectl's default file: the explicit file; the home file; a single KUBECONFIG entry; else the
 * first existing entry; else the last. Absolute. (Empty KUBECONFIG entries are ignored.)
 */
export function defaultFile(chain: Chain, exists: (p: string) => boolean = fileExists): string {
  if (chain.absolute.length <= 1 || chain.source !== 'env') return chain.absolute[0] ?? '';
  return chain.absolute.find(exists) ?? chain.absolute[chain.absolute.length - 1] ?? '';
}

/** True when something exists at `p` (kubectl's os.Stat check). */
function fileExists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
