/**
 * The floor: a bare Node process that fetches the pod list the way kpods does — one undici
 * request per URL (one for a namespace; one per namespace, six at a time, for all namespaces),
 * Table format, gzip — parses the JSON and prints the row count. No kpods code is loaded.
 * Usage: node dist/bench/floor.js '<json FloorRequest>'
 */
import { readFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Agent, request } from 'undici';

/** What the floor fetches. */
export interface FloorRequest {
  urls: string[];
  accept: string;
  gzip: boolean;
  caFile?: string | undefined;
  certFile?: string | undefined;
  keyFile?: string | undefined;
  token?: string | undefined;
}

async function fetchRows(req: FloorRequest, url: string, dispatcher: Agent): Promise<number> {
  const headers: Record<string, string> = { accept: req.accept };
  if (req.gzip) headers['accept-encoding'] = 'gzip';
  if (req.token) headers['authorization'] = `Bearer ${req.token}`;
  const res = await request(url, { dispatcher, headers });
  let text: string;
  if (res.headers['content-encoding'] === 'gzip') {
    const chunks: Buffer[] = [];
    for await (const c of res.body.pipe(createGunzip())) chunks.push(c as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    text = await res.body.text();
  }
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} from ${url}`);
  const body = JSON.parse(text) as { rows?: unknown[]; items?: unknown[] };
  return body.rows?.length ?? body.items?.length ?? 0;
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? '{}') as FloorRequest;
  const dispatcher = new Agent({
    connect: {
      ca: req.caFile ? readFileSync(req.caFile) : undefined,
      cert: req.certFile ? readFileSync(req.certFile) : undefined,
      key: req.keyFile ? readFileSync(req.keyFile) : undefined,
    },
  });
  let next = 0;
  let rows = 0;
  const worker = async (): Promise<void> => {
    while (next < req.urls.length) rows += await fetchRows(req, req.urls[next++] as string, dispatcher);
  };
  await Promise.all(Array.from({ length: Math.min(6, req.urls.length) }, worker));
  // Exit as soon as the answer is out: the floor does not pay for closing the pool gracefully.
  process.stdout.write(`${rows}\n`, () => process.exit(0));
}

await main();
