/**
 * Turns of the event loop handed out one at a time. Work cut into slices (a long poll answer read
 * a thousand rows at a time) takes a turn before each slice: however many answers arrive
 * together, one slice runs per turn, and a key press waiting meanwhile is handled between two.
 */
export class Turns {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  /** Resolves at the start of a later turn, after those who asked before. */
  readonly take = (): Promise<void> =>
    new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.next);
      }
    });

  private readonly next = (): void => {
    this.waiting.shift()?.();
    if (this.waiting.length > 0) setImmediate(this.next);
    else this.scheduled = false;
  };
}
