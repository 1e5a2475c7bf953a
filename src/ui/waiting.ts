/**
 * What the browser is waiting for, said while it waits (issue 17): a server that accepts and
 * never answers, or a silent credential plugin, must not leave the screen blank. Pure.
 */
import type { UiState } from './state.js';

/** A wait shorter than this is not mentioned (a normal refresh takes less). */
const WAIT_SHOWN_AFTER_MS = 1000;

/** "waiting for credential plugin NAME… 12 s" or "waiting for the server… 12 s", or undefined. */
export function waitingText(s: Pick<UiState, 'waitingServer' | 'waitingPlugin'>, now: Date): string | undefined {
  const secs = (since: Date): number => Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
  if (s.waitingPlugin) return `waiting for credential plugin ${s.waitingPlugin.name}… ${secs(s.waitingPlugin.since)} s`;
  if (s.waitingServer && now.getTime() - s.waitingServer.getTime() >= WAIT_SHOWN_AFTER_MS)
    return `waiting for the server… ${secs(s.waitingServer)} s`;
  return undefined;
}
