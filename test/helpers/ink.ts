/**
 * Rendering Ink trees in tests: a sized fake terminal (columns, rows, resize), key escapes, and
 * waitForFrame, which waits for a frame predicate with a deadline instead of sleeping.
 */
import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import type { ReactElement } from 'react';

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

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    this.emit('frame');
    return true;
  };
  lastFrame = (): string | undefined => this.frames[this.frames.length - 1];
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface Rendered {
  stdin: { write(data: string): void };
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

/** Renders `tree` in a fake terminal of `columns`×`rows` (debug mode: every frame is kept). */
export function renderSized(tree: ReactElement, columns = 100, rows = 30): Rendered {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const stderr = new FakeStdout(columns, rows);
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = (): string => plain(stdout.lastFrame());
  const waitFor = (pred: (f: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> =>
    waitForFrame(frame, (f) => pred(f), what, stdout, timeoutMs);
  return {
    stdin,
    frame,
    frames: stdout.frames,
    resize(c, r) {
      stdout.columns = c;
      stdout.rows = r;
      stdout.emit('resize');
    },
    unmount() {
      instance.unmount();
      instance.cleanup();
    },
    waitFor,
    press(keys, pred, what, timeoutMs) {
      stdin.write(keys);
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
