#!/usr/bin/env node
// The kpods command: runs the compiled entry with React in production mode.
if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
const first = process.argv[2];
if (first !== undefined && !first.startsWith('-') && first !== 'demo' && first !== 'list') {
  // A headless command lives for one request or a few (list uses Node's own HTTP client, no WebAssembly): V8 compiles undici's WebAssembly HTTP parser
  // with its baseline compiler only, instead of optimising it again in the background, which costs
  // about 0.2 s of CPU and 35 MB and holds the process up after its output is written.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--liftoff-only');
}
const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv.slice(2));
