/** Texts given as the pieces they arrived in (a response body read piece by piece, never joined). */

/** The number of characters in a text given as pieces. */
export function lengthOf(pieces: readonly string[]): number {
  let n = 0;
  for (const p of pieces) n += p.length;
  return n;
}

/** Whether two texts given as pieces (cut in different places) are the same text. */
export function sameText(a: readonly string[], b: readonly string[]): boolean {
  if (lengthOf(a) !== lengthOf(b)) return false;
  let i = 0;
  let j = 0;
  let ai = 0;
  let bj = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const n = Math.min(x.length - ai, y.length - bj);
    if (!x.startsWith(y.slice(bj, bj + n), ai)) return false;
    ai += n;
    bj += n;
    if (ai === x.length) {
      i++;
      ai = 0;
    }
    if (bj === y.length) {
      j++;
      bj = 0;
    }
  }
  return true;
}
