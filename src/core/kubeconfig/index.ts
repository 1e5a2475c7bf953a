/**
 * The kubeconfig engine: loads and merges the kubeconfig chain exactly as kubectl does (with
 * the origin file of every entry), resolves one Target for the override flags, writes back a
 * chosen context or namespace, and explains every failure.
 *
 * Public API:
 *   loadKubeconfig({ explicitPath?, host, fs? }): Result<LoadedKubeconfig>
 *   resolveTarget(config, overrides: TargetOverrides, host, { serviceAccountDir? }?): Result<Target>
 *   saveCurrentContext({ explicitPath?, host, context, lockTimeoutMs? }): Promise<Result<SaveResult>>
 *   saveNamespace({ explicitPath?, host, namespace, context?, lockTimeoutMs? }): Promise<Result<SaveResult>>
 *   saveAuthProviderConfig({ explicitPath?, host, user, config, lockTimeoutMs? }): Promise<Result<SaveResult>>
 *   authKind(user fields): AuthKind
 *   renderConfigView(config): the `kubectl config view --raw -o json` object
 *   parseRequestTimeout(text): milliseconds | undefined
 */
export { contextNamespaces, loadKubeconfig, readKubeconfigFile, MAX_FILE_BYTES, type LoadOptions, type LoaderFs } from './load.js';
export { resolveTarget, resolveFrom, type ResolveOptions } from './resolve.js';
export { parseRequestTimeout, REQUEST_TIMEOUT_HELP, type TargetOverrides } from './overrides.js';
export {
  saveCurrentContext,
  saveNamespace,
  saveAuthProviderConfig,
  saveKeepsFormatting,
  type SaveOptions,
  type SaveResult,
} from './write.js';
export { editText, yamlScalar, type TextEdit } from './yaml-edit.js';
export { authKind, type AuthKind } from './auth-kind.js';
export { renderConfigView } from './view.js';
export { detectInCluster, DEFAULT_SERVICE_ACCOUNT_DIR, type InClusterInfo } from './in-cluster.js';
export { loadingChain, defaultFile, homeFile, type Chain } from './chain.js';
export { saveFailed, KubeconfigChanged } from './write-errors.js';
export { notFound, contextNotFound, clusterNotFound, userNotFound, noCurrentContext, invalidFile } from './errors.js';
export type {
  LoadedKubeconfig,
  ConsideredFile,
  KubeconfigWarning,
  ClusterEntry,
  UserEntry,
  ContextEntry,
  ClusterFields,
  UserFields,
  ContextFields,
  ExecFields,
  NamedExtension,
  ChainSource,
  Entry,
} from './types.js';
