/**
 * Runs a credential plugin as a child process, asynchronously and with a time limit. The runner
 * is injectable: the TUI supplies one that hands the terminal to interactive plugins.
 */
import type { spawn as spawnFn } from 'node:child_process';

/** node:child_process, loaded when a plugin first runs (most commands never start one). */
const childProcess = (): { spawn: typeof spawnFn } => process.getBuiltinModule('node:child_process');

export interface ExecRunRequest {
  command: string;
  args: string[];
  /** The complete environment of the plugin. */
  env: Record<string, string>;
  /** True when stdin should be attached to the user's terminal (interactive plugins). */
  interactive: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ExecRunResult {
  /** Set when the process could not be started (e.g. 'ENOENT', 'EACCES'). */
  spawnErrorCode?: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  /** What the plugin wrote on stderr (shown to the user after neutralising). */
  stderr: string;
}

/** Something that can run a credential plugin. */
export interface ExecRunner {
  /** Whether a terminal can be handed to the plugin (IfAvailable / Always modes). */
  readonly interactiveAvailable: boolean;
  run(req: ExecRunRequest): Promise<ExecRunResult>;
}

const MAX_OUTPUT = 4 * 1024 * 1024;

/** The default runner: never interactive, stdin ignored (or inherited when `stdinInherit` is set). */
export function createDefaultExecRunner(opts: { interactiveAvailable?: boolean } = {}): ExecRunner {
  return {
    interactiveAvailable: opts.interactiveAvailable ?? false,
    run(req) {
      return new Promise((resolve) => {
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        let settled = false;
        const finish = (r: Omit<ExecRunResult, 'stdout' | 'stderr' | 'timedOut'>): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          req.signal?.removeEventListener('abort', onAbort);
          resolve({ ...r, timedOut, stdout, stderr });
        };
        let child: ReturnType<typeof spawnFn>;
        try {
          child = childProcess().spawn(req.command, req.args, {
            env: req.env,
            stdio: [req.interactive ? 'inherit' : 'ignore', 'pipe', 'pipe'],
            windowsHide: true,
            // Its own process group, so the time limit stops whatever the plugin started too.
            detached: !req.interactive && process.platform !== 'win32',
          });
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
        const killGroup = (): void => {
          try {
            if (child.pid !== undefined && !req.interactive && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
            else child.kill('SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        };
        const timer = setTimeout(() => {
          timedOut = true;
          killGroup();
        }, req.timeoutMs);
        const onAbort = (): void => killGroup();
        // A plugin that exited while something it started still holds stdout or stderr open:
        // after a short grace the rest of its group is stopped, so the pipes close.
        child.on('exit', () => {
          setTimeout(() => !settled && killGroup(), 500).unref();
        });
        req.signal?.addEventListener('abort', onAbort, { once: true });
        child.stdout?.setEncoding('utf8').on('data', (d: string) => {
          if (stdout.length < MAX_OUTPUT) stdout += d;
        });
        child.stderr?.setEncoding('utf8').on('data', (d: string) => {
          if (stderr.length < MAX_OUTPUT) stderr += d;
        });
        child.on('error', (err) => {
          const code = (err as { code?: unknown }).code;
          finish({ spawnErrorCode: typeof code === 'string' ? code : 'EUNKNOWN', exitCode: null, signal: null });
        });
        child.on('close', (code, signal) => finish({ exitCode: code, signal }));
      });
    },
  };
}
