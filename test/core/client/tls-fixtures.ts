/** Certificates the simulator does not make: expired server and client certificates, a stray key. */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const crypto = webcrypto;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
x509.cryptoProvider.set(crypto as any);
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

async function keyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

export interface Pem {
  cert: string;
  key: string;
}

/** A CA plus a leaf it signed with the given validity (server: SAN 127.0.0.1; client: CN). */
export async function caAndLeaf(opts: {
  usage: 'server' | 'client';
  cn: string;
  notBefore: Date;
  notAfter: Date;
}): Promise<{ ca: Pem; leaf: Pem }> {
  const caKeys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = new Date();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: [{ CN: ['kpods-test-ca'] }],
    keys: caKeys,
    signingAlgorithm: ALG,
    notBefore: new Date(now.getTime() - 10 * 86400_000),
    notAfter: new Date(now.getTime() + 365 * 86400_000),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature, true),
    ],
  });
  const leafKeys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const ext: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension([opts.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
  ];
  if (opts.usage === 'server') ext.push(new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }]));
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: [{ CN: [opts.cn] }],
    issuer: caCert.subject,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALG,
    notBefore: opts.notBefore,
    notAfter: opts.notAfter,
    extensions: ext,
  });
  return {
    ca: { cert: caCert.toString('pem') + '\n', key: await keyPem(caKeys.privateKey) },
    leaf: { cert: leaf.toString('pem') + '\n', key: await keyPem(leafKeys.privateKey) },
  };
}

/** A fresh private key that matches no certificate. */
export async function strayKey(): Promise<string> {
  const keys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  return keyPem(keys.privateKey);
}
