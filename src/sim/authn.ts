/**
 * Who is asking, as kube-apiserver's authenticators see it: a verified client certificate first,
 * then a bearer token or basic credentials; and Impersonate-User / Impersonate-Group on top.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AccessControl, Account, Attributes } from './access.js';

/** Credentials the server knows. */
export interface Credentials {
  tokens: Map<string, Account>;
  /** Keyed by "user:password". */
  basic: Map<string, Account>;
}

export function authenticate(req: IncomingMessage, creds: Credentials): Account | 'invalid' | undefined {
  // Like kube-apiserver's union authenticator: a verified client certificate first, then the Authorization header.
  const socket = req.socket as TLSSocket;
  if (socket.authorized) {
    const subject = socket.getPeerCertificate()?.subject as unknown as Record<string, string | string[]> | undefined;
    const cn = subject?.['CN'];
    const o = subject?.['O'];
    if (typeof cn === 'string' && cn !== '') {
      const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
      return { username: cn, groups: [...groups, 'system:authenticated'] };
    }
  }
  const header = req.headers.authorization;
  if (header) {
    const [scheme, value = ''] = header.split(' ', 2);
    let account: Account | undefined;
    if (scheme?.toLowerCase() === 'bearer') account = creds.tokens.get(value.trim());
    else if (scheme?.toLowerCase() === 'basic') account = creds.basic.get(Buffer.from(value, 'base64').toString('utf8'));
    return account ? { ...account, groups: [...account.groups, 'system:authenticated'] } : 'invalid';
  }
  return socket.authorized ? 'invalid' : undefined;
}

/** Applies Impersonate-User / Impersonate-Group: the new account, or the attributes that were denied. */
export function impersonate(req: IncomingMessage, who: Account, access: AccessControl): Account | Attributes {
  const user = req.headers['impersonate-user'];
  const groups = req.headersDistinct['impersonate-group'] ?? [];
  if (typeof user !== 'string' || user === '') return who;
  const checks: Attributes[] = [
    { kind: 'resource', verb: 'impersonate', group: '', resource: 'users', name: user },
    ...groups.map((g): Attributes => ({ kind: 'resource', verb: 'impersonate', group: '', resource: 'groups', name: g })),
  ];
  for (const a of checks) if (!access.authorize(who, a).allowed) return a;
  return { username: user, groups: [...groups, 'system:authenticated'] };
}
