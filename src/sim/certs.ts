/**
 * The simulator's X.509 material, made at start with @peculiar/x509 (ECDSA P-256): a CA, a
 * server certificate for 127.0.0.1/localhost, one for a wrong host name, client certificates
 * (CN = user, O = groups) and an unrelated CA for the wrong-CA scenario.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type Key = webcrypto.CryptoKey;
type KeyPair = webcrypto.CryptoKeyPair;
const crypto = webcrypto;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
x509.cryptoProvider.set(crypto as any);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** A PEM certificate and its PEM (PKCS#8) private key. */
export interface CertPair {
  cert: string;
  key: string;
}

/** A certificate authority able to sign more certificates. */
interface Authority extends CertPair {
  sign(subject: { cn: string; groups?: string[] }, usage: 'server' | 'client', hosts?: string[]): Promise<CertPair>;
}

async function keyPem(key: Key): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

function validity(): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 3600_000), notAfter: new Date(now + 365 * 86400_000) };
}

function serial(): string {
  return '01' + Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString('hex');
}

/** Creates a self-signed CA named `name`. */
export async function createAuthority(name: string): Promise<Authority> {
  const keys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as KeyPair;
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: [{ CN: [name] }],
    keys,
    signingAlgorithm: ALG,
    ...validity(),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const authority: Authority = {
    cert: caCert.toString('pem') + '\n',
    key: await keyPem(keys.privateKey),
    async sign(subject, usage, hosts = []) {
      const leafKeys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as KeyPair;
      const rdns: Array<Record<string, string[]>> = [];
      for (const g of subject.groups ?? []) rdns.push({ O: [g] });
      rdns.push({ CN: [subject.cn] });
      const extensions: x509.Extension[] = [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
        await x509.AuthorityKeyIdentifierExtension.create(caCert),
      ];
      if (hosts.length > 0) {
        extensions.push(
          new x509.SubjectAlternativeNameExtension(
            hosts.map((h) => (/^[\d.]+$/.test(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h })),
          ),
        );
      }
      const leaf = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: rdns,
        issuer: caCert.subject,
        publicKey: leafKeys.publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm: ALG,
        ...validity(),
        extensions,
      });
      return { cert: leaf.toString('pem') + '\n', key: await keyPem(leafKeys.privateKey) };
    },
  };
  return authority;
}
