/**
 * Go's base64.StdEncoding decoding, which kubectl applies to `*-data` fields: padded standard
 * alphabet, CR and LF ignored, anything else (spaces, missing padding, URL alphabet) an error
 * reported at the same input byte Go reports.
 */

const DECODE = new Int16Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (DECODE[c.charCodeAt(0)] = i));
const PAD = 0x3d;
const isNewline = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;

/** Padded standard base64 on one line: what kubectl and other tools write, and what Node decodes the same way Go does. */
const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes `s` like Go's StdEncoding.Decode; on error gives Go's CorruptInputError offset. */
export function decodeGoBase64(s: string): { ok: true; bytes: Uint8Array } | { ok: false; offset: number } {
  // The byte-by-byte decoder below costs a start-up ~10 ms on a kubeconfig with a dozen embedded certificates.
  if (CANONICAL.test(s)) {
    const b = Buffer.from(s, 'base64');
    return { ok: true, bytes: new Uint8Array(b.buffer, b.byteOffset, b.length) };
  }
  const src = Buffer.from(s, 'utf8');
  const out: number[] = [];
  let si = 0;
  for (;;) {
    const q = [0, 0, 0, 0];
    let dlen = 4;
    let j = 0;
    let end = false;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { ok: true, bytes: Uint8Array.from(out) };
        return { ok: false, offset: si - j };
      }
      const b = src[si] as number;
      si++;
      const v = DECODE[b] ?? -1;
      if (v >= 0) {
        q[j] = v;
        continue;
      }
      if (isNewline(b)) {
        j--;
        continue;
      }
      if (b !== PAD) return { ok: false, offset: si - 1 };
      if (j < 2) return { ok: false, offset: si - 1 };
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return { ok: false, offset: src.length };
        if (src[si] !== PAD) return { ok: false, offset: si - 1 };
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) return { ok: false, offset: si };
      dlen = j;
      end = true;
      break;
    }
    const n = ((q[0] as number) << 18) | ((q[1] as number) << 12) | ((q[2] as number) << 6) | (q[3] as number);
    const bytes = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (end) return { ok: true, bytes: Uint8Array.from(out) };
  }
}
