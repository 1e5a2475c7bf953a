/**
 * Hints that name a way to act, written once and rendered per surface: the command line names
 * its flags and commands, the browser names its keys.
 *
 * @example
 *   const h = act('You may list pods in: shop ({}).', 'e.g. -n shop', 'press n and choose shop');
 *   hintText(h, 'cli');      // "You may list pods in: shop (e.g. -n shop)."
 *   hintText(h, 'browser');  // "You may list pods in: shop (press n and choose shop)."
 */

/** A hint whose `text` holds `{}` once, where the surface's way to act goes. */
interface ActionHint {
  text: string;
  cli: string;
  key: string;
}

/** A hint: plain words (the same everywhere), or words with a way to act. */
export type Hint = string | ActionHint;

type Surface = 'cli' | 'browser';

/** A hint with a way to act: `cli` on the command line, `key` in the browser, at `{}` in `text`. */
export function act(text: string, cli: string, key: string): ActionHint {
  return { text, cli, key };
}

/** The hint's words on one surface. */
export function hintText(h: Hint, surface: Surface): string {
  if (typeof h === 'string') return h;
  const i = h.text.indexOf('{}');
  const way = surface === 'cli' ? h.cli : h.key;
  return i < 0 ? `${h.text} ${way}` : h.text.slice(0, i) + way + h.text.slice(i + 2);
}

/** Applies `fn` to every part of a hint (redaction, neutralizing), keeping its shape. */
export function mapHint(h: Hint, fn: (s: string) => string): Hint {
  return typeof h === 'string' ? fn(h) : { text: fn(h.text), cli: fn(h.cli), key: fn(h.key) };
}
