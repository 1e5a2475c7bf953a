/** A clock that ticks once a second for ages and "updated 3s ago", independent of refreshes. */
import { useEffect, useState } from 'react';

/** The current time from `now`, re-read every `everyMs`. */
export function useNow(now: () => Date, everyMs = 1000): Date {
  const [t, setT] = useState(now);
  useEffect(() => {
    const id = setInterval(() => setT(now()), everyMs);
    return () => clearInterval(id);
  }, [now, everyMs]);
  return t;
}
