/**
 * Rendering Ink trees in tests, through ink-testing-library (its render, rerender, lastFrame,
 * frames and stdin), plus what it lacks: a terminal size (columns, rows, resize), key escapes,
 * and waitForFrame, which waits for a frame predicate with a deadline instead of sleeping.
 */
import type { EventEmitter } from 'node:events';
import { createElement, Fragment, type ReactElement } from 'react';
import { render } from 'ink-testing-library';

/** Escape sequences for keys, as a terminal sends them. */
export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

/** Removes colour and style escapes from a frame. */
export function plain(frame: string | undefined): string {
  return (frame ?? '').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

export interface Rendered {
  stdin: { write(data: string): void };
  /** Renders another tree in the same terminal (ink-testing-library's rerender). */
  rerender(tree: ReactElement): void;
  /** The last frame without colour escapes. */
  frame(): string;
  frames: string[];
  resize(columns: number, rows: number): void;
  unmount(): void;
  /** Waits until `pred(frame)` holds; fails with the last frame after `timeoutMs`. */
  waitFor(pred: (frame: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Sends keys, then waits for the predicate. */
  press(keys: string, pred: (frame: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
}

/** Renders `tree` in a fake terminal of `columns`×`rows` (Ink's debug mode: every frame is kept). */
export function renderSized(tree: ReactElement, columns = 100, rows = 30): Rendered {
  // ink-testing-library's terminal is 100 columns wide with no rows and no resize: an empty tree
  // goes first, the terminal gets its size, and then the tree is rendered into it.
  const ink = render(createElement(Fragment));
  const stdout = ink.stdout;
  const size = { columns, rows };
  Object.defineProperties(stdout, {
    columns: { get: () => size.columns, configurable: true },
    rows: { get: () => size.rows, configurable: true },
    isTTY: { value: true, configurable: true },
  });
  // Every write is a frame: announce it, so waiting re-checks at once instead of polling.
  const write = stdout.write;
  stdout.write = (frame: string): void => {
    write(frame);
    stdout.emit('frame');
  };
  // The empty tree's frames are no frames of `tree`.
  const emptyFrames = ink.frames.length;
  ink.rerender(tree);
  ink.frames.splice(0, emptyFrames);
  const frame = (): string => plain(ink.lastFrame());
  const waitFor = (pred: (f: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> =>
    waitForFrame(frame, (f) => pred(f), what, stdout, timeoutMs);
  return {
    stdin: ink.stdin,
    rerender: ink.rerender,
    frame,
    frames: ink.frames,
    resize(c, r) {
      size.columns = c;
      size.rows = r;
      stdout.emit('resize');
    },
    unmount() {
      ink.unmount();
      ink.cleanup();
    },
    waitFor,
    press(keys, pred, what, timeoutMs) {
      ink.stdin.write(keys);
      return waitFor(pred, what, timeoutMs);
    },
  };
}

/**
 * Resolves with the frame once `pred` holds, re-checking whenever a frame is written (and on a
 * coarse poll, for state that changes without a write); rejects with the last frame at the deadline.
 */
export function waitForFrame(
  get: () => string,
  pred: (frame: string) => boolean,
  what: string,
  emitter: EventEmitter,
  timeoutMs = 10_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const f = get();
      if (!pred(f)) return false;
      finish();
      resolve(f);
      return true;
    };
    const poll = setInterval(check, 50);
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for: ${what}\n--- last frame ---\n${get()}`));
    }, timeoutMs);
    const finish = (): void => {
      clearInterval(poll);
      clearTimeout(timer);
      emitter.off('frame', check);
    };
    emitter.on('frame', check);
    check();
  });
}
