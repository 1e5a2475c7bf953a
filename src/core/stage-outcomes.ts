/**
 * What a failure shows about the stages before it. One source for `kpods trace` (which fills in
 * the stages it did not run) and the browser's stage bar: a stage is passed only when it was
 * checked, never because a later one failed.
 *
 * @example
 *   passedBefore(failure('authorization.forbidden', …))  // kubeconfig … authentication: the server knew who asked
 *   passedBefore(failure('response.throttled', …))       // kubeconfig, credentials, connection: a 429 says nothing of who you are
 */
import { STAGES, type Failure, type Stage } from './failure.js';

export type StageStatus = 'ok' | 'failed' | 'warning' | 'skipped';

interface StageOutcome {
  name: Stage;
  status: StageStatus;
}

/**
 * Answers the Kubernetes API gives only about a request it authorized (a pod that is gone, a
 * container that is not running…). Other response failures (an HTML page, a 429, a 500, a
 * malformed body) may come from a proxy or before authorization: they prove a connection only.
 */
const AFTER_AUTHORIZATION: ReadonlySet<string> = new Set([
  'response.gone',
  'response.pod-gone',
  'response.container-waiting',
  'response.no-previous-container',
  'response.exec-not-found',
  'response.container-not-running',
]);

/** The stages that `f` shows to have passed (in order). */
export function passedBefore(f: Pick<Failure, 'stage' | 'code'>): Stage[] {
  const at = STAGES.indexOf(f.stage);
  const through = f.stage === 'response' && !AFTER_AUTHORIZATION.has(f.code) ? STAGES.indexOf('connection') + 1 : at;
  return STAGES.slice(0, through);
}

/**
 * Every stage's outcome: `checked` holds the stages really run (trace); the failing stage is
 * `failed`; a stage `f` shows passed is `ok`; every other one is `skipped` (not checked).
 * Without a failure every stage passed (the pods were listed).
 */
export function stageOutcomes(
  f: Pick<Failure, 'stage' | 'code'> | undefined,
  checked: Partial<Record<Stage, StageStatus>> = {},
): StageOutcome[] {
  if (!f) return STAGES.map((name) => ({ name, status: checked[name] ?? 'ok' }));
  const passed = new Set(passedBefore(f));
  const at = STAGES.indexOf(f.stage);
  return STAGES.map((name, i) => ({
    name,
    status: i === at ? 'failed' : i > at ? 'skipped' : (checked[name] ?? (passed.has(name) ? 'ok' : 'skipped')),
  }));
}
