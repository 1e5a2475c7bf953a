/**
 * The TLS material of a target, read and checked before any connection: the CA, client certificate
 * and key from their files or *-data fields, each one usable, the certificate matching its key and
 * within its validity period; else a failure that says which and why.
 */
import { readTextFile } from '../read-text-file.js';
import { createSecureContext } from 'node:tls';
import { secureContextOf } from './secure-context.js';
import { failure, type Failure, type Result } from '../failure.js';
import type { Target } from '../target.js';
import { neutralize } from '../terminal-text.js';
import { shortenKeyMaterial } from '../redact.js';
import { certFacts, describeCert } from './describe-credential.js';
import type { LoadedTls } from './http-types.js';

async function readPem(file: string | undefined, data: string | undefined, field: string): Promise<Result<string | undefined>> {
  if (data) return { ok: true, value: data };
  if (!file) return { ok: true, value: undefined };
  try {
    return { ok: true, value: await readTextFile(file) };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return {
      ok: false,
      failure: failure(
        'credentials.file-unreadable',
        `The file named by ${field} cannot be read: ${neutralize(shortenKeyMaterial(file))}${typeof code === 'string' ? ` (${code})` : ''}.`,
        [
          `Check the path in the kubeconfig field ${field} (relative paths are resolved against the kubeconfig's folder), and its permissions.`,
        ],
      ),
    };
  }
}

/** Reads and checks the TLS material of a target (CA, client certificate and key). */
export async function loadTls(target: Target, now: Date): Promise<Result<LoadedTls>> {
  const t = target.tls;
  const ca = await readPem(t.caFile, t.caData, 'clusters[].cluster.certificate-authority');
  if (!ca.ok) return ca;
  const cert = await readPem(t.certFile, t.certData, 'users[].user.client-certificate');
  if (!cert.ok) return cert;
  const key = await readPem(t.keyFile, t.keyData, 'users[].user.client-key');
  if (!key.ok) return key;
  // All of it usable together (the usual case): one parse, which the connection pools reuse.
  // Otherwise each part is checked on its own to say which one is wrong.
  let usable = false;
  try {
    secureContextOf({ ca: ca.value, cert: cert.value, key: key.value });
    usable = true;
  } catch {
    /* said below */
  }
  if (ca.value && !usable) {
    try {
      createSecureContext({ ca: ca.value });
    } catch {
      return {
        ok: false,
        failure: failure('kubeconfig.invalid', "The cluster's certificate authority is not a readable PEM certificate.", [
          'Fix certificate-authority / certificate-authority-data in the cluster entry of the kubeconfig.',
        ]),
      };
    }
  }
  if (cert.value && key.value) {
    const problem = (usable ? undefined : pairProblem(cert.value, key.value, now)) ?? expiryProblem(cert.value, now);
    if (problem) return { ok: false, failure: problem };
  }
  return {
    ok: true,
    value: {
      insecureSkipVerify: t.insecureSkipVerify,
      ...(t.serverName ? { serverName: t.serverName } : {}),
      ...(ca.value ? { ca: ca.value } : {}),
      ...(cert.value && key.value ? { cert: cert.value, key: key.value } : {}),
    },
  };
}

/** Why a client certificate and key that do not load together do not: a mismatch, or not PEM. */
function pairProblem(cert: string, key: string, now: Date): Failure | undefined {
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    if (code.includes('KEY_VALUES_MISMATCH')) {
      return failure(
        'credentials.cert-key-mismatch',
        'The client certificate and the client key do not belong together.',
        [
          'Make client-certificate(-data) and client-key(-data) of the kubeconfig user come from the same pair (e.g. both from a fresh kubeconfig).',
        ],
        describeCert(cert, 'the kubeconfig', now),
      );
    }
    return failure(
      'credentials.invalid',
      'The client certificate or key is not valid PEM.',
      ['Fix client-certificate(-data) / client-key(-data) of the kubeconfig user.'],
      code ? `error code: ${neutralize(code)}` : undefined,
    );
  }
  return undefined;
}

/** A client certificate past its validity period. */
function expiryProblem(cert: string, now: Date): Failure | undefined {
  const facts = certFacts(cert);
  if (facts && facts.notAfter.getTime() < now.getTime()) {
    return failure(
      'credentials.cert-expired',
      `Your client certificate expired on ${facts.notAfter.toISOString()}.`,
      [
        'Get a new certificate from the cluster administrator (or regenerate the kubeconfig, e.g. kubeadm kubeconfig user / your cloud CLI).',
      ],
      describeCert(cert, 'the kubeconfig', now),
    );
  }
  return undefined;
}
