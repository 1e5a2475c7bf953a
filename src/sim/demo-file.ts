/**
 * `demo --serve --kubeconfig-out PATH` writes the demo's kubeconfig (which holds the demo's
 * secrets) as a new file: O_CREAT|O_EXCL|O_NOFOLLOW semantics (a symlink, even a dangling one,
 * is never followed), mode 0600 whatever the umask. An existing file is refused, unless it is
 * kpods' own previous demo kubeconfig (a regular file, owned by this user, starting with the
 * marker line), which is replaced.
 */
import { closeSync, constants, fchmodSync, lstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';

export const DEMO_MARKER = '# kpods demo kubeconfig: written by `kpods demo --serve --kubeconfig-out`; kpods may replace it.\n';

function createNew(path: string, text: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Whether `path` is a previous demo kubeconfig of this user (never true for a symlink). */
function isOwnDemoFile(path: string): boolean {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st || !st.isFile() || (process.getuid && st.uid !== process.getuid())) return false;
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const head = Buffer.alloc(Buffer.byteLength(DEMO_MARKER));
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString('utf8') === DEMO_MARKER;
  } finally {
    closeSync(fd);
  }
}

/** Writes the demo kubeconfig to `path` as described above; throws an errno error (EEXIST…) otherwise. */
export function writeDemoKubeconfig(path: string, yaml: string): void {
  const text = DEMO_MARKER + yaml;
  try {
    createNew(path, text);
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (!isOwnDemoFile(path)) {
    const e = new Error(`${path} already exists and is not a kubeconfig written by kpods demo`) as NodeJS.ErrnoException;
    e.code = 'EEXIST';
    e.path = path;
    throw e;
  }
  unlinkSync(path);
  createNew(path, text);
}
