/**
 * Redaction of text that arrives in pieces, such as an exec plugin's stderr shown live: a secret
 * split across two pieces must not slip through because neither piece holds all of it. A secret
 * (a token, a JWT, a base64 key line) is a run of non-blank characters, so the run that ends a
 * piece is held back until the next piece, a blank or the end shows where it stops. An unfinished
 * private-key PEM block is held from its BEGIN line. Text past a blank is released at once, so a
 * prompt that ends in ": " is shown while the plugin waits for an answer. Pure: no timers, no I/O.
 */

/** Held text is released anyway past this size (a plugin streaming one endless word). */
const MAX_HELD = 64 * 1024;
/** A held run this short that starts a known secret is withheld when released without its end. */
const MIN_PARTIAL = 4;
/** How far back from its end a released run is searched for the start of a secret. */
const MAX_PARTIAL_SCAN = 8 * 1024;
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/g;
const PEM_END = /-----END [A-Z0-9 ]*PRIVATE KEY-----/;
/** The unfinished start of a BEGIN line at the end of the text (its blanks would split it as a run). */
const PEM_BEGIN_START = /(?<![A-Za-z0-9-])-{1,5}(?:B(?:E(?:G(?:I(?:N(?: [A-Z0-9 -]*)?)?)?)?)?)?$/;

export interface StreamSecrets {
  /** `text` with every known secret and secret shape replaced. */
  redact(text: string): string;
  /** True when some known secret begins with `text`. */
  startsSecret(text: string): boolean;
}

export class StreamRedactor {
  private held = '';

  constructor(private readonly secrets: StreamSecrets) {}

  /** The part of everything received so far that can be shown now, redacted. */
  push(piece: string): string {
    const text = this.held + piece;
    const at = holdFrom(text);
    if (at === text.length || text.length - at > MAX_HELD) {
      this.held = '';
      return this.secrets.redact(text);
    }
    this.held = text.slice(at);
    return this.secrets.redact(text.slice(0, at));
  }

  /**
   * The held text, released because the writer paused or ended. A run that ends with the start of
   * a known secret (its end never came) has that start withheld.
   */
  flush(): string {
    const h = this.held;
    this.held = '';
    for (let i = Math.max(0, h.length - MAX_PARTIAL_SCAN); i <= h.length - MIN_PARTIAL; i++) {
      if (this.secrets.startsSecret(h.slice(i))) return `${this.secrets.redact(h.slice(0, i))}<redacted>`;
    }
    return this.secrets.redact(h);
  }

  /** True when some text is held back. */
  get holding(): boolean {
    return this.held !== '';
  }
}

/** Where the held tail of `text` starts (`text.length` when nothing needs holding). */
function holdFrom(text: string): number {
  // A complete private-key block is redacted whole; an unfinished one is held from its BEGIN line.
  let complete = 0;
  for (const m of text.matchAll(PEM_BEGIN)) {
    if (m.index < complete) continue;
    const end = PEM_END.exec(text.slice(m.index));
    if (!end) return m.index;
    complete = m.index + end.index + end[0].length;
  }
  const begin = PEM_BEGIN_START.exec(text);
  if (begin && begin.index >= complete) return begin.index;
  const run = /\S+$/.exec(text);
  return run ? Math.max(run.index, complete) : text.length;
}
