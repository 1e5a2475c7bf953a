#!/usr/bin/env node
// Bundles `kpods list` (dist/src/list-main.js and what it imports) into one CommonJS script,
// dist/kpods-list.cjs, which bin/kpods.js runs for `kpods list`: one file read and compiled (with a
// V8 code cache kept beside it, dist/kpods-list.cjs.cache, made by the first run) instead of the ES
// module loader resolving, reading and linking ~60 modules. Runs after tsc in `npm run build`.
// bin/kpods.js runs the bundle only when it is newer than the compiled list command, so a later
// `tsc` alone (without this step) never leaves an old bundle in use.
//
// Every other command (the browser, demo, trace, contexts…) runs from a second bundle, dist/bundle/:
// ES modules (Ink's layout engine starts with a top-level await, which CommonJS cannot hold) split
// into an entry (cli.js) and chunks each command loads when it runs. Measured in tmux: the demo's
// first 4 s cost 3.0 CPU-s from the modules, 1.8 from the bundle; the browser on 1k pods 2.4 and 1.3.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
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

const bundleDir = join(root, 'dist', 'bundle');
const srcDir = join(root, 'dist', 'src');
rmSync(bundleDir, { recursive: true, force: true });
/**
 * A module of ours that reads import.meta.url (the simulator's plugin beside it, the version from
 * package.json) gets its own URL back, relative to the chunk it lands in: all chunks sit in
 * dist/bundle/, so the bundle still works wherever the package is moved.
 */
const ownModuleUrl = {
  name: 'own-module-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(srcDir + sep)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromBundle = relative(bundleDir, args.path).split(sep).join('/');
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`),
        loader: 'js',
        resolveDir: dirname(args.path),
      };
    });
  },
};
/**
 * Ink builds each frame's text from scratch: every line is tokenised into styled characters, and
 * each character measured, with caches that live for one frame. In a live table most lines are the
 * same as in the frame before, so the bundle gives Ink's Output caches that carry what the last
 * frame used into the next one (and drop the rest), so their memory stays that of two frames (at
 * most CARRIED entries each). The characters are read-only in Ink's output code, so sharing them
 * between frames is safe. Its Output.get() also goes through kpodsFastGet (scripts/ink-fast-lines.js):
 * a line that one write fills is that write's text, without the grid of styled characters (40
 * PageDowns through 50,000 pods, in one CPU profile each: 1.28 s of rendering before, 0.45 s after).
 * A different Ink (the code not as expected) is bundled as it is, with a warning.
 */
const CARRIED = 5000;
const fastLines = readFileSync(join(root, 'scripts', 'ink-fast-lines.js'), 'utf8').replace(/^export function /gm, 'function ');
const carriedCaches = `
class KpodsCarriedMap {
  now = new Map();
  before = new Map();
  get(key) {
    let v = this.now.get(key);
    if (v === undefined && (v = this.before.get(key)) !== undefined) this.set(key, v);
    return v;
  }
  set(key, value) {
    if (this.now.size >= ${CARRIED}) this.next();
    this.now.set(key, value);
  }
  next() {
    this.before = this.now;
    this.now = new Map();
  }
}
class KpodsCarriedCaches extends OutputCaches {
  widths = new KpodsCarriedMap();
  blockWidths = new KpodsCarriedMap();
  styledChars = new KpodsCarriedMap();
  nextFrame() {
    this.widths.next();
    this.blockWidths.next();
    this.styledChars.next();
    return this;
  }
}
const kpodsCarriedCaches = new KpodsCarriedCaches();
${fastLines}`;
const inkFrameCaches = {
  name: 'ink-frame-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const perFrame = 'caches = new OutputCaches();';
      const get = '\n    get() {\n';
      const classEnd = text.indexOf('export default class Output');
      if (classEnd < 0 || text.split(perFrame).length !== 2 || text.split(get).length !== 2 || !text.includes('class OutputCaches {')) {
        console.warn(`bundle: ${args.path} is not the Ink output code expected; its caches stay per frame`);
        return undefined;
      }
      const contents =
        text.slice(0, classEnd) +
        carriedCaches +
        text
          .slice(classEnd)
          .replace(perFrame, 'caches = kpodsCarriedCaches.nextFrame();')
          .replace(get, '\n    get() {\n        return kpodsFastGet(this, () => this.kpodsSlowGet());\n    }\n    kpodsSlowGet() {\n');
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};
await build({
  entryPoints: [join(srcDir, 'cli.js')],
  outdir: bundleDir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // undici loads only through a proxy; React's devtools only in development, which bin/kpods.js never sets.
  external: ['undici', 'undici/*', 'react-devtools-core'],
  // The CommonJS packages inside (React and others) may require Node's own modules.
  banner: { js: "import { createRequire as __kpodsRequire } from 'node:module'; const require = __kpodsRequire(import.meta.url);" },
  // bin/kpods.js runs React in production mode: the development builds are left out.
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [ownModuleUrl, inkFrameCaches],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
