/** Holds the UI state outside React (so Ink can be unmounted and resumed) and coalesces repaints. */
import { initialState, reduce, type Action, type UiState } from './state.js';

export interface Store {
  getState(): UiState;
  dispatch(action: Action): void;
  /** Calls `fn` after changes, at most once per frame; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void;
  /**
   * Tells the listeners now about changes still waiting for their frame: a key press is drawn at
   * once, not up to a frame later behind a refresh drawn just before it.
   */
  flush(): void;
}

/** Creates a store; listeners are told about changes at most every `frameMs` milliseconds. */
export function createStore(state: UiState = initialState(), frameMs = 33): Store {
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  const notify = (): void => {
    timer = undefined;
    last = performance.now();
    for (const fn of [...listeners]) fn();
  };
  return {
    getState: () => state,
    dispatch(action) {
      const next = reduce(state, action);
      if (next === state) return;
      state = next;
      if (timer) return;
      const wait = Math.max(0, last + frameMs - performance.now());
      timer = setTimeout(notify, wait);
    },
    flush() {
      if (!timer) return;
      clearTimeout(timer);
      notify();
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => {
        listeners.delete(fn);
        if (listeners.size === 0 && timer) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },
  };
}
