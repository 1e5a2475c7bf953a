/**
 * Log text made safe for the terminal. By default every control character and escape sequence
 * is shown (neutralize), never obeyed; tabs become spaces to the next multiple of 8. When the
 * user turns colour on, SGR sequences (ESC [ … m) are rendered as colour and style segments and
 * nothing else: cursor movement, erasing, titles, hyperlinks and clipboard writes stay visible text.
 */
import { neutralize } from '../terminal-text.js';

/** Expands tabs to the next multiple of 8 columns. */
export function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  for (const ch of text) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
}

/** A log line as shown without colour: tabs expanded, every control made visible. */
export function displayText(raw: string): string {
  return neutralize(expandTabs(raw));
}

/** The style of a run of text (Ink's Text props; colours are names or #rrggbb). */
export interface SgrStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strikethrough?: boolean;
}

/** A run of safe text and its style. */
export interface Segment {
  text: string;
  style: SgrStyle;
}

const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
const BRIGHT = ['gray', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright'];

const hex = (r: number, g: number, b: number) =>
  '#' + [r, g, b].map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('');

/** The xterm 256-colour palette entry n. */
function color256(n: number): string | undefined {
  if (!(n >= 0 && n <= 255)) return undefined;
  if (n < 8) return NAMES[n];
  if (n < 16) return BRIGHT[n - 8];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return hex(v, v, v);
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return hex(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
}

/** Applies one SGR parameter list to a style (returns a new style). */
function applySgr(style: SgrStyle, params: number[]): SgrStyle {
  const s: SgrStyle = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === 0) for (const k of Object.keys(s)) delete s[k as keyof SgrStyle];
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dimColor = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.inverse = true;
    else if (p === 9) s.strikethrough = true;
    else if (p === 22) {
      delete s.bold;
      delete s.dimColor;
    } else if (p === 23) delete s.italic;
    else if (p === 24) delete s.underline;
    else if (p === 27) delete s.inverse;
    else if (p === 29) delete s.strikethrough;
    else if (p >= 30 && p <= 37) s.color = NAMES[p - 30]!;
    else if (p >= 90 && p <= 97) s.color = BRIGHT[p - 90]!;
    else if (p >= 40 && p <= 47) s.backgroundColor = NAMES[p - 40]!;
    else if (p >= 100 && p <= 107) s.backgroundColor = BRIGHT[p - 100]!;
    else if (p === 39) delete s.color;
    else if (p === 49) delete s.backgroundColor;
    else if (p === 38 || p === 48) {
      const key = p === 38 ? 'color' : 'backgroundColor';
      let c: string | undefined;
      if (params[i + 1] === 5) {
        c = color256(params[i + 2] ?? -1);
        i += 2;
      } else if (params[i + 1] === 2) {
        c = hex(params[i + 2] ?? 0, params[i + 3] ?? 0, params[i + 4] ?? 0);
        i += 4;
      } else break;
      if (c) s[key] = c;
    }
    // Blink, conceal, fonts and anything unknown are ignored: never obeyed.
  }
  return s;
}

// SGR only: ESC [ digits and semicolons m. Anything else stays text and is neutralised.
const SGR = /\u001b\[([0-9;]{0,64})m/g;

/** A line as coloured segments: SGR sequences become styles, everything else is neutralised text. */
export function sgrSegments(raw: string): Segment[] {
  const text = expandTabs(raw);
  const out: Segment[] = [];
  let style: SgrStyle = {};
  let last = 0;
  const emit = (part: string) => {
    if (part === '') return;
    const safe = neutralize(part);
    const prev = out[out.length - 1];
    if (prev && sameStyle(prev.style, style)) prev.text += safe;
    else out.push({ text: safe, style });
  };
  SGR.lastIndex = 0;
  for (let m = SGR.exec(text); m; m = SGR.exec(text)) {
    emit(text.slice(last, m.index));
    const params = m[1] === '' ? [0] : m[1]!.split(';').map((x) => (x === '' ? 0 : Number(x)));
    style = applySgr(style, params);
    last = m.index + m[0].length;
  }
  emit(text.slice(last));
  return out;
}

function sameStyle(a: SgrStyle, b: SgrStyle): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k as keyof SgrStyle] === b[k as keyof SgrStyle]);
}

/** The text of segments without styles (for widths and search). */
export function segmentsText(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}
