/**
 * The pod detail screen's state and pure functions: which pod, what has been read (the pod, its
 * events, or why not), the diagnosis header, the section shown (overview, containers, conditions,
 * events) or the YAML view, a search within the view, the scroll offset, and "deleted".
 */
import type { Pod } from '../../core/pods/pod-types.js';
import type { KubeEvent } from '../../core/client/types.js';
import { diagnosePod, type Finding } from '../../core/diagnosis/index.js';
import { podSectionLines, type DetailLine } from '../../core/pods/pod-detail.js';
import { podYaml } from '../../core/pods/pod-yaml.js';

export const SECTION_IDS = ['overview', 'containers', 'conditions', 'events'] as const;

export interface DetailState {
  namespace: string;
  name: string;
  pod?: Pod;
  events?: KubeEvent[];
  /** Why events are not shown (forbidden, failed). */
  eventsNote?: string;
  /** The pod could not be read (not yet deleted): the failure's summary. */
  error?: string;
  /** The pod was deleted while the screen was open (or before it could be read). */
  deleted: boolean;
  section: number;
  yaml: boolean;
  managedFields: boolean;
  /** The search text ('' = none) and whether it is being typed. */
  search: string;
  searching: boolean;
  scroll: number;
}

/** A fresh detail state for a pod. */
export function detailState(namespace: string, name: string): DetailState {
  return { namespace, name, deleted: false, section: 0, yaml: false, managedFields: false, search: '', searching: false, scroll: 0 };
}

/*
 * The screen renders every second (and on every store change): what it shows is computed once per
 * pod object (a new one arrives with each re-read), and what depends on the clock (the findings,
 * the events' ages) once per second.
 */
const second = (now: Date): number => Math.floor(now.getTime() / 1000);
const findingsMemo = new WeakMap<Pod, { events: KubeEvent[] | undefined; second: number; findings: Finding[] }>();
/** Per pod: the YAML (with and without managedFields) and the sections that do not depend on the clock. */
const linesMemo = new WeakMap<Pod, Map<string, DetailLine[]>>();
const eventsMemo = new WeakMap<KubeEvent[], { second: number; lines: DetailLine[] }>();

/** The diagnosis shown in the header (empty for a healthy pod or before the pod is read). */
export function detailFindings(s: DetailState, now: Date): Finding[] {
  if (!s.pod) return [];
  const hit = findingsMemo.get(s.pod);
  if (hit && hit.events === s.events && hit.second === second(now)) return hit.findings;
  const findings = diagnosePod({ pod: s.pod, events: s.events ?? [], now });
  findingsMemo.set(s.pod, { events: s.events, second: second(now), findings });
  return findings;
}

function podLines(pod: Pod, key: string, build: () => DetailLine[]): DetailLine[] {
  let byKey = linesMemo.get(pod);
  if (!byKey) linesMemo.set(pod, (byKey = new Map()));
  let lines = byKey.get(key);
  if (!lines) byKey.set(key, (lines = build()));
  return lines;
}

/** The body lines of the current view (a section, or the YAML). */
export function detailLines(s: DetailState, now: Date): DetailLine[] {
  const pod = s.pod;
  if (!pod) return [{ text: s.deleted ? `Pod ${s.name} was deleted.` : (s.error ?? 'Loading…') }];
  if (s.yaml)
    return podLines(pod, s.managedFields ? 'yaml+managed' : 'yaml', () =>
      podYaml(pod, { managedFields: s.managedFields })
        .trimEnd()
        .split('\n')
        .map((text) => ({ text })),
    );
  const id = SECTION_IDS[s.section];
  if (id === undefined) return [];
  if (id !== 'events') return podLines(pod, id, () => podSectionLines(pod, id, undefined, now));
  if (!s.events) return podSectionLines(pod, id, undefined, now, s.eventsNote);
  const hit = eventsMemo.get(s.events);
  if (hit && hit.second === second(now)) return hit.lines;
  const lines = podSectionLines(pod, id, s.events, now, s.eventsNote);
  eventsMemo.set(s.events, { second: second(now), lines });
  return lines;
}

/** The section tabs' titles. */
export const SECTION_TITLES = ['Overview', 'Containers', 'Conditions', 'Events'];

/** Moves to section `i` (wrapping), back to the top. */
export function showSection(s: DetailState, i: number): DetailState {
  const n = SECTION_IDS.length;
  return { ...s, section: ((i % n) + n) % n, yaml: false, scroll: 0 };
}

/** Indexes of lines matching the search (smart case: case-insensitive unless it has a capital). */
export function searchHits(lines: DetailLine[], search: string): number[] {
  if (search === '') return [];
  const sensitive = search !== search.toLowerCase();
  const needle = sensitive ? search : search.toLowerCase();
  const out: number[] = [];
  lines.forEach((l, i) => {
    if ((sensitive ? l.text : l.text.toLowerCase()).includes(needle)) out.push(i);
  });
  return out;
}

/** The scroll offset that shows the next hit after the current top (wrapping), or the same offset. */
export function nextHit(s: DetailState, lines: DetailLine[], backwards = false): number {
  const hits = searchHits(lines, s.search);
  if (hits.length === 0) return s.scroll;
  if (backwards) return [...hits].reverse().find((h) => h < s.scroll) ?? hits[hits.length - 1]!;
  return hits.find((h) => h > s.scroll) ?? hits[0]!;
}

/** Clamps a scroll offset to the body. */
export function clampScroll(scroll: number, lines: number, height: number): number {
  return Math.max(0, Math.min(scroll, Math.max(0, lines - height)));
}
