/**
 * Why writing a kubeconfig failed, in plain words with a hint: file system errors are told by
 * their errno code (never by the system's message text), and a file that changed while kpods
 * was saving is told as such.
 */
import { act } from '../hint.js';
import { failure, type Failure } from '../failure.js';

/** Thrown by a change to a kubeconfig document when the document no longer has what was loaded a moment before. */
export class KubeconfigChanged extends Error {
  constructor(readonly what: string) {
    super(`${what} is no longer in the file`);
  }
}

const WRITABLE = act(
  'Make the file and its folder writable by you (e.g. chmod u+w), or save to another kubeconfig {}.',
  'with --kubeconfig',
  'by starting kpods with --kubeconfig',
);
const SPACE = 'Free some space on the disk that holds the kubeconfig, then save again.';

/** Plain words and a hint per errno code. */
const BY_CODE: Record<string, { words: string; hint: string | ReturnType<typeof act> }> = {
  EACCES: { words: 'permission denied', hint: WRITABLE },
  EPERM: { words: 'the operation is not permitted', hint: WRITABLE },
  ENOSPC: { words: 'the disk is full', hint: SPACE },
  EDQUOT: { words: 'your disk quota is used up', hint: SPACE },
  EROFS: {
    words: 'the file system is read-only',
    hint: act(
      'The kubeconfig is on a read-only disk: save to a kubeconfig on a writable one {}.',
      'with --kubeconfig',
      'by starting kpods with --kubeconfig',
    ),
  },
  ENOENT: { words: 'its folder does not exist', hint: 'Create the folder, or check the path in KUBECONFIG or --kubeconfig.' },
  ENOTDIR: { words: 'a part of its path is a file, not a folder', hint: 'Check the path in KUBECONFIG or --kubeconfig.' },
  EISDIR: { words: 'the path is a folder, not a file', hint: 'Point KUBECONFIG or --kubeconfig at a file.' },
  ELOOP: { words: 'its path has a loop of symbolic links', hint: 'Check the symbolic links on the path of the kubeconfig.' },
  ENAMETOOLONG: { words: 'its path is too long', hint: 'Use a shorter path for the kubeconfig.' },
  EBUSY: { words: 'the file is busy', hint: 'Another program is using the file: save again in a moment.' },
  ETXTBSY: { words: 'the file is busy', hint: 'Another program is using the file: save again in a moment.' },
  EMFILE: { words: 'too many files are open', hint: 'Close some programs (or raise the open-file limit), then save again.' },
  ENFILE: { words: 'too many files are open on this machine', hint: 'Close some programs, then save again.' },
  EIO: { words: 'the disk reported an input/output error', hint: 'Check the disk that holds the kubeconfig.' },
};

/** The errno code of an error, if it has one. */
function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * The failure for an error met while saving to `file` (undefined: the file is not known, e.g.
 * an error before any file was chosen). `doing` says what failed ("write", "lock").
 */
export function saveFailed(err: unknown, file?: string, doing = 'write'): Failure {
  const where = file === undefined ? 'the kubeconfig' : file;
  if (err instanceof KubeconfigChanged) {
    return failure(
      'kubeconfig.write-failed',
      `Could not save to ${where}: it changed while kpods was saving (${err.what} is no longer in it).`,
      ['Another program changed the kubeconfig at the same moment: look at the file, then save again.'],
      file === undefined ? undefined : `file: ${file}`,
    );
  }
  const code = errnoOf(err);
  const known = code === undefined ? undefined : BY_CODE[code];
  const words = known?.words ?? (code === undefined ? 'an unexpected error' : `an unexpected system error (${code})`);
  const hint = known?.hint ?? 'Check that the file and its folder are writable and the disk has room, then save again.';
  const detail = [file === undefined ? undefined : `file: ${file}`, code === undefined ? undefined : `system error: ${code}`]
    .filter((x) => x !== undefined)
    .join('\n');
  return failure('kubeconfig.write-failed', `Could not ${doing} ${where}: ${words}.`, [hint], detail || undefined);
}
