/**
 * The `-l` selector part of the `/` filter, applied by the server. A new selector is first put
 * to the server: when it refuses it (400), the footer says why and the previous filter stays
 * (see filter-check.ts).
 */
import type { KubeClient } from '../core/client/types.js';
import { labelSelectorOf } from './rows.js';
import { checkSelector } from './filter-check.js';
import type { Store } from './store.js';

/** What a new filter is checked against, and what switching to it does. */
export interface FilterContext {
  client: KubeClient | undefined;
  namespace: string | undefined;
  signal: AbortSignal;
  /** Re-lists with the new selector (called once it is accepted). */
  relist(): void;
}

export class ServerFilter {
  private selector: string | undefined;
  /** The `/` filter as last applied (restored when the server refuses a new selector). */
  private applied = '';
  private checks = 0;

  constructor(private readonly store: Store) {}

  /** The `-l` selector the server applies (undefined: none). */
  get labelSelector(): string | undefined {
    return this.selector;
  }

  /** Applies the `/` filter's input: re-lists (after the server's check) when its selector changed. */
  set(input: string, ctx: FilterContext): void {
    const sel = labelSelectorOf(input);
    const check = ++this.checks;
    if (sel === this.selector) {
      this.applied = input;
      return;
    }
    const previous = this.applied;
    const use = (): void => {
      this.selector = sel;
      this.applied = input;
      ctx.relist();
    };
    const { client, signal } = ctx;
    if (sel === undefined || !client) return use();
    void checkSelector(client, ctx.namespace, sel, signal).then((refused) => {
      if (signal.aborted || check !== this.checks) return;
      if (!refused) return use();
      this.store.dispatch({ type: 'filter-set', text: previous });
      this.store.dispatch({ type: 'message', text: refused });
    });
  }

  /** Before the first list: the table starts with `-l selector` (`/` shows it, Esc clears it). */
  startWith(selector: string): void {
    const input = `-l ${selector}`;
    this.selector = labelSelectorOf(input);
    this.applied = input;
    this.store.dispatch({ type: 'filter-set', text: input });
  }
}
