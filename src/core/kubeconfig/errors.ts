/** The explained kubeconfig failures: each names the file, context or missing name and says what to do. */
import { failure, type Failure } from '../failure.js';
import { act } from '../hint.js';
import type { LoadedKubeconfig } from './types.js';
import { quoteCapped } from '../terminal-text.js';

const q = (s: string): string => quoteCapped(s);

function searched(config: LoadedKubeconfig): string {
  const paths = config.files.map((f) => f.path + (f.exists ? '' : ' (missing)'));
  return `files searched: ${paths.join(', ') || '(none)'}`;
}

/** "no contexts are defined" or "contexts defined: "a", "b" and 3 more". */
function known(kind: string, names: string[]): string {
  if (names.length === 0) return `no ${kind} are defined`;
  const shown = names.slice(0, 10).map(q).join(', ');
  return names.length > 10 ? `${kind} defined: ${shown} and ${names.length - 10} more` : `${kind} defined: ${shown}`;
}

const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A file kubectl would refuse too (syntax, types, duplicates, unreadable). */
export function invalidFile(path: string, line: number | undefined, reason: string, hints?: string[]): Failure {
  const where = line === undefined ? path : `${path}, line ${line}`;
  return failure(
    'kubeconfig.invalid',
    `The kubeconfig file ${path} cannot be used: ${reason}${line === undefined ? '' : ` (line ${line})`}.`,
    hints ?? [
      `Fix ${where}; kubectl refuses this file too, and one bad file in the chain stops every command.`,
      'Or leave the file out: pass --kubeconfig with another file, or remove it from KUBECONFIG.',
    ],
    `file: ${path}${line === undefined ? '' : `\nline: ${line}`}`,
  );
}

/** `--kubeconfig` names a file that does not exist, or no file of the chain exists. */
export function notFound(config: Pick<LoadedKubeconfig, 'files' | 'source'>): Failure {
  const paths = config.files.map((f) => f.path);
  const what =
    config.source === 'flag'
      ? `The kubeconfig file ${paths[0] ?? ''} given with --kubeconfig does not exist.`
      : config.source === 'env'
        ? `No kubeconfig found: none of the files in KUBECONFIG exists (${paths.join(', ') || 'empty list'}).`
        : `No kubeconfig found at ${paths[0] ?? '~/.kube/config'} (KUBECONFIG is not set).`;
  return failure(
    'kubeconfig.not-found',
    what,
    [
      'kubectl would quietly try http://localhost:8080 here; kpods stops instead.',
      'Point kpods at a kubeconfig with --kubeconfig PATH or KUBECONFIG, or try the built-in simulated cluster: kpods demo.',
    ],
    `files searched: ${paths.join(', ')}`,
  );
}

/** `--context` or current-context names a context no file defines. */
export function contextNotFound(config: LoadedKubeconfig, name: string, fromFlag: boolean | string): Failure {
  const source =
    typeof fromFlag === 'string'
      ? fromFlag
      : fromFlag
        ? '--context'
        : `current-context (set in ${config.currentContextOrigin ?? 'the kubeconfig'})`;
  return failure(
    'kubeconfig.context-not-found',
    `Context ${q(name)} named by ${source} is not defined in any kubeconfig file.`,
    [
      act(
        `${sentence(
          known(
            'contexts',
            config.contexts.map((c) => c.name),
          ),
        )}; {}.`,
        'list them with: kpods contexts',
        'press c to choose one',
      ),
      fromFlag === false
        ? act('{}, or fix current-context.', 'Choose another with --context NAME', 'Press c to choose another')
        : 'Use the name of a defined context.',
    ],
    searched(config),
  );
}

/** A context (or `--cluster`) names a cluster no file defines. */
export function clusterNotFound(config: LoadedKubeconfig, name: string, context: string | undefined, contextOrigin?: string): Failure {
  const by = context === undefined ? '--cluster' : `context ${q(context)} (in ${contextOrigin ?? '?'})`;
  const summary =
    name === '' && context !== undefined
      ? `Context ${q(context)} (in ${contextOrigin ?? '?'}) names no cluster.`
      : `Cluster ${q(name)} named by ${by} is not defined in any kubeconfig file.`;
  return failure(
    'kubeconfig.cluster-not-found',
    summary,
    [
      'kubectl would quietly fall back to http://localhost:8080 (or the in-cluster service account); kpods stops instead.',
      `${sentence(
        known(
          'clusters',
          config.clusters.map((c) => c.name),
        ),
      )}. Add the cluster, fix the context's cluster field, or pass --cluster or --server.`,
    ],
    searched(config),
  );
}

/** A context (or `--user`) names a user no file defines. */
export function userNotFound(config: LoadedKubeconfig, name: string, context: string | undefined, contextOrigin?: string): Failure {
  const by = context === undefined ? '--user' : `context ${q(context)} (in ${contextOrigin ?? '?'})`;
  return failure(
    'kubeconfig.user-not-found',
    `User ${q(name)} named by ${by} is not defined in any kubeconfig file.`,
    [
      'kubectl would prompt for a username here; kpods stops instead.',
      act(
        `${sentence(
          known(
            'users',
            config.users.map((u) => u.name),
          ),
        )}. Add the user, fix the context's user field, or {}.`,
        'pass --user',
        'press u to choose one',
      ),
    ],
    searched(config),
  );
}

/** No `--context` and no current-context. */
export function noCurrentContext(config: LoadedKubeconfig): Failure {
  const read = config.files.filter((f) => f.exists).map((f) => f.path);
  const which =
    read.length === 1
      ? `the kubeconfig file ${read[0] ?? ''} does not set current-context`
      : `none of ${read.join(', ')} sets current-context`;
  const empty = config.contexts.length === 0 ? ` (and ${read.length === 1 ? 'it defines' : 'they define'} no contexts)` : '';
  return failure(
    'kubeconfig.no-current-context',
    `No context chosen: ${which}${empty}, and --context was not given.`,
    [
      'kubectl would quietly try http://localhost:8080 here; kpods stops instead.',
      act(
        `{} (${known(
          'contexts',
          config.contexts.map((c) => c.name),
        )}), or set one with: kubectl config use-context NAME.`,
        'Pass --context NAME',
        'Press c to choose one',
      ),
    ],
    searched(config),
  );
}
