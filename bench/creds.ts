/** Reads the server, CA and credentials of one kubeconfig context, for the floor process and the proxy. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

/** Files and values the floor process needs to make the same request kpods makes. */
export interface FloorTarget {
  server: string;
  caFile?: string | undefined;
  certFile?: string | undefined;
  keyFile?: string | undefined;
  token?: string | undefined;
  namespace?: string | undefined;
}

interface Named<T> {
  name?: string;
  [k: string]: unknown;
  context?: T;
  cluster?: T;
  user?: T;
}
type Kc = {
  contexts?: Named<Record<string, string>>[];
  clusters?: Named<Record<string, string>>[];
  users?: Named<Record<string, string>>[];
  'current-context'?: string;
};

function pem(dir: string, name: string, data: string | undefined, file: string | undefined): string | undefined {
  if (file) return file;
  if (!data) return undefined;
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(data, 'base64'), { mode: 0o600 });
  return path;
}

/** Extracts the context's target, writing embedded PEM data into `dir`. */
export function floorTarget(kubeconfigPath: string, context: string, dir: string): FloorTarget {
  const kc = yaml.load(readFileSync(kubeconfigPath, 'utf8')) as Kc;
  const ctx = kc.contexts?.find((c) => c.name === context)?.context;
  if (!ctx) throw new Error(`context ${context} not in ${kubeconfigPath}`);
  const cluster = kc.clusters?.find((c) => c.name === ctx['cluster'])?.cluster ?? {};
  const user = kc.users?.find((u) => u.name === ctx['user'])?.user ?? {};
  const server = cluster['server'];
  if (!server) throw new Error(`cluster of context ${context} has no server`);
  return {
    server,
    caFile: pem(dir, 'ca.pem', cluster['certificate-authority-data'], cluster['certificate-authority']),
    certFile: pem(dir, 'cert.pem', user['client-certificate-data'], user['client-certificate']),
    keyFile: pem(dir, 'key.pem', user['client-key-data'], user['client-key']),
    token: user['token'],
    namespace: ctx['namespace'],
  };
}

/** Writes a copy of the kubeconfig whose every server URL on `fromPort` points at `toPort` instead. */
export function rewritePort(kubeconfigPath: string, fromPort: number, toPort: number, outPath: string): string {
  const text = readFileSync(kubeconfigPath, 'utf8');
  writeFileSync(outPath, text.replace(new RegExp(`:${fromPort}(?!\\d)`, 'g'), `:${toPort}`), { mode: 0o600 });
  return outPath;
}
