/**
 * The harness's own small view of the API: namespaces and their pod counts (to pick the
 * namespace for `-n`), and the exact request the floor process repeats.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { FloorTarget } from './creds.js';
import type { FloorRequest } from './floor.js';

/** The Accept header that asks for a meta.k8s.io Table (kubectl's, and the one kpods uses). */
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/**
 * The requests kpods' client makes for a pod list (read from src/core/client/list.ts), made by
 * the floor in one go: a Table without objects for one namespace; for all namespaces, one such
 * Table per namespace (kpods list -A does that; the server's Table has no namespace column).
 * The floor gets the namespace names for free, and sends no `limit`.
 */
export function floorRequest(t: FloorTarget, namespace: string | undefined, all: readonly { name: string }[]): FloorRequest {
  const base = t.server.replace(/\/$/, '');
  const url = (ns: string): string => `${base}/api/v1/namespaces/${encodeURIComponent(ns)}/pods?includeObject=None`;
  return {
    urls: namespace !== undefined ? [url(namespace)] : all.map((n) => url(n.name)),
    accept: TABLE_ACCEPT,
    gzip: true,
    caFile: t.caFile,
    certFile: t.certFile,
    keyFile: t.keyFile,
    token: t.token,
  };
}

function agent(t: FloorTarget): Agent {
  return new Agent({
    connect: {
      ca: t.caFile ? readFileSync(t.caFile) : undefined,
      cert: t.certFile ? readFileSync(t.certFile) : undefined,
      key: t.keyFile ? readFileSync(t.keyFile) : undefined,
    },
  });
}

/**
 * Asks once for every pod as a Table with metadata and drains the answer, so the simulator's
 * lazily built per-pod caches are warm before anything is timed (the first -A would pay otherwise).
 */
export async function warmAllNamespaces(t: FloorTarget): Promise<void> {
  const dispatcher = agent(t);
  try {
    const headers: Record<string, string> = {
      accept: TABLE_ACCEPT,
      'accept-encoding': 'gzip',
      ...(t.token ? { authorization: `Bearer ${t.token}` } : {}),
    };
    const res = await request(`${t.server.replace(/\/$/, '')}/api/v1/pods?includeObject=Metadata`, { dispatcher, headers });
    await res.body.dump({ limit: Number.MAX_SAFE_INTEGER });
  } finally {
    await dispatcher.close();
  }
}

/** Namespaces with their pod counts, largest first. */
export async function namespaceCounts(t: FloorTarget): Promise<{ name: string; pods: number }[]> {
  const dispatcher = agent(t);
  const headers: Record<string, string> = t.token ? { authorization: `Bearer ${t.token}` } : {};
  const get = async (path: string, accept: string): Promise<unknown> => {
    const res = await request(`${t.server.replace(/\/$/, '')}${path}`, { dispatcher, headers: { ...headers, accept } });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${text.slice(0, 200)}`);
    return JSON.parse(text);
  };
  try {
    const nsList = (await get('/api/v1/namespaces', 'application/json')) as { items?: { metadata?: { name?: string } }[] };
    const out: { name: string; pods: number }[] = [];
    for (const item of nsList.items ?? []) {
      const name = item.metadata?.name;
      if (!name) continue;
      const table = (await get(`/api/v1/namespaces/${encodeURIComponent(name)}/pods?includeObject=None`, TABLE_ACCEPT)) as {
        rows?: unknown[];
      };
      out.push({ name, pods: table.rows?.length ?? 0 });
    }
    return out.sort((a, b) => b.pods - a.pods || a.name.localeCompare(b.name));
  } finally {
    await dispatcher.close();
  }
}
