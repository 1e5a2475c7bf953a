/**
 * Small readers shared by the diagnosis rules: events of one container, kubectl's event age
 * (`5m (x3 over 20m)`), exit codes in plain words, image references, quoted names in messages.
 */
import { humanDuration, parseTime } from '../pods/human-duration.js';
import type { DiagEvent } from './types.js';

/** When an event last happened (ms), from series, lastTimestamp, eventTime or firstTimestamp. */
export function lastSeen(e: DiagEvent): number | undefined {
  return parseTime(e.series?.lastObservedTime) ?? parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? parseTime(e.firstTimestamp);
}

/** When an event first happened (ms). */
function firstSeen(e: DiagEvent): number | undefined {
  return parseTime(e.eventTime) ?? parseTime(e.firstTimestamp) ?? lastSeen(e);
}

/** How many times an event happened (series count, count, or 1). */
function timesOf(e: DiagEvent): number {
  return e.series?.count ?? (e.count !== undefined && e.count > 0 ? e.count : 1);
}

/** kubectl describe's age cell: `40s (x52 over 46m)`, or just `47m` for a single event. */
export function eventAge(e: DiagEvent, now: Date): string {
  const since = (t: number | undefined) => (t === undefined ? '<unknown>' : humanDuration(now.getTime() - t));
  const first = since(firstSeen(e));
  const n = timesOf(e);
  if (e.series) return `${since(parseTime(e.series.lastObservedTime))} (x${n} over ${first})`;
  if (n > 1) return `${since(parseTime(e.lastTimestamp))} (x${n} over ${first})`;
  return first;
}

/** The component that reported an event (kubelet, default-scheduler, …). */
export function eventSource(e: DiagEvent): string {
  return e.source?.component || e.reportingComponent || '';
}

/** One event as evidence: `BackOff, 40s (x52 over 46m), kubelet: Back-off restarting …`. */
export function eventLine(e: DiagEvent, now: Date): string {
  const from = eventSource(e);
  return `event ${e.reason ?? '?'}, ${eventAge(e, now)}${from ? `, ${from}` : ''}: ${(e.message ?? '').trim()}`;
}

/** The container an event's fieldPath names (spec.containers{C} or spec.initContainers{C}). */
function eventContainer(e: DiagEvent): string | undefined {
  return /^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/.exec(e.involvedObject?.fieldPath ?? '')?.[1];
}

/** Events with one of `reasons`, optionally only those about `container`, newest first. */
export function eventsWith(events: DiagEvent[], reasons: string[], container?: string): DiagEvent[] {
  return events
    .filter((e) => reasons.includes(e.reason ?? '') && (container === undefined || eventContainer(e) === container))
    .sort((a, b) => (lastSeen(b) ?? 0) - (lastSeen(a) ?? 0));
}

/** Exit codes in plain words (shell and signal conventions). */
export function exitMeaning(code: number): string {
  switch (code) {
    case 0:
      return 'success';
    case 1:
      return 'application error';
    case 2:
      return 'misuse of a command or invalid arguments';
    case 126:
      return 'command not executable';
    case 127:
      return 'command not found';
    case 134:
      return 'SIGABRT: the program aborted';
    case 137:
      return 'SIGKILL: killed';
    case 139:
      return 'SIGSEGV: segmentation fault';
    case 143:
      return 'SIGTERM: asked to stop';
    default:
      return code > 128 && code < 160 ? `killed by signal ${code - 128}` : 'application error';
  }
}

/** What to do about an exit code (beyond reading the log). */
export function exitHint(code: number, container: string, image: string | undefined): string | undefined {
  switch (code) {
    case 126:
      return `Make the entrypoint of container ${container} executable (chmod +x) and check the image was built for the node's architecture.`;
    case 127:
      return `Check the command and args of container ${container}: the program they name is not in image ${image ?? '(unknown)'} (or not on its PATH).`;
    case 137:
      return `Container ${container} was killed with SIGKILL: look for a failing liveness probe, a node out of memory, or a slow shutdown past terminationGracePeriodSeconds.`;
    case 139:
      return `Container ${container} crashed with a segmentation fault: check native libraries and that the image matches the node's architecture.`;
    case 143:
      return `Container ${container} stopped on SIGTERM: find out who stopped it (the events) and make sure it exits cleanly on SIGTERM only when asked.`;
    default:
      return undefined;
  }
}

/** Splits an image reference into registry, repository and tag (or digest). */
export function imageParts(image: string): { registry: string; repository: string; tag?: string; digest?: string } {
  const [nameTag, digest] = image.split('@', 2) as [string, string | undefined];
  const slash = nameTag.lastIndexOf('/');
  const colon = nameTag.lastIndexOf(':');
  const tag = colon > slash ? nameTag.slice(colon + 1) : undefined;
  const name = colon > slash ? nameTag.slice(0, colon) : nameTag;
  const first = name.split('/')[0]!;
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  const repository = hasRegistry ? name.slice(first.length + 1) : name.includes('/') ? name : `library/${name}`;
  return { registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** A bounded copy of log lines for evidence (the last `max`, each cut at 240 characters). */
export function logTail(lines: string[] | undefined, max = 5): string[] {
  if (!lines) return [];
  const kept = lines.filter((l) => l.trim() !== '').slice(-max);
  return kept.map((l) => (l.length > 240 ? `${l.slice(0, 239)}…` : l));
}
