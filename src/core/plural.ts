/** A count with its noun: "1 restart" / "12 restarts" (nouns that take an s). */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
