/**
 * Findings about one container: image pulls, missing configuration, crash loops (with the exit
 * code, the OOM limit or the liveness probe that caused them), non-zero exits and readiness.
 */
import type { Container, ContainerStatus, Pod } from '../pods/pod-types.js';
import { classifyPull, missingRef, pullCause } from './messages.js';
import { eventLine, eventsWith, exitHint, exitMeaning, imageParts, logTail } from './evidence.js';
import { ago } from '../pods/human-duration.js';
import { plural } from '../plural.js';
import type { DiagEvent, Finding } from './types.js';

/** What the container rules need besides the status. */
interface ContainerContext {
  pod: Pod;
  spec?: Container;
  events: DiagEvent[];
  logs?: string[];
  now: Date;
  init: boolean;
}

const PULL_REASONS = ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable'];

function where(ctx: ContainerContext): string {
  return `${ctx.init ? 'init container' : 'container'} ${ctx.spec?.name ?? '?'}`;
}

function logsHint(ctx: ContainerContext, name: string, previous: boolean): string {
  const m = ctx.pod.metadata ?? {};
  return `Read the log of the failed run: kubectl logs ${m.name} -n ${m.namespace} -c ${name}${previous ? ' --previous' : ''}`;
}

function memoryLimit(spec: Container | undefined): string | undefined {
  const r = spec?.['resources'] as { limits?: Record<string, string> } | undefined;
  return r?.limits?.['memory'];
}

function imageFinding(s: ContainerStatus, ctx: ContainerContext): Finding {
  const name = s.name ?? '?';
  const image = ctx.spec?.image ?? s.image ?? '';
  const failed = eventsWith(ctx.events, ['Failed'], name).filter((e) => /Failed to pull image/.test(e.message ?? ''));
  const text = [failed[0]?.message ?? '', s.state?.waiting?.message ?? ''].join('\n');
  const kind = s.state?.waiting?.reason === 'InvalidImageName' ? 'other' : classifyPull(text);
  const { registry, repository, tag, digest } = imageParts(image);
  const evidence = [
    `${where(ctx)} is waiting: ${s.state?.waiting?.reason}${s.state?.waiting?.message ? `: ${s.state.waiting.message}` : ''}`,
  ];
  for (const e of [failed[0], eventsWith(ctx.events, ['BackOff'], name)[0]]) if (e) evidence.push(eventLine(e, ctx.now));
  if (kind === 'not-found') {
    const what = tag ? `tag ${tag}` : digest ? `digest ${digest}` : 'tag latest';
    return {
      code: 'pod.image-not-found',
      container: name,
      summary: `Image ${image} does not exist: ${registry} has no ${what} of ${repository}.`,
      evidence,
      hints: [
        `Check the ${what} exists in ${registry}/${repository} (e.g. crane ls ${registry}/${repository}), or fix the image of ${where(ctx)} in the pod's template.`,
      ],
    };
  }
  if (kind === 'auth') {
    const secrets = (ctx.pod.spec?.['imagePullSecrets'] as Array<{ name?: string }> | undefined)?.map((x) => x.name).filter(Boolean) ?? [];
    return {
      code: 'pod.image-pull-auth',
      container: name,
      summary: `The node may not pull ${image}: ${registry} refused ${secrets.length ? 'the credentials given' : 'without credentials'}.`,
      evidence: [...evidence, secrets.length ? `imagePullSecrets: ${secrets.join(', ')}` : 'the pod has no imagePullSecrets'],
      hints: secrets.length
        ? [
            `Check that the imagePullSecret ${secrets.join(', ')} holds valid credentials for ${registry} with pull access to ${repository}.`,
          ]
        : [
            `Add an imagePullSecret for ${registry}: kubectl create secret docker-registry regcred --docker-server=${registry} … -n ${ctx.pod.metadata?.namespace}, then list it under spec.imagePullSecrets (or on the service account).`,
          ],
    };
  }
  const { cause, hint } = pullCause(text, image);
  return { code: 'pod.image-pull', container: name, summary: `Image ${image} cannot be pulled: ${cause}.`, evidence, hints: [hint] };
}

function configFinding(s: ContainerStatus, ctx: ContainerContext): Finding {
  const name = s.name ?? '?';
  const ns = ctx.pod.metadata?.namespace ?? '';
  const message = s.state?.waiting?.message ?? '';
  const ref = missingRef(message);
  const evidence = [`${where(ctx)} is waiting: CreateContainerConfigError: ${message}`];
  const ev = eventsWith(ctx.events, ['Failed'], name)[0];
  if (ev) evidence.push(eventLine(ev, ctx.now));
  if (!ref)
    return {
      code: 'pod.config-missing',
      container: name,
      summary: `${where(ctx)} cannot be created: its configuration is invalid (${message}).`,
      evidence,
      hints: [`Fix the env, envFrom or volume references of ${where(ctx)}.`],
    };
  const what = ref.key ? `key ${ref.key} of ${ref.kind} ${ref.name}` : `${ref.kind} ${ref.name}`;
  return {
    code: 'pod.config-missing',
    container: name,
    summary: `${where(ctx)} cannot start: ${what} does not exist in namespace ${ns}.`,
    evidence,
    hints: [
      ref.key
        ? `Add key ${ref.key} to ${ref.kind} ${ref.name} in ${ns}, or fix the reference (or mark it optional).`
        : `Create ${ref.kind} ${ref.name} in ${ns} or fix the reference in ${where(ctx)} (or mark it optional).`,
    ],
  };
}

/** A container that ended (now or in its last run) with a non-zero code, or that is looping. */
function exitFinding(s: ContainerStatus, ctx: ContainerContext): Finding | undefined {
  const name = s.name ?? '?';
  const looping = s.state?.waiting?.reason === 'CrashLoopBackOff';
  const now = s.state?.terminated;
  const last = s.lastState?.terminated;
  // A running container's earlier exits are history; a looping one is judged by its last run.
  const t = looping ? last : now;
  const restarts = s.restartCount ?? 0;
  const killedByLiveness = eventsWith(ctx.events, ['Killing'], name).find((e) => /failed liveness probe/.test(e.message ?? ''));
  if (killedByLiveness && restarts > 0 && !ctx.init) {
    const probe = eventsWith(ctx.events, ['Unhealthy'], name).find((e) => /^Liveness probe/.test(e.message ?? ''));
    const p = ctx.spec?.['livenessProbe'] as
      { httpGet?: { path?: string; port?: unknown }; timeoutSeconds?: number; failureThreshold?: number } | undefined;
    const probeText = p?.httpGet
      ? `GET ${p.httpGet.path ?? '/'} on port ${String(p.httpGet.port)}, timeout ${p.timeoutSeconds ?? 1}s`
      : 'its liveness probe';
    const lastAgo = ago(last?.finishedAt, ctx.now);
    return {
      code: 'pod.liveness-restarts',
      container: name,
      summary: `${where(ctx)} is restarted by its failing liveness probe: ${plural(restarts, 'restart')}${lastAgo ? `, the last ${lastAgo} ago` : ''}.`,
      evidence: [...(probe ? [eventLine(probe, ctx.now)] : []), eventLine(killedByLiveness, ctx.now)],
      hints: [
        `Check the liveness probe (${probeText}): fix the endpoint, or raise timeoutSeconds/failureThreshold if the app is only slow; a liveness probe should not depend on other services.`,
      ],
    };
  }
  if (!looping && (!t || ((t.exitCode ?? 0) === 0 && t.reason !== 'OOMKilled'))) return undefined;
  const code = t?.exitCode ?? 0;
  const reason = t?.reason ?? '';
  const endedAgo = ago(t?.finishedAt, ctx.now);
  const when = endedAgo ? `${endedAgo} ago` : undefined;
  const evidence: string[] = [];
  if (t)
    evidence.push(
      `${looping ? 'last run: ' : ''}exit code ${code}${reason ? ` (${reason})` : ''}: ${exitMeaning(code)}${when ? `, ended ${when}` : ''}`,
    );
  if (restarts > 0) evidence.push(plural(restarts, 'restart'));
  if (looping && s.state?.waiting?.message) evidence.push(`waiting: CrashLoopBackOff: ${s.state.waiting.message}`);
  const backOff = eventsWith(ctx.events, ['BackOff'], name)[0];
  if (backOff) evidence.push(eventLine(backOff, ctx.now));
  const tail = logTail(ctx.logs);
  if (tail.length) evidence.push(`last log lines${looping ? ' of the previous run' : ''}:`, ...tail.map((l) => `  ${l}`));
  const hints: string[] = [];
  if (reason === 'OOMKilled') {
    const limit = memoryLimit(ctx.spec);
    hints.push(
      limit
        ? `Raise the memory limit of ${where(ctx)} above ${limit} or find the leak (kubectl top pod shows its usage).`
        : `${where(ctx)} has no memory limit: the node ran out of memory; set requests and limits that fit its usage.`,
    );
    return {
      code: ctx.init ? 'pod.init-failed' : 'pod.oom-killed',
      container: name,
      summary: `${where(ctx)} was killed for running out of memory${limit ? ` (limit ${limit})` : ''}${restarts ? `; ${plural(restarts, 'restart')}` : ''}.`,
      evidence: limit ? [`memory limit ${limit}`, ...evidence] : evidence,
      hints,
    };
  }
  const extra = exitHint(code, name, ctx.spec?.image);
  if (extra) hints.push(extra);
  if (tail.length)
    hints.push(`The last log lines above say why it stopped: fix that cause (its configuration, or a service it depends on).`);
  hints.push(logsHint(ctx, name, looping));
  if (ctx.init) {
    return {
      code: 'pod.init-failed',
      container: name,
      summary: `Init container ${name} ${looping ? 'keeps failing' : 'failed'} (exit code ${code}, ${exitMeaning(code)}): the pod's containers wait for it to succeed.`,
      evidence,
      hints,
    };
  }
  if (looping)
    return {
      code: 'pod.crash-loop',
      container: name,
      summary: `${where(ctx)} keeps crashing: exit code ${code} (${exitMeaning(code)})${restarts ? `, ${plural(restarts, 'restart')}` : ''}; the kubelet waits longer before each restart.`,
      evidence,
      hints,
    };
  return {
    code: 'pod.exit-error',
    container: name,
    summary: `${where(ctx)} exited with code ${code} (${exitMeaning(code)})${restarts ? ` after ${plural(restarts, 'restart')}` : ''}.`,
    evidence,
    hints,
  };
}

function readinessFinding(s: ContainerStatus, ctx: ContainerContext): Finding | undefined {
  if (!s.state?.running || s.ready !== false || ctx.init) return undefined;
  const name = s.name ?? '?';
  const probe = eventsWith(ctx.events, ['Unhealthy'], name).find((e) => /^(Readiness|Startup) probe/.test(e.message ?? ''));
  const msg = probe?.message?.replace(/^(Readiness|Startup) probe failed:\s*/, '') ?? '';
  const startup = /^Startup/.test(probe?.message ?? '');
  return {
    code: 'pod.not-ready',
    container: name,
    summary: probe
      ? `${where(ctx)} is running but not ready: its ${startup ? 'startup' : 'readiness'} probe fails (${msg.trim()}).`
      : `${where(ctx)} is running but not ready.`,
    evidence: probe ? [eventLine(probe, ctx.now)] : [`${where(ctx)}: running, ready false`],
    hints: [
      probe
        ? `Find out why the ${startup ? 'startup' : 'readiness'} check fails (the app's log, or call the endpoint from inside the pod); until it passes, Services send it no traffic.`
        : "Check its readiness probe and the app's log.",
    ],
  };
}

/** The findings for one container status (empty when it is fine). */
export function containerFindings(s: ContainerStatus, ctx: ContainerContext): Finding[] {
  const waiting = s.state?.waiting?.reason ?? '';
  if (PULL_REASONS.includes(waiting)) return [imageFinding(s, ctx)];
  if (waiting === 'CreateContainerConfigError') return [configFinding(s, ctx)];
  const exit = exitFinding(s, ctx);
  if (exit) return [exit];
  const ready = readinessFinding(s, ctx);
  return ready ? [ready] : [];
}
