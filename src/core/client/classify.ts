/**
 * Turns transport errors and HTTP error responses into explained Failures, by error codes and
 * HTTP status only (never by message text).
 */
import { failure, type Failure } from '../failure.js';
import { neutralize } from '../terminal-text.js';

interface ErrorContext {
  server: string;
  proxy?: string | undefined;
  midBody?: boolean;
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'INVALID_CA',
]);
const CERT_TIME = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const HOSTNAME = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'ERR_TLS_CERT_ALTNAME_FORMAT']);
const REFUSED = new Set(['ECONNREFUSED']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const TIMEOUT = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED', 'Z_DATA_ERROR', 'Z_BUF_ERROR']);

/** Removes userinfo (user:password@) from a URL for display. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
      return u.toString().replace(/\/$/, '');
    }
    return url;
  } catch {
    return '(unparseable URL)';
  }
}

/** The chain of error codes in an error and its causes (AggregateError members included). */
function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): void => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > 6) return;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    visit((e as { cause?: unknown }).cause, depth + 1);
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(err, 0);
  return codes;
}

interface PeerCertInfo {
  subjectaltname?: string;
  valid_to?: string;
  issuer?: Record<string, unknown>;
  subject?: Record<string, unknown>;
}

/** The server certificate Node attaches to TLS verification errors, if any. */
function peerCert(err: unknown): PeerCertInfo | undefined {
  const seen = new Set<unknown>();
  let e: unknown = err;
  for (let i = 0; i < 6 && e && typeof e === 'object' && !seen.has(e); i++) {
    seen.add(e);
    const cert = (e as { cert?: unknown }).cert;
    if (cert && typeof cert === 'object') return cert as PeerCertInfo;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function certLine(cert: PeerCertInfo | undefined, what: 'names' | 'expiry' | 'issuer'): string | undefined {
  if (!cert) return undefined;
  if (what === 'names' && typeof cert.subjectaltname === 'string')
    return `The server certificate is valid for: ${neutralize(cert.subjectaltname.replace(/(DNS|IP Address):/g, '').slice(0, 300))}.`;
  if (what === 'expiry' && typeof cert.valid_to === 'string') return `The server certificate is valid until ${neutralize(cert.valid_to)}.`;
  const cn = what === 'issuer' ? cert.issuer?.['CN'] : undefined;
  if (typeof cn === 'string') return `The server certificate was issued by "${neutralize(cn)}".`;
  return undefined;
}

function joinDetail(...lines: Array<string | undefined>): string | undefined {
  const d = lines.filter((l): l is string => !!l).join('\n');
  return d === '' ? undefined : d;
}

function hostPort(server: string): string {
  try {
    const u = new URL(server);
    return u.port ? `${u.hostname}:${u.port}` : u.hostname;
  } catch {
    return server;
  }
}

/** Classifies a thrown transport error. */
export function classifyError(err: unknown, ctx: ErrorContext): Failure {
  const codes = errorCodes(err);
  const has = (set: Set<string>): boolean => codes.some((c) => set.has(c));
  const where = hostPort(ctx.server);
  const detail = codes.length ? `error codes: ${codes.map(neutralize).join(', ')}` : undefined;
  // A SOCKS5 proxy that answers with an error (or is not SOCKS5 at all) is the proxy's failure too.
  const socks = codes.some((c) => c.startsWith('UND_ERR_SOCKS5'));
  if (
    ctx.proxy &&
    !ctx.midBody &&
    (has(REFUSED) || has(DNS) || socks || codes.includes('UND_ERR_ABORTED') || codes.includes('UND_ERR_PRX_TLS'))
  ) {
    return failure(
      'connection.proxy',
      `Could not reach ${where} through the proxy ${redactUrl(ctx.proxy)}.`,
      [
        'Check that the proxy is running and allows CONNECT to the API server (kubeconfig field clusters[].cluster.proxy-url, or HTTPS_PROXY/NO_PROXY).',
        'If the API server should be reached directly, add its host to NO_PROXY or remove proxy-url.',
      ],
      detail,
    );
  }
  if (has(UNKNOWN_CA)) {
    return failure(
      'connection.tls-unknown-authority',
      `The API server's certificate at ${where} is signed by an authority your kubeconfig does not trust.`,
      [
        "Set the cluster's certificate-authority (or certificate-authority-data) in the kubeconfig to the CA that signed the server certificate.",
        'If the server was re-created, fetch a fresh kubeconfig from its administrator or cloud console.',
        'Only for a throwaway test cluster: insecure-skip-tls-verify: true (never in production).',
      ],
      joinDetail(certLine(peerCert(err), 'issuer'), detail),
    );
  }
  if (has(HOSTNAME)) {
    return failure(
      'connection.tls-hostname-mismatch',
      `The API server's certificate is not valid for the name used to reach it (${where}).`,
      [
        "Use the host name the certificate was issued for in the cluster's server field,",
        'or set tls-server-name in the cluster entry of the kubeconfig to a name the certificate lists.',
      ],
      joinDetail(certLine(peerCert(err), 'names'), detail),
    );
  }
  if (has(CERT_TIME)) {
    return failure(
      'connection.tls-cert-expired',
      `The API server's certificate at ${where} has expired or is not yet valid.`,
      [
        "Check this computer's clock; if it is right, the cluster administrator must renew the server certificate.",
        "If the cluster was renewed, update the cluster's certificate-authority-data in the kubeconfig.",
      ],
      joinDetail(certLine(peerCert(err), 'expiry'), detail),
    );
  }
  if (codes.some((c) => c.startsWith('ERR_SSL') || c === 'EPROTO' || c.startsWith('ERR_TLS') || c === 'UND_ERR_PRX_TLS')) {
    return failure(
      'connection.tls-protocol',
      `The TLS handshake with ${where} failed.`,
      [
        'Check that the server field uses https:// and the port of the API server (not an HTTP port or another service).',
        'If the server requires a client certificate, check client-certificate/client-key in the kubeconfig user.',
      ],
      detail,
    );
  }
  if (has(REFUSED)) {
    return failure(
      'connection.refused',
      `Nothing is accepting connections at ${where}.`,
      [
        'Check that the cluster is running and that the server field in the kubeconfig has the right host and port.',
        'For a local cluster (kind, minikube, k3d), start it again; its port may have changed.',
      ],
      detail,
    );
  }
  if (has(DNS)) {
    return failure(
      'connection.dns',
      `The host name in ${where} could not be resolved.`,
      ['Check the spelling of the server field in the kubeconfig, and your DNS or VPN connection.'],
      detail,
    );
  }
  if (has(TIMEOUT)) {
    return failure(
      'connection.timeout',
      `Connecting to ${where} timed out.`,
      ['Check the network path to the cluster (VPN, firewall, security groups), and that the address is right.'],
      detail,
    );
  }
  if (has(RESET) || ctx.midBody) {
    return failure(
      'connection.reset',
      ctx.midBody
        ? `The connection to ${where} was cut while the answer was being received.`
        : `The connection to ${where} was closed unexpectedly.`,
      ['Try again; if it keeps happening, a proxy, load balancer or the API server is dropping connections.'],
      detail,
    );
  }
  return failure('connection.reset', `The request to ${where} failed.`, ['Try again; check the network path to the cluster.'], detail);
}
