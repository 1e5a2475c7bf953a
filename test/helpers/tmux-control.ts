/**
 * Watches a tmux pane through one control-mode client (`tmux -C attach`): tmux tells it whenever the
 * pane gets output or the layout changes, and the screen is read then (`capture-pane` over the same
 * client), not by starting a tmux process every 100 ms. A slow look once a second covers a change
 * tmux would not announce.
 */
import { spawn } from 'node:child_process';

export interface PaneWatcher {
  /** Reads the screen after each change until `pred` holds; rejects with the screen after `timeoutMs`. */
  waitFor(pred: (screen: string) => boolean, what: string, timeoutMs: number): Promise<string>;
  close(): void;
}

/** Looks at least this often, and at most this often while the pane keeps changing. */
const SLOW_LOOK_MS = 1000;
const MIN_GAP_MS = 20;

export function watchPane(socket: string): PaneWatcher {
  const child = spawn('tmux', ['-L', socket, '-C', 'attach-session', '-t', '0'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const replies: Array<{ resolve: (text: string) => void; reject: (err: Error) => void }> = [];
  const changeListeners = new Set<() => void>();
  let ended: Error | undefined;
  let block: string[] | undefined;
  let partial = '';
  child.stdin.on('error', () => undefined);
  child.stdout.setEncoding('utf8').on('data', (data: string) => {
    const lines = (partial + data).split('\n');
    partial = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (block !== undefined) {
        // A reply ends with %end (or %error) carrying the flags of its %begin; flag 1: a command of this client.
        const end = /^%(end|error) \d+ \d+ (\d+)$/.exec(line);
        if (!end) block.push(line);
        else {
          const text = block.join('\n') + '\n';
          block = undefined;
          if (end[2] !== '1') continue;
          const reply = replies.shift();
          if (end[1] === 'end') reply?.resolve(text);
          else reply?.reject(new Error(`tmux: ${text.trim()}`));
        }
      } else if (/^%begin \d+ \d+ \d+$/.test(line)) block = [];
      else if (line.startsWith('%')) for (const l of [...changeListeners]) l();
    }
  });
  child.on('error', (err) => finish(err));
  child.on('close', () => finish(new Error('the tmux control client ended')));
  function finish(err: Error): void {
    ended ??= err;
    for (const r of replies.splice(0)) r.reject(ended);
    for (const l of [...changeListeners]) l();
  }
  const capture = (): Promise<string> => {
    if (ended) return Promise.reject(ended);
    return new Promise((resolve, reject) => {
      replies.push({ resolve, reject });
      child.stdin.write('capture-pane -p -t 0\n');
    });
  };

  return {
    waitFor(pred, what, timeoutMs) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        let busy = false;
        let dirty = true;
        let lastLook = 0;
        let done = false;
        let gapTimer: NodeJS.Timeout | undefined;
        const stop = (): void => {
          done = true;
          changeListeners.delete(onChange);
          clearInterval(slow);
          clearTimeout(gapTimer);
          clearTimeout(timeout);
        };
        const look = (): void => {
          if (done || busy || !dirty) return;
          const wait = lastLook + MIN_GAP_MS - Date.now();
          if (wait > 0) {
            gapTimer ??= setTimeout(() => ((gapTimer = undefined), look()), wait);
            return;
          }
          busy = true;
          dirty = false;
          lastLook = Date.now();
          capture().then(
            (screen) => {
              busy = false;
              if (done) return;
              if (pred(screen)) {
                stop();
                resolve(screen);
              } else look();
            },
            (err: Error) => {
              stop();
              reject(err);
            },
          );
        };
        const onChange = (): void => {
          dirty = true;
          look();
        };
        changeListeners.add(onChange);
        const slow = setInterval(onChange, SLOW_LOOK_MS);
        const timeout = setTimeout(
          () => {
            // One last look, so the error shows the screen as it is now.
            stop();
            capture().then(
              (screen) =>
                pred(screen)
                  ? resolve(screen)
                  : reject(new Error(`timed out after ${timeoutMs} ms waiting for: ${what}\n--- screen ---\n${screen}`)),
              (err: Error) => reject(new Error(`timed out after ${timeoutMs} ms waiting for: ${what} (${err.message})`)),
            );
          },
          Math.max(0, deadline - Date.now()),
        );
        look();
      });
    },
    close() {
      child.stdin.end();
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
