#!/usr/bin/env node
// The kpods command: runs the compiled entry with React in production mode.
if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
const first = process.argv[2];
if (first === 'list') {
  // list sends one request or a few through Node's own HTTP client (no WebAssembly) and exits: V8's
  // optimising compiler would spend more CPU and memory than it saves (measured: about 6 MB less peak
  // RSS at 100 pods, 8 MB less and no more CPU at 10k pods without it).
  process.getBuiltinModule('node:v8').setFlagsFromString('--no-opt');
} else if (first !== undefined && !first.startsWith('-') && first !== 'demo') {
  // A headless command lives for one request or a few: V8 compiles undici's WebAssembly HTTP parser
  // with its baseline compiler only, instead of optimising it again in the background, which costs
  // about 0.2 s of CPU and 35 MB and holds the process up after its output is written.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--liftoff-only');
}
const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv.slice(2));
