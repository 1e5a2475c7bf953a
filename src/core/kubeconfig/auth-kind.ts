/** Names the kind of credential a kubeconfig user carries, for listings (never the secret itself). */
import type { UserFields } from './types.js';

/** The credential kinds `kpods contexts -o json` reports. */
export type AuthKind = 'client-certificate' | 'token' | 'token-file' | 'basic' | 'exec' | 'auth-provider' | 'none';

/**
 * The user's main credential, in the order kubectl applies them: a client certificate, a token
 * file (it beats a static token), a token, basic auth, an exec plugin, an auth provider.
 */
export function authKind(user: UserFields | undefined): AuthKind {
  if (!user) return 'none';
  if (user.clientCertificate || user.clientCertificateData) return 'client-certificate';
  if (user.tokenFile) return 'token-file';
  if (user.token) return 'token';
  if (user.username || user.password) return 'basic';
  if (user.exec) return 'exec';
  if (user.authProvider) return 'auth-provider';
  return 'none';
}
