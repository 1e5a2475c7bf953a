/**
 * Plain-words descriptions of credentials for explanations: certificate subject and expiry,
 * JWT issuer, subject and expiry (decoded without verifying). Never the secret itself.
 */
import { X509Certificate } from 'node:crypto';
import { neutralize } from '../terminal-text.js';
import { humanDuration } from '../pods/human-duration.js';

/** The claims kpods shows from a JWT, or undefined when the token is not a JWT. */
interface JwtClaims {
  iss?: string;
  sub?: string;
  exp?: number;
}

/** Decodes a JWT's payload without verifying the signature. */
export function decodeJwt(token: string): JwtClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!payload || typeof payload !== 'object') return undefined;
    const p = payload as Record<string, unknown>;
    return {
      ...(typeof p['iss'] === 'string' ? { iss: p['iss'] } : {}),
      ...(typeof p['sub'] === 'string' ? { sub: p['sub'] } : {}),
      ...(typeof p['exp'] === 'number' ? { exp: p['exp'] } : {}),
    };
  } catch {
    return undefined;
  }
}

/** "expired 3h ago" / "expires in 2d4h" relative to now, the span as kubectl prints ages. */
export function relativeTime(when: Date, now: Date): string {
  const ms = when.getTime() - now.getTime();
  const span = humanDuration(Math.abs(ms));
  return ms < 0 ? `expired ${span} ago` : `expires in ${span}`;
}

/** One line about a bearer token: JWT claims when it is one. */
export function describeToken(token: string, source: string, now: Date): string {
  const claims = decodeJwt(token);
  if (!claims) return `bearer token from ${source} (opaque, ${token.length} characters)`;
  const bits: string[] = [];
  if (claims.iss) bits.push(`issuer ${neutralize(claims.iss.slice(0, 120))}`);
  if (claims.sub) bits.push(`subject ${neutralize(claims.sub.slice(0, 120))}`);
  if (claims.exp !== undefined) {
    const at = new Date(claims.exp * 1000);
    bits.push(`${relativeTime(at, now)} (${at.toISOString()})`);
  }
  return `bearer token (JWT) from ${source}${bits.length ? ': ' + bits.join(', ') : ''}`;
}

/** Facts from a PEM certificate. */
interface CertFacts {
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
}

/** Certificates already read: every request describes the one it sends, and parsing costs ~1 ms. */
const factsCache = new Map<string, CertFacts | undefined>();

/** Reads subject, issuer and validity from the first certificate in a PEM string. */
export function certFacts(pem: string): CertFacts | undefined {
  if (factsCache.has(pem)) return factsCache.get(pem);
  const facts = readCertFacts(pem);
  if (factsCache.size >= 16) factsCache.clear();
  factsCache.set(pem, facts);
  return facts;
}

function readCertFacts(pem: string): CertFacts | undefined {
  try {
    const c = new X509Certificate(pem);
    return {
      subject: c.subject.split('\n').join(', '),
      issuer: c.issuer.split('\n').join(', '),
      notBefore: new Date(Date.parse(c.validFrom)),
      notAfter: new Date(Date.parse(c.validTo)),
    };
  } catch {
    return undefined;
  }
}

/** One line about a client certificate. */
export function describeCert(pem: string, source: string, now: Date): string {
  const f = certFacts(pem);
  if (!f) return `client certificate from ${source} (unreadable)`;
  return `client certificate from ${source}: subject ${neutralize(f.subject)}, issuer ${neutralize(f.issuer)}, ${relativeTime(f.notAfter, now)} (${f.notAfter.toISOString()})`;
}
