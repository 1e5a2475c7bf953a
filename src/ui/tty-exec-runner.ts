/**
 * An exec-plugin runner for the TUI: plugins that need the terminal (interactiveMode Always, or
 * IfAvailable with a TTY) get it while kpods steps aside; the rest run in the background.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { createDefaultExecRunner, type ExecRunner, type ExecRunRequest, type ExecRunResult } from '../core/client/index.js';
import { neutralizeMultiline } from '../core/terminal-text.js';
import { StreamRedactor, type StreamSecrets } from '../core/redact-stream.js';

const MAX_OUTPUT = 4 * 1024 * 1024;
/** A word the plugin left unfinished on stderr (a prompt without a trailing blank) is shown after this pause. */
const HELD_WORD_PAUSE_MS = 150;

/** True when `command` can be run: a path that is executable, or a name found on PATH. */
export function commandExists(command: string, path: string | undefined): boolean {
  const ok = (p: string): boolean => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (command.includes('/') || isAbsolute(command)) return ok(command);
  return (path ?? '').split(delimiter).some((dir) => dir !== '' && ok(join(dir, command)));
}

/**
 * Runs a plugin with the terminal: stdin and stderr are the user's, stdout (the credential) is
 * captured. `banner` is printed before the plugin's first words on stderr; `secrets` removes the
 * credentials kpods holds from what the plugin writes there (a plugin that echoes its token), also
 * when a token arrives split over two writes.
 */
export function runWithTerminal(
  req: ExecRunRequest,
  stderr: NodeJS.WritableStream,
  secrets: StreamSecrets,
  banner = '',
): Promise<ExecRunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let errText = '';
    let timedOut = false;
    let settled = false;
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(req.command, req.args, { env: req.env, stdio: ['inherit', 'pipe', 'pipe'] });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      resolve({
        spawnErrorCode: typeof code === 'string' ? code : 'EUNKNOWN',
        exitCode: null,
        signal: null,
        timedOut: false,
        stdout: '',
        stderr: '',
      });
      return;
    }
    const redactor = new StreamRedactor(secrets);
    let pause: NodeJS.Timeout | undefined;
    // Shown live, but never obeyed: escapes (titles, clipboard writes, colours) are made visible.
    const show = (text: string): void => {
      if (text !== '') stderr.write(neutralizeMultiline(text));
    };
    const release = (): void => {
      clearTimeout(pause);
      show(redactor.flush());
    };
    const finish = (r: Pick<ExecRunResult, 'exitCode' | 'signal'> & { spawnErrorCode?: string }): void => {
      if (settled) return;
      settled = true;
      release();
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      resolve({ ...r, timedOut, stdout, stderr: errText });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, req.timeoutMs);
    const onAbort = (): void => void child.kill('SIGKILL');
    req.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += d;
    });
    // The plugin's prompts go to the user as they come; the text is kept for the explanation.
    let bannerShown = banner === '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      if (!bannerShown) {
        bannerShown = true;
        stderr.write(banner);
      }
      clearTimeout(pause);
      show(redactor.push(d.replace(/\r\n/g, '\n')));
      if (redactor.holding) pause = setTimeout(release, HELD_WORD_PAUSE_MS);
      if (errText.length < MAX_OUTPUT) errText += d;
    });
    child.on('error', (err) => {
      const code = (err as { code?: unknown }).code;
      finish({ spawnErrorCode: typeof code === 'string' ? code : 'EUNKNOWN', exitCode: null, signal: null });
    });
    child.on('close', (code, signal) => finish({ exitCode: code, signal }));
  });
}

/** The TUI's runner: interactive requests run inside `stepAside`, others in the background. */
export function createTtyExecRunner(opts: {
  interactiveAvailable: boolean;
  stepAside: <T>(fn: () => Promise<T>) => Promise<T>;
  stderr: NodeJS.WritableStream;
  /** Removes held credentials from the plugin's words before they reach the terminal. */
  secrets: StreamSecrets;
  /** Printed before the plugin takes the terminal. */
  banner?: (req: ExecRunRequest) => string;
  /** Told when a plugin's credential says when it expires (for the header). */
  onExpiry?: (at: Date) => void;
}): ExecRunner & { wasShown(text: string): boolean } {
  const background = createDefaultExecRunner();
  const shown = new Set<string>();
  const noteExpiry = (r: ExecRunResult): ExecRunResult => {
    const at = credentialExpiryOf(r.stdout);
    if (at && opts.onExpiry) opts.onExpiry(at);
    return r;
  };
  return {
    interactiveAvailable: opts.interactiveAvailable,
    run(req) {
      // A plugin that is not installed cannot ask anything: let it fail in the background.
      if (!req.interactive || !commandExists(req.command, req.env['PATH'])) return background.run(req).then(noteExpiry);
      return opts.stepAside(async () => {
        // Ctrl-C at the plugin's prompt is for the plugin: kpods carries on and explains.
        const ignore = (): void => undefined;
        process.on('SIGINT', ignore);
        try {
          const r = await runWithTerminal(req, opts.stderr, opts.secrets, opts.banner?.(req) ?? '');
          if (r.stderr.trim() !== '') shown.add(neutralizeMultiline(r.stderr).trim());
          return noteExpiry(r);
        } finally {
          process.off('SIGINT', ignore);
        }
      });
    },
    /** True when `text` (neutralised plugin stderr) was already shown live on the terminal. */
    wasShown: (text) => shown.has(text.trim()),
  };
}

/** The expirationTimestamp of an ExecCredential printed by a plugin, when it has a valid one. */
export function credentialExpiryOf(stdout: string): Date | undefined {
  try {
    const v = JSON.parse(stdout) as { status?: { expirationTimestamp?: unknown } };
    const exp = v.status?.expirationTimestamp;
    if (typeof exp !== 'string') return undefined;
    const t = Date.parse(exp);
    return Number.isNaN(t) ? undefined : new Date(t);
  } catch {
    return undefined;
  }
}
