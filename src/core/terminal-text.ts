/**
 * Text from a cluster or a plugin is never trusted by the terminal: control characters, escape
 * sequences, bidirectional controls and invisible format characters are made visible (caret
 * notation for C0 and DEL, <U+XXXX> for the others) so they cannot move the cursor, recolour or
 * retitle the screen, reorder what is shown, or hide text between visible characters.
 */

/**
 * The characters kpods never prints raw: C0 controls, DEL, C1 controls (U+0080–U+009F, e.g.
 * U+009B CSI, U+009D OSC), the soft hyphen, the Arabic letter mark, the Hangul and Mongolian
 * fillers, zero-width space/joiners and LRM/RLM (U+200B–U+200F), line/paragraph separators and
 * bidi embeddings/overrides (U+2028–U+202E), word joiner, invisible operators and bidi isolates
 * (U+2060–U+206F), the BOM / zero-width no-break space, interlinear annotation controls and the
 * tag characters (U+E0000–U+E007F).
 */
const UNSAFE_CLASS =
  '\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u115f\\u1160\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}';
const UNSAFE = new RegExp(`[${UNSAFE_CLASS}]`, 'gu');

/** Tests whether text holds a character neutralize() replaces (no global flag: safe to reuse). */
export const UNSAFE_TEXT = new RegExp(`[${UNSAFE_CLASS}]`, 'u');

/** The visible form of one unsafe character. */
function visible(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20) return '^' + String.fromCharCode(code + 0x40);
  if (code === 0x7f) return '^?';
  return '<U+' + code.toString(16).toUpperCase().padStart(4, '0') + '>';
}

/** Returns `text` with every unsafe character replaced by a visible, inert form. */
export function neutralize(text: string): string {
  return UNSAFE_TEXT.test(text) ? text.replace(UNSAFE, visible) : text;
}

/** Like neutralize, but keeps newlines and tabs (for multi-line messages). */
export function neutralizeMultiline(text: string): string {
  return text
    .split('\n')
    .map((line) => neutralize(line.replace(/\t/g, '    ')))
    .join('\n');
}

/**
 * The characters a JSON writer escapes beyond JSON's own C0 set, so a terminal showing the JSON
 * cannot be driven by it: the unsafe set above minus C0 (already escaped by JSON), plus `<`, `>`,
 * `&` (as Go's encoder does). Astral tag characters are matched as their surrogate pairs.
 */
const JSON_ESCAPE =
  /[<>&\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

const JSON_ESCAPE_TERMINAL = new RegExp(JSON_ESCAPE.source.replace('<>&', ''), 'g');

function unicodeEscape(m: string): string {
  let out = '';
  for (let i = 0; i < m.length; i++) out += '\\u' + m.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

/** Escapes every JSON_ESCAPE match of an already JSON-encoded string as \uXXXX (UTF-16 units). */
export function escapeJsonUnsafe(encoded: string): string {
  return encoded.replace(JSON_ESCAPE, unicodeEscape);
}

/** JSON.stringify for kpods' own JSON output, with the terminal-unsafe characters escaped as \uXXXX. */
export function terminalSafeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(JSON_ESCAPE_TERMINAL, unicodeEscape);
}

/** `text` cut to `max` characters, the cut marked with the full length ("… (31,457,280 characters)"). */
export function capText(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** A string quoted for a message (JSON-quoted), cut as capText does: a 31 MB name is never echoed whole. */
export function quoteCapped(text: string, max = 120): string {
  return JSON.stringify(capText(text, max));
}

/** Every line of a message cut to `max` characters (the last net before output). */
export function capLines(text: string, max = 4000): string {
  return text.length <= max
    ? text
    : text
        .split('\n')
        .map((l) => capText(l, max))
        .join('\n');
}
