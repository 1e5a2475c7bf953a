/**
 * The floor: a bare Node process that makes one undici request for the pod list (the same
 * request kpods makes), parses the JSON and prints the row count. No kpods code is loaded.
 * Usage: node dist/bench/floor.js '<json FloorRequest>'
 */
import { readFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Agent, request } from 'undici';

/** What the floor fetches. */
export interface FloorRequest {
  url: string;
  accept: string;
  gzip: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  token?: string;
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
  const headers: Record<string, string> = { accept: req.accept };
  if (req.gzip) headers['accept-encoding'] = 'gzip';
  if (req.token) headers['authorization'] = `Bearer ${req.token}`;
  const res = await request(req.url, { dispatcher, headers });
  let text: string;
  if (res.headers['content-encoding'] === 'gzip') {
    const chunks: Buffer[] = [];
    const gunzip = res.body.pipe(createGunzip());
    for await (const c of gunzip) chunks.push(c as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    text = await res.body.text();
  }
  const body = JSON.parse(text) as { rows?: unknown[]; items?: unknown[] };
  const n = body.rows?.length ?? body.items?.length ?? 0;
  // Exit as soon as the answer is out: the floor does not pay for closing the pool gracefully.
  process.stdout.write(`${res.statusCode} ${n}\n`, () => process.exit(res.statusCode === 200 ? 0 : 1));
  void dispatcher;
}

await main();
