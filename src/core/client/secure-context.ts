/**
 * One parse of a target's TLS material (CA, client certificate and key) per process: the check
 * before the first connection and every connection pool of the same material share the
 * SecureContext Node builds from it (parsing a private key is most of the cost). A few recent
 * sets are kept, so a context picker checking a dozen contexts of one cluster parses its CA once.
 */
import { createSecureContext, type SecureContext } from 'node:tls';

export interface TlsPem {
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
}

const KEPT = 16;
const recent = new Map<string, SecureContext>();

/** The SecureContext of `pem` (certificate and key only together); throws as createSecureContext does. */
export function secureContextOf(pem: TlsPem): SecureContext {
  const pair = pem.cert && pem.key ? { cert: pem.cert, key: pem.key } : {};
  const id = `${pem.ca ?? ''}\u0000${pair.cert ?? ''}\u0000${pair.key ?? ''}`;
  const kept = recent.get(id);
  if (kept) {
    // Most recently used last: the oldest goes first when the map is full.
    recent.delete(id);
    recent.set(id, kept);
    return kept;
  }
  const made = createSecureContext({ ...(pem.ca ? { ca: pem.ca } : {}), ...pair });
  recent.set(id, made);
  if (recent.size > KEPT) recent.delete(recent.keys().next().value as string);
  return made;
}
