/**
 * Naming keys: an Ink key event as the keymap writes keys ("j", "G", "down", "ctrl+c", "enter"),
 * the special names `text` and `other`, and how a key is written on screen (footer, help).
 */

/**
 * Special key names: `text` is any printable character (typed into the screen's text), `other`
 * is any key no other binding of the scope takes (the confirm screen's "anything else cancels").
 */
export const TEXT = 'text';
export const OTHER = 'other';

/** The subset of Ink's key object kpods reads. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  backspace?: boolean;
  delete?: boolean;
  tab?: boolean;
  shift?: boolean;
}

/** Names an Ink key event the way KEYMAP writes keys ("j", "G", "down", "ctrl+c", "enter"). */
export function keyName(input: string, key: KeyInfo): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.backspace || key.delete) return 'backspace';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.ctrl) return `ctrl+${input}`;
  return input;
}

/** True for a key that types a character (not a control key, not a named key). */
export function isPrintable(name: string): boolean {
  return [...name].length === 1 && !/[\u0000-\u001f\u007f]/.test(name);
}

/** How a key is written on screen. */
export function displayKey(k: string): string {
  const names: Record<string, string> = {
    enter: 'Enter',
    escape: 'Esc',
    up: '↑',
    down: '↓',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    backspace: 'Bksp',
    ' ': 'Space',
    [TEXT]: 'a-z…',
    [OTHER]: 'other keys',
  };
  if (names[k]) return names[k];
  if (k.startsWith('ctrl+')) return `Ctrl-${k.slice(5).toUpperCase()}`;
  return k;
}
