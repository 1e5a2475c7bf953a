/** A clock that ticks once a second for ages and "updated 3s ago", independent of refreshes. */
import { useEffect, useReducer, useRef } from 'react';

/**
 * The current time from `now`, re-read every `everyMs`. With `shown` (the clock-dependent text on
 * screen at a time), a tick draws again only when that text changed: an idle screen costs no frames.
 */
export function useNow(now: () => Date, everyMs = 1000, shown?: (t: Date) => string): Date {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const latest = useRef<Date | undefined>(undefined);
  latest.current ??= now();
  const shownRef = useRef(shown);
  shownRef.current = shown;
  useEffect(() => {
    const id = setInterval(() => {
      const before = latest.current!;
      const t = now();
      latest.current = t;
      const text = shownRef.current;
      if (text && text(before) === text(t)) return;
      redraw();
    }, everyMs);
    return () => clearInterval(id);
  }, [now, everyMs]);
  return latest.current;
}
