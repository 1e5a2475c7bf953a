/**
 * Why the demo's simulated cluster could not start, in plain words with what to do: told by the
 * error's code (never by the system's message, which is kept only as a detail for a report).
 */
import { neutralize } from '../core/terminal-text.js';

/** What the demo was asked to start with (the parts its errors name). */
export interface DemoStartInput {
  port?: number | undefined;
  kubeconfigOut?: string | undefined;
}

/** The lines kpods demo prints on stderr when the simulated cluster did not start. */
export function demoStartFailure(err: unknown, opts: DemoStartInput): string {
  const e = (err ?? {}) as NodeJS.ErrnoException;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const out = opts.kubeconfigOut === undefined ? undefined : neutralize(opts.kubeconfigOut);
  let why: string;
  let hint: string;
  // By error code: a taken port, a port that needs privileges, or a temporary folder that cannot be written.
  if (code === 'EEXIST' && out !== undefined) {
    why = `--kubeconfig-out ${out} already exists (or is a symbolic link) and is not a kubeconfig a previous kpods demo wrote; kpods does not overwrite it`;
    hint = 'choose a new path or remove the file';
  } else if ((code === 'ENOENT' || code === 'ENOTDIR') && out !== undefined) {
    why = `the folder of --kubeconfig-out ${out} does not exist (or a part of its path is a file)`;
    hint = 'choose a path in an existing folder';
  } else if (code === 'EADDRINUSE') {
    why = `port ${opts.port} is already in use`;
    hint = 'choose another with --port or leave it out';
  } else if (code === 'EACCES' && e.syscall === 'listen') {
    why = `listening on port ${opts.port} is not allowed`;
    hint = 'choose a port above 1023 or leave --port out';
  } else if (code === 'EACCES' || code === 'ENOSPC' || code === 'EROFS' || code === 'EDQUOT') {
    why = `its files could not be written (${code === 'EACCES' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : 'the disk is full'})`;
    hint =
      out === undefined
        ? 'set TMPDIR to a writable folder with free space'
        : 'set TMPDIR to a writable folder with free space, and give --kubeconfig-out a writable path';
  } else {
    why = `an unexpected error${code === undefined ? '' : ` (${code})`}`;
    hint = 'run it again; if it fails again, please report it with this output';
  }
  const lines = [`kpods demo: could not start the simulated cluster: ${why}.`, `  try: ${hint}`];
  if (why.startsWith('an unexpected error') && err instanceof Error) lines.push(`  detail: ${neutralize(err.message).slice(0, 300)}`);
  return lines.join('\n') + '\n';
}
