/**
 * Text from a cluster or a plugin is never trusted by the terminal: control characters and
 * escape sequences are made visible (caret notation for C0 and DEL, <U+XXXX> for C1 and
 * bidirectional overrides) so they cannot move the cursor, recolour or retitle the screen.
 */

// C0 controls, DEL, C1 controls, and the bidi embedding/override/isolate characters.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Returns `text` with every control character replaced by a visible, inert form. */
export function neutralize(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return '^' + String.fromCharCode(code + 0x40);
    if (code === 0x7f) return '^?';
    return '<U+' + code.toString(16).toUpperCase().padStart(4, '0') + '>';
  });
}

/** Like neutralize, but keeps newlines and tabs (for multi-line messages). */
export function neutralizeMultiline(text: string): string {
  return text
    .split('\n')
    .map((line) => neutralize(line.replace(/\t/g, '    ')))
    .join('\n');
}
