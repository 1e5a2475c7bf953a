/** Colours as kubectl users read them: running green, pending yellow, failing red. */
import { statusClass } from './rows.js';

/** The Ink colour of a STATUS cell, or undefined when colour is off. */
export function statusColor(status: string, color: boolean): string | undefined {
  if (!color) return undefined;
  switch (statusClass(status)) {
    case 'ok':
      return 'green';
    case 'pending':
      return 'yellow';
    case 'failing':
      return 'red';
    case 'done':
      return 'gray';
  }
}

/** Whether to colour: off with NO_COLOR (any non-empty value) or --no-color. */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  const v = env['NO_COLOR'];
  return v === undefined || v === '';
}

/** Ink's color prop when a colour applies, and no prop at all otherwise (`<Text {...fg(on && 'red')}>`). */
export function fg(color: string | false | undefined): { color?: string } {
  return color ? { color } : {};
}

/**
 * Reverse video for the selected row, written as the terminal's own SGR codes. Ink's `inverse`
 * goes through chalk, which drops every style (not only colour) when the process was started
 * with --no-color; NO_COLOR turns off colour, not emphasis, so the cursor row stays visible and
 * --no-color and NO_COLOR look the same.
 */
export const SELECTED_ON = '\u001b[7m';
export const SELECTED_OFF = '\u001b[27m';
