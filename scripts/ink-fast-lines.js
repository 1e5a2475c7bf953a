// Injected into Ink's output.js by scripts/bundle.js (inkFrameCaches): a faster Output.get().
// Ink builds every frame as a grid of one object per cell: each line written is tokenised into
// styled characters, placed, and turned back into text. A line that exactly one write fills (no
// other write on it, not cut by its clip, one line of text) comes out as that write's text after
// its transformers, with the columns before it as spaces: the same text (its style codes may be
// written in another but equivalent order), without the grid. The other lines go through Ink's own
// code (`slow`, given the other writes). test/ui/ink-fast-lines.test.ts compares both.
// The functions are exported for the test; the bundler injects them without the `export`.
export function kpodsFastGet(out, slow) {
  const ops = out.operations;
  const whole = new Map();
  const busy = new Set();
  const clips = [];
  for (const op of ops) {
    if (op.type === 'clip') clips.push(op.clip);
    else if (op.type === 'unclip') clips.pop();
    else if (op.type === 'write') {
      const nl = op.text.indexOf('\n');
      if (nl < 0 && Number.isInteger(op.x) && op.x >= 0 && !busy.has(op.y) && kpodsUnclipped(out, op, clips.at(-1))) {
        if (whole.has(op.y)) {
          whole.delete(op.y);
          busy.add(op.y);
        } else whole.set(op.y, op);
      } else {
        const n = nl < 0 ? 1 : op.text.split('\n').length;
        for (let i = 0; i < n; i++) {
          busy.add(op.y + i);
          whole.delete(op.y + i);
        }
      }
    }
  }
  for (const y of whole.keys()) if (!(y >= 0 && y < out.height && Number.isInteger(y))) whole.delete(y);
  if (whole.size === 0) return slow();
  out.operations = ops.filter((op) => !(op.type === 'write' && whole.get(op.y) === op));
  let result;
  try {
    result = slow();
  } finally {
    out.operations = ops;
  }
  const lines = result.output.split('\n');
  for (const [y, op] of whole) {
    let line = op.text;
    for (const transformer of op.transformers) line = transformer(line, 0);
    lines[y] = (' '.repeat(op.x) + line).trimEnd();
  }
  return { output: lines.join('\n'), height: result.height };
}
export function kpodsUnclipped(out, op, clip) {
  if (!clip) return true;
  if (typeof clip.x1 === 'number' && typeof clip.x2 === 'number') {
    if (op.x < clip.x1 || op.x + out.caches.getStringWidth(op.text) > clip.x2) return false;
  }
  if (typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
    if (op.y < clip.y1 || op.y + 1 > clip.y2) return false;
  }
  return true;
}
