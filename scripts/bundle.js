#!/usr/bin/env node
// Bundles `kpods list` (dist/src/list-main.js and what it imports) into one CommonJS script,
// dist/kpods-list.cjs, which bin/kpods.js runs for `kpods list`: one file read and compiled (with a
// V8 code cache kept beside it, dist/kpods-list.cjs.cache, made by the first run) instead of the ES
// module loader resolving, reading and linking ~60 modules. Runs after tsc in `npm run build`.
// bin/kpods.js runs the bundle only when it is newer than the compiled list command, so a later
// `tsc` alone (without this step) never leaves an old bundle in use.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = join(root, 'dist', 'kpods-list.cjs');
rmSync(outfile + '.cache', { force: true });
await build({
  entryPoints: [join(root, 'dist', 'src', 'list-main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // js-yaml is read on every run: it goes in (and in the code cache). The rest load on first use, if
  // at all (undici only through a proxy; x509 only to explain a failed certificate).
  external: ['undici', 'undici/*', '@peculiar/x509', 'reflect-metadata', 'ink', 'react'],
  // import.meta.url in a CommonJS bundle: the bundle's own URL (it lives in dist/, beside src/).
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundleUrl' },
  // Names stay as written (error texts and class names read the same as from the modules).
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
