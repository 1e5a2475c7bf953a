#!/usr/bin/env node
// The kpods command: runs the compiled entry with React in production mode. CommonJS (bin/package.json):
// `kpods list`, the everyday short command, then runs without the ES module loader at all.
'use strict';
if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
const { setFlagsFromString } = require('node:v8');
const first = process.argv[2];
if (first === 'list') {
  // list sends one request or a few through Node's own HTTP client (no WebAssembly) and exits: V8's
  // optimising compiler would spend more CPU and memory than it saves (measured: about 6 MB less peak
  // RSS at 100 pods, 8 MB less and no more CPU at 10k pods without it).
  setFlagsFromString('--no-opt');
} else if (first !== undefined && !first.startsWith('-') && first !== 'demo') {
  // A headless command lives for one request or a few: V8 compiles undici's WebAssembly HTTP parser
  // with its baseline compiler only, instead of optimising it again in the background, which costs
  // about 0.2 s of CPU and 35 MB and holds the process up after its output is written.
  setFlagsFromString('--liftoff-only');
} else {
  // The TUI (and the demo's): Ink builds every frame as a grid of one object per cell (120×40: ~5,000 objects a
  // frame while a log streams). A scavenge that runs mid-frame promotes part of that grid to the
  // old generation, where it is garbage only a full collection frees, and V8 lets the old
  // generation grow to several times the live heap before collecting: RSS climbed from 160 to
  // 250 MiB in a minute of following a fast log. Letting it grow by at most the live heap keeps
  // RSS flat; the heap is not capped (50,000 pods still fit), and in the log benchmark the more
  // frequent full collections did not show in CPU or keystroke times.
  setFlagsFromString('--heap-growing-percent=100');
}

const dist = require('node:path').join(__dirname, '..', 'dist');

/** Whether `bundle` exists and is not older than `compiled` (tsc ran after the bundling step: it is). */
function fresh(bundle, compiled) {
  const { statSync } = require('node:fs');
  try {
    return statSync(bundle).mtimeMs >= statSync(compiled).mtimeMs;
  } catch {
    return false;
  }
}

/**
 * `kpods list` from the bundle scripts/bundle.js makes (dist/kpods-list.cjs), compiled with the V8
 * code cache beside it; undefined when there is no bundle or it is older than the compiled list
 * command (a build without the bundling step): then the command runs from dist/src as any other.
 */
function bundledList() {
  const { readFileSync, renameSync, writeFileSync } = require('node:fs');
  const { join } = require('node:path');
  const bundle = join(dist, 'kpods-list.cjs');
  if (!fresh(bundle, join(dist, 'src', 'commands', 'list.js'))) return undefined;
  let source;
  try {
    source = readFileSync(bundle, 'utf8');
  } catch {
    return undefined;
  }
  const cacheFile = bundle + '.cache';
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    /* made by this run (below) */
  }
  const { Script } = require('node:vm');
  // CommonJS's own wrapper, written out: node:module would load the ES module loader besides.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  let script;
  const mod = { exports: {} };
  try {
    script = new Script(wrapped, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
    script.runInThisContext()(mod.exports, require, mod, bundle, dist);
  } catch {
    // A damaged bundle (a build cut short): the modules run the command instead.
    return undefined;
  }
  if (typeof mod.exports.runList !== 'function') return undefined;
  return {
    runList: mod.exports.runList,
    /** After the run (its functions compiled), keeps the code cache when there was none that fit. */
    keepCache() {
      if (cachedData && !script.cachedDataRejected) return;
      try {
        const tmp = `${cacheFile}.${process.pid}`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        /* a read-only install: every run compiles the bundle, as without a cache */
      }
    },
  };
}

// A closed terminal (SIGHUP) ends kpods after its clean-up (the demo's folder, the session), by
// that same signal, as a shell expects. Exiting normally instead would make Node 20 abort: at exit it
// restores the settings of the terminals it started on, which fails on a terminal that is gone
// (nodejs/node#58200, not in Node 20). Without a terminal (demo --serve in a pipe) it exits normally.
// (Asked now: a terminal that hung up no longer answers as one. Not for list, which nothing else
// listens to SIGHUP in: a hangup ends it by the signal at once, and node:tty stays unloaded.)
const startedOnTerminal = first !== 'list' && [0, 1, 2].some((fd) => require('node:tty').isatty(fd));
let hungUp = false;
const onHangup = () => {
  hungUp = true;
  // Nothing else listens (a headless command): the default, ending the process, is what it should do.
  if (process.listenerCount('SIGHUP') === 1) endByHangup();
};
const endByHangup = () => {
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
};
process.on('SIGHUP', onHangup);

/**
 * The entry of every other command: the bundle scripts/bundle.js makes (dist/bundle/cli.js and the
 * chunks it loads), one read per chunk instead of the ES module loader resolving and linking ~300
 * modules; the compiled modules when there is no bundle, it is older than dist/src/cli.js (tsc ran
 * without the bundling step), it does not load (a build cut short), or KPODS_BUNDLE=off.
 */
async function loadMain() {
  const { join } = require('node:path');
  const entry = join(dist, 'bundle', 'cli.js');
  if (process.env.KPODS_BUNDLE !== 'off' && fresh(entry, join(dist, 'src', 'cli.js'))) {
    try {
      const { main } = await import(require('node:url').pathToFileURL(entry).href);
      if (typeof main === 'function') return main;
    } catch {
      /* a damaged bundle: the modules run the command instead */
    }
  }
  return (await import('../dist/src/cli.js')).main;
}

async function start() {
  const bundled = first === 'list' && process.env.KPODS_LIST_BUNDLE !== 'off' ? bundledList() : undefined;
  if (bundled) {
    process.exitCode = await bundled.runList(process.argv.slice(3));
    bundled.keepCache();
  } else {
    const main = await loadMain();
    process.exitCode = await main(process.argv.slice(2));
  }
  if (hungUp && startedOnTerminal) endByHangup();
  process.off('SIGHUP', onHangup);
}
void start();
