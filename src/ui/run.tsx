/**
 * Mounts the App with Ink in the alternate screen, restores the terminal on every way out, and
 * steps aside (unmounts Ink, hands over the terminal) while an interactive exec plugin runs.
 */
import { render, type Instance } from 'ink';
import type { ActionsContext } from './actions-ui.js';
import { App } from './App.js';
import type { SaveDeps } from './save.js';
import type { UiSession } from './session.js';
import { ENTER_ALT, HOME_CLEAR, LEAVE_ALT, SHOW_CURSOR } from './first-frame.js';
import type { Store } from './store.js';

interface RunUiOptions {
  store: Store;
  /** Already started (it may fetch while Ink loads); stopped on quit. */
  session?: UiSession | undefined;
  saver?: SaveDeps | undefined;
  color: boolean;
  now: () => Date;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Offered on the no-kubeconfig screen. Resolves when the UI should end (the demo ran its own UI). */
  onDemo?: () => void;
  /** Acting on pods (delete, kill, marks, shell). */
  actions?: ActionsContext | undefined;
}

/** A running UI: `stepAside` lends the terminal to a child process; `done` resolves on quit. */
export interface RunningUi {
  session?: UiSession | undefined;
  stepAside<T>(fn: () => Promise<T>): Promise<T>;
  quit(): void;
  done: Promise<void>;
}

/**
 * Stops kpods reading the terminal so a child process gets every key: cooked mode, paused, and
 * the handle's read stopped (a paused socket would otherwise keep buffering input). Ink starts
 * reading again when it mounts.
 */
function releaseStdin(stdin: NodeJS.ReadStream): void {
  const s = stdin as NodeJS.ReadStream & { _handle?: { reading?: boolean; readStop?: () => number } };
  if (s.isTTY && typeof s.setRawMode === 'function') s.setRawMode(false);
  s.pause();
  if (s._handle) {
    s._handle.reading = false;
    s._handle.readStop?.();
  }
}

/** Undoes releaseStdin's stopped read once Ink listens again. */
function reacquireStdin(stdin: NodeJS.ReadStream): void {
  const s = stdin as NodeJS.ReadStream & { _handle?: { reading?: boolean; readStart?: () => number } };
  if (s._handle && !s._handle.reading) {
    s._handle.reading = true;
    s._handle.readStart?.();
  }
}

/** Ink's synchronised-output start: the clear goes after it, so a terminal that knows it shows no blank screen. */
const SYNC_START = '\u001b[?2026h';

/**
 * Puts HOME_CLEAR in front of the next write to `out` (after a synchronised-output start), so the
 * screen is cleared in the same tick Ink draws; returns a function that gives up if none came.
 */
function clearOnFirstWrite(out: NodeJS.WriteStream): () => void {
  const write = out.write;
  const restore = (): void => {
    if (out.write === patched) out.write = write;
  };
  const patched = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    restore();
    let text: unknown = chunk;
    if (typeof chunk === 'string')
      text = chunk.startsWith(SYNC_START) ? SYNC_START + HOME_CLEAR + chunk.slice(SYNC_START.length) : HOME_CLEAR + chunk;
    else write.call(out, HOME_CLEAR);
    return (write as (...a: unknown[]) => boolean).call(out, text, ...rest);
  } as typeof write;
  out.write = patched;
  return restore;
}

/** Starts the UI. */
export function startUi(o: RunUiOptions): RunningUi {
  const tty = o.stdout.isTTY === true;
  let instance: Instance | undefined;
  let finished = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let queue: Promise<unknown> = Promise.resolve();
  const session = o.session;

  let restoreWrite = (): void => undefined;
  const mount = (): void => {
    // A frame drawn before Ink loaded (first-frame.ts, early-frame.ts) is cleared when Ink draws
    // its own (its frame starts at home), not before: React's first render takes a while.
    if (tty) {
      o.stdout.write(ENTER_ALT);
      restoreWrite = clearOnFirstWrite(o.stdout);
    }
    instance = render(
      <App
        store={o.store}
        session={session}
        saver={o.saver}
        color={o.color}
        now={o.now}
        onQuit={() => ui.quit()}
        onDemo={o.onDemo}
        actions={o.actions}
      />,
      // The store already draws at most one frame per 33 ms (store.ts) and a key press at once;
      // Ink's own limit (30 a second by default) would hold a key's frame back for up to 33 ms
      // more when a refresh was drawn just before it.
      { stdout: o.stdout, stdin: o.stdin, stderr: o.stderr, exitOnCtrlC: false, patchConsole: false, maxFps: 120 },
    );
  };
  const unmount = (): void => {
    restoreWrite();
    instance?.unmount();
    instance?.cleanup();
    instance = undefined;
    if (tty) o.stdout.write(SHOW_CURSOR + LEAVE_ALT);
  };
  const onSignal = (): void => ui.quit();
  // Whatever ends the process, the terminal gets its screen and cursor back.
  const onExit = (): void => {
    if (tty && instance) o.stdout.write(SHOW_CURSOR + LEAVE_ALT);
  };

  const ui: RunningUi = {
    session,
    done,
    quit() {
      if (finished) return;
      finished = true;
      process.off('exit', onExit);
      unmount();
      // The signal listeners stay until the session has stopped: Ink's signal-exit re-raises a
      // signal that no other listener handles, which would kill the process before the caller's
      // clean-up (the demo's temporary folder) runs.
      void (session?.stop() ?? Promise.resolve()).finally(() => {
        process.off('SIGTERM', onSignal);
        process.off('SIGHUP', onSignal);
        resolveDone();
      });
    },
    stepAside<T>(fn: () => Promise<T>): Promise<T> {
      const run = async (): Promise<T> => {
        if (finished) return fn();
        unmount();
        releaseStdin(o.stdin);
        // Ink's listeners come off over the next ticks and may restart reading: release again after them.
        await new Promise<void>((r) => setTimeout(r, 20));
        releaseStdin(o.stdin);
        // Ctrl-C while the plugin has the terminal goes to the plugin; kpods carries on after it.
        const ignore = (): void => undefined;
        process.on('SIGINT', ignore);
        try {
          return await fn();
        } finally {
          process.off('SIGINT', ignore);
          if (!finished) {
            mount();
            // Ink's reader is waiting on a read that was stopped: start the handle again.
            setTimeout(() => reacquireStdin(o.stdin), 20);
          }
        }
      };
      const p = queue.then(run, run);
      queue = p.catch(() => undefined);
      return p;
    },
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('exit', onExit);
  // The terminal may close under the UI (SIGHUP): the writes that give it its screen back then fail
  // with EIO, and a failed write to a terminal that is gone is no crash.
  o.stdout.on('error', () => undefined);
  mount();
  return ui;
}
