/** The shape every troubled-pod builder returns (its own module, so the builders and their list do not import each other). */
import type { Pod } from '../core/pods/pod-types.js';
import type { EventSpec } from './event-store.js';

/** One troubled pod: the pod, its events, and the last log lines per container (previous instance). */
export interface TroubledPod {
  /** The finding code kpods why should report first ('' for the healthy control). */
  code: string;
  pod: Pod;
  events: EventSpec[];
  lastWords?: Record<string, string[]>;
}
