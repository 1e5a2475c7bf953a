#!/usr/bin/env node
// The kpods command: runs the compiled entry with React in production mode.
if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv.slice(2));
