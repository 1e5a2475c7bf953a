/**
 * Hands the terminal to a shell in a container (run inside the UI's stepAside, as interactive
 * exec plugins are): raw mode, every key to channel 0, channels 1 and 2 to the terminal, the
 * window size on channel 4 at once and on every resize (SIGWINCH), and everything put back when
 * the shell ends, whatever happens.
 */
import type { Result } from '../core/failure.js';
import type { ExecOutput, ExecStream } from '../core/client/exec-ws.js';

interface ShellTerminalOptions {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Opens the exec stream with these output handlers. */
  open: (out: ExecOutput) => Promise<Result<ExecStream>>;
  /** Printed before the shell starts (e.g. where it runs and how to leave). */
  banner?: string;
}

/** Stops reading the terminal (the UI reads it again when it mounts). */
function stopReading(stdin: NodeJS.ReadStream): void {
  const s = stdin as NodeJS.ReadStream & { _handle?: { reading?: boolean; readStop?: () => number } };
  s.pause();
  if (s._handle) {
    s._handle.reading = false;
    s._handle.readStop?.();
  }
}

/** Runs the shell with the terminal; resolves with its exit code or the failure. */
export async function runShellInTerminal(o: ShellTerminalOptions): Promise<Result<{ exitCode: number }>> {
  const { stdin, stdout } = o;
  if (o.banner) stdout.write(o.banner);
  const opened = await o.open({
    stdout: (d) => void stdout.write(d),
    stderr: (d) => void stdout.write(d),
  });
  if (!opened.ok) return opened;
  const stream = opened.value;
  const tty = stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  // 'readable' works whatever mode the stream was left in by the UI (Ink reads with 'readable' too).
  const onData = (): void => {
    for (let d = stdin.read() as Buffer | null; d !== null; d = stdin.read() as Buffer | null) stream.write(d);
  };
  const onResize = (): void => stream.resize(stdout.columns ?? 80, stdout.rows ?? 24);
  const onEnd = (): void => stream.closeStdin();
  try {
    if (tty) stdin.setRawMode(true);
    stdin.on('readable', onData);
    stdin.on('end', onEnd);
    const h = (stdin as NodeJS.ReadStream & { _handle?: { reading?: boolean; readStart?: () => number } })._handle;
    if (h && !h.reading) {
      h.reading = true;
      h.readStart?.();
    }
    onResize();
    stdout.on('resize', onResize);
    return await stream.done;
  } finally {
    stdout.off('resize', onResize);
    stdin.off('readable', onData);
    stdin.off('end', onEnd);
    if (tty) stdin.setRawMode(false);
    stopReading(stdin);
    stream.close();
  }
}
