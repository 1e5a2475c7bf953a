/** The full-height status pane's state: where it is scrolled and how much fits. */

export interface PaneState {
  /** The first line shown (of the lines under the title and the stage bar). */
  scroll: number;
  /** The lines that fit and the furthest scroll, from the layout (App keeps them current). */
  room: number;
  max: number;
}

/** The furthest scroll and the lines that fit, for a body of `height` lines (title and stage bar take two). */
export function paneLimits(lines: number, height: number): Pick<PaneState, 'room' | 'max'> {
  const room = Math.max(1, height - 2);
  return { room, max: Math.max(0, lines - room) };
}
