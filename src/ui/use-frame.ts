/**
 * What the screen draws from: the store's state and the clock, read again after every store change
 * and once a second, and drawn only when what is visible changed. The visible signature includes
 * the clock-dependent texts on screen at that time (ages, "STALE … 12s ago"), so a tick that
 * changes no text on screen, a refresh that brings the same rows, and a request that starts and
 * ends within a second cost no frame.
 */
import { useEffect, useRef, useState } from 'react';

/** Remembers what the last frame showed; says whether a state at a time shows something else. */
export class FrameGate<S> {
  private shown: readonly unknown[] | undefined;
  private shownSlow: readonly unknown[] = [];
  private shownAt = Number.NEGATIVE_INFINITY;

  /**
   * `slow`: what the screen shows that may wait until `slowMs` after the last frame when it alone
   * changed (the pod count, flickering while pods come and go off screen); it is drawn with the
   * next frame, or once that long has passed (useFrame checks again every second).
   */
  constructor(
    private readonly signature: (state: S, now: Date) => readonly unknown[],
    private readonly slow?: (state: S) => readonly unknown[],
    private readonly slowMs = 2000,
  ) {}

  /** True (and remembered as shown) when `state` at `now` shows something the last frame did not. */
  offer(state: S, now: Date): boolean {
    const sig = this.signature(state, now);
    const slow = this.slow?.(state) ?? [];
    const same = (a: readonly unknown[] | undefined, b: readonly unknown[]): boolean =>
      a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
    if (same(this.shown, sig) && (same(this.shownSlow, slow) || now.getTime() - this.shownAt < this.slowMs)) return false;
    this.shown = sig;
    this.shownSlow = slow;
    this.shownAt = now.getTime();
    return true;
  }
}

/** A store as the frame hook reads it. */
export interface FrameSource<S> {
  getState(): S;
  subscribe(fn: () => void): () => void;
}

/** The state and time the screen shows; re-rendered only when `signature` changes (checked on store changes and every `everyMs`). */
export function useFrame<S>(
  source: FrameSource<S>,
  clock: () => Date,
  signature: (state: S, now: Date) => readonly unknown[],
  everyMs = 1000,
  slow?: (state: S) => readonly unknown[],
): { state: S; now: Date } {
  const [frame, setFrame] = useState(() => ({ state: source.getState(), now: clock() }));
  const signatureRef = useRef(signature);
  signatureRef.current = signature;
  const slowRef = useRef(slow);
  const first = useRef(frame);
  useEffect(() => {
    const gate = new FrameGate<S>((s, t) => signatureRef.current(s, t), slowRef.current);
    gate.offer(first.current.state, first.current.now);
    const check = (): void => {
      const state = source.getState();
      const now = clock();
      if (gate.offer(state, now)) setFrame({ state, now });
    };
    check();
    const unsubscribe = source.subscribe(check);
    const id = setInterval(check, everyMs);
    return () => {
      unsubscribe();
      clearInterval(id);
    };
  }, [source, clock, everyMs]);
  return frame;
}
