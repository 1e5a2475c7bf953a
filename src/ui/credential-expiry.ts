/**
 * When a target's credential expires (the header's "expires in"): a JWT's exp, or the client
 * certificate's notAfter. A certificate file is read and parsed again only when it changed on
 * disk (its size or modification time), not on every context, namespace or filter switch.
 */
import { readFileSync, statSync } from 'node:fs';
import { certFacts, decodeJwt } from '../core/client/describe-credential.js';
import type { Target } from '../core/target.js';

/** The file system calls it makes (injected by tests to count reads). */
export interface ExpiryFs {
  stamp(path: string): string | undefined;
  read(path: string): string;
}

const realFs: ExpiryFs = {
  stamp(path) {
    const st = statSync(path, { throwIfNoEntry: false });
    return st ? `${st.size}:${st.mtimeMs}:${st.ino}` : undefined;
  },
  read: (path) => readFileSync(path, 'utf8'),
};

/** A credentialExpiry function with its own cache of certificate files and inline certificates. */
export function expiryReader(fs: ExpiryFs = realFs): (target: Target) => Date | undefined {
  const files = new Map<string, { stamp: string; notAfter: Date | undefined }>();
  let inline: { pem: string; notAfter: Date | undefined } | undefined;
  const ofPem = (pem: string): Date | undefined => {
    if (inline?.pem !== pem) inline = { pem, notAfter: certFacts(pem)?.notAfter };
    return inline.notAfter;
  };
  return (target) => {
    const token = target.auth.token;
    if (token) {
      const exp = decodeJwt(token)?.exp;
      if (exp !== undefined) return new Date(exp * 1000);
    }
    if (target.tls.certData) return ofPem(target.tls.certData);
    const file = target.tls.certFile;
    if (!file) return undefined;
    try {
      const stamp = fs.stamp(file);
      if (stamp === undefined) return undefined;
      const hit = files.get(file);
      if (hit?.stamp === stamp) return hit.notAfter;
      const pem = fs.read(file);
      const notAfter = pem ? certFacts(pem)?.notAfter : undefined;
      files.set(file, { stamp, notAfter });
      return notAfter;
    } catch {
      return undefined;
    }
  };
}
