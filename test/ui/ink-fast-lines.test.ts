/**
 * The bundle's faster Ink Output.get() (scripts/ink-fast-lines.js) gives every frame the same
 * text as Ink's own: each character with the same styles, whatever the writes (lines filled by one
 * write, shared lines, multi-line writes, clips, transformers, wide characters, lines off the frame).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';

const root = fileURLToPath(new URL('../../..', import.meta.url));
type Transformer = (line: string, index: number) => string;
type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };
interface InkOutput {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type FastGet = (out: InkOutput, slow: () => { output: string; height: number }) => { output: string; height: number };

async function load(): Promise<{ Output: new (o: { width: number; height: number }) => InkOutput; fastGet: FastGet }> {
  const ink = (await import(pathToFileURL(join(root, 'node_modules', 'ink', 'build', 'output.js')).href)) as {
    default: new (o: { width: number; height: number }) => InkOutput;
  };
  const fast = (await import(pathToFileURL(join(root, 'scripts', 'ink-fast-lines.js')).href)) as { kpodsFastGet: FastGet };
  return { Output: ink.default, fastGet: fast.kpodsFastGet };
}

/** Each line as its characters, each with its value and its styles (code order aside). */
function cells(output: string): string[][] {
  return output.split('\n').map((line) =>
    styledCharsFromTokens(tokenize(line)).map(
      (c) =>
        `${c.value}|${c.styles
          .map((s) => s.code)
          .sort()
          .join(',')}`,
    ),
  );
}

const bold: Transformer = (line) => `\u001b[1m${line}\u001b[22m`;
const red: Transformer = (line) => `\u001b[31m${line}\u001b[39m`;
const upper: Transformer = (line) => line.toUpperCase();

type Step = ['w', number, number, string, Transformer[]?] | ['clip', Clip] | ['unclip'];
interface Frame {
  width: number;
  height: number;
  steps: Step[];
}
const frames: Record<string, Frame> = {
  'lines that one write fills, at column 0 and further in': {
    width: 30,
    height: 5,
    steps: [
      ['w', 0, 0, 'header'],
      ['w', 4, 1, 'indented   '],
      ['w', 0, 3, 'last line'],
    ],
  },
  'two writes on a line, and a multi-line write over a single-line one': {
    width: 30,
    height: 6,
    steps: [
      ['w', 0, 0, 'left'],
      ['w', 10, 0, 'right'],
      ['w', 0, 2, 'under'],
      ['w', 2, 1, 'one\ntwo\nthree'],
      ['w', 0, 5, 'alone'],
    ],
  },
  'styled text and transformers (colours, bold, upper case)': {
    width: 40,
    height: 4,
    steps: [
      ['w', 0, 0, 'a \u001b[32mgreen\u001b[39m word', [bold]],
      ['w', 0, 1, 'plain', [upper, red]],
      ['w', 3, 2, '\u001b[7mselected row\u001b[27m   ', [bold]],
    ],
  },
  'clips: inside, cut at the right edge, above and below': {
    width: 20,
    height: 8,
    steps: [
      ['clip', { x1: 0, x2: 10, y1: 1, y2: 5 }],
      ['w', 0, 0, 'above the clip'],
      ['w', 0, 1, 'fits'],
      ['w', 0, 2, 'longer than ten columns', [red]],
      ['w', 2, 3, 'twelve chars'],
      ['w', 0, 5, 'at the bottom edge'],
      ['unclip'],
      ['w', 0, 6, 'after the clip'],
      ['clip', { y1: 7, y2: 8 }],
      ['w', 0, 7, 'vertical clip only'],
      ['unclip'],
    ],
  },
  'wide characters, alone on a line and followed by another write': {
    width: 20,
    height: 3,
    steps: [
      ['w', 0, 0, '名前 ok 🙂'],
      ['w', 0, 1, '漢字'],
      ['w', 4, 1, 'x'],
      ['w', 0, 2, 'e\u0301 combining'],
    ],
  },
  'lines wider than the frame and writes off the frame': {
    width: 8,
    height: 3,
    steps: [
      ['w', 0, 0, 'much wider than eight'],
      ['w', 0, -1, 'above'],
      ['w', 0, 3, 'below'],
      ['w', 0, 2, 'kept'],
    ],
  },
};

/** Ink's own frame and the fast one, each from a fresh Output given the frame's steps. */
async function both(frame: Frame): Promise<{ ink: { output: string; height: number }; fast: { output: string; height: number } }> {
  const { Output, fastGet } = await load();
  const make = (): InkOutput => {
    const out = new Output({ width: frame.width, height: frame.height });
    for (const s of frame.steps) {
      if (s[0] === 'w') out.write(s[1], s[2], s[3], { transformers: s[4] ?? [] });
      else if (s[0] === 'clip') out.clip(s[1]);
      else out.unclip();
    }
    return out;
  };
  const out = make();
  return { ink: make().get(), fast: fastGet(out, () => out.get()) };
}

for (const [name, frame] of Object.entries(frames)) {
  test(`fast Output.get: ${name}`, async () => {
    const { ink, fast } = await both(frame);
    assert.equal(fast.height, ink.height);
    assert.deepEqual(cells(fast.output), cells(ink.output));
  });
}

test('fast Output.get: unstyled lines come out exactly as Ink writes them', async () => {
  const { ink, fast } = await both({
    width: 20,
    height: 3,
    steps: [
      ['w', 0, 0, 'NAME   READY  '],
      ['w', 2, 1, 'pod-a  1/1'],
    ],
  });
  assert.equal(fast.output, 'NAME   READY\n  pod-a  1/1\n');
  assert.equal(fast.output, ink.output);
});
