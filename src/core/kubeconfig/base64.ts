/**
 * Go's base64.StdEncoding decoding, which kubectl applies to `*-data` fields: padded standard
 * alphabet, CR and LF ignored, anything else (spaces, missing padding, URL alphabet) an error.
 */

const ALPHABET = /[A-Za-z0-9+/]/;

/** Decodes `s` like Go's StdEncoding; on error gives the input byte offset Go reports. */
export function decodeGoBase64(s: string): { ok: true; bytes: Uint8Array } | { ok: false; offset: number } {
  // Positions of significant characters in the original string.
  const chars: Array<{ ch: string; at: number }> = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '\r' || ch === '\n') continue;
    chars.push({ ch, at: i });
  }
  let padStart = -1;
  for (let i = 0; i < chars.length; i++) {
    const { ch, at } = chars[i] as { ch: string; at: number };
    if (ch === '=') {
      if (padStart < 0) padStart = i;
      continue;
    }
    if (padStart >= 0 || !ALPHABET.test(ch)) return { ok: false, offset: padStart >= 0 ? (chars[padStart] as { at: number }).at : at };
  }
  const n = chars.length;
  if (n % 4 !== 0) return { ok: false, offset: s.length - (n % 4 === 1 ? 1 : 0) };
  if (padStart >= 0) {
    const pads = n - padStart;
    // "x===" or "====" cannot be valid: at most two padding characters, never a lone data char.
    if (pads > 2) return { ok: false, offset: (chars[padStart] as { at: number }).at };
  }
  return { ok: true, bytes: new Uint8Array(Buffer.from(chars.map((c) => c.ch).join(''), 'base64')) };
}
