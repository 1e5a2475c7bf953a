/**
 * The generic picker's state and its pure operations. A picker knows nothing about what it
 * lists: whoever opens it gives a title, the items (now or later) and `onChoose`.
 */

/** One entry of a picker list. `id` is what choosing it selects. */
export interface PickerItem {
  id: string;
  label: string;
  detail?: string | undefined;
  /** The current choice, shown with a marker. */
  current?: boolean | undefined;
  /** A result column (the context picker's health checks): pending shows a spinner, failed is red. */
  status?: PickerStatus | undefined;
}

export interface PickerStatus {
  tone: 'pending' | 'ok' | 'failed' | 'skipped';
  text: string;
}

/** What Enter chose: an entry's id, or (with `acceptTyped`) the typed text. */
export interface PickerChoice {
  id: string;
  typed: boolean;
}

/** An open picker: the list, the typed filter, the highlighted entry, and what to do with a choice. */
export interface PickerState {
  title: string;
  items: readonly PickerItem[];
  query: string;
  typing: boolean;
  index: number;
  loading: boolean;
  /** A line under the title, e.g. why the namespace list is partial. */
  note?: string | undefined;
  /** When true, Enter on a query that matches nothing chooses the typed text. */
  acceptTyped: boolean;
  /** Called after the picker has closed, with what was chosen. */
  onChoose: (choice: PickerChoice) => void;
  /** `Tab`: only entries whose status is ok (entries without a status stay). */
  onlyWorking?: boolean | undefined;
  /** `r`: start the entries' checks over (pickers without it take `r` as typed text). */
  refresh?: (() => void) | undefined;
}

/** The items a picker fills in (at once or when loaded). */
export interface PickerFill {
  items: readonly PickerItem[];
  note?: string | undefined;
  acceptTyped?: boolean | undefined;
}

/** A picker that is still loading its items. */
export function newPicker(title: string, onChoose: (choice: PickerChoice) => void): PickerState {
  return { title, items: [], query: '', typing: false, index: 0, loading: true, acceptTyped: false, onChoose };
}

/** Fills in the items; the current entry is highlighted. */
export function fillPicker(p: PickerState, fill: PickerFill): PickerState {
  const cur = fill.items.findIndex((i) => i.current);
  return { ...p, items: fill.items, loading: false, acceptTyped: fill.acceptTyped ?? false, index: cur >= 0 ? cur : 0, note: fill.note };
}

/** The picker entries that match the typed query (and, with `onlyWorking`, whose check passed), in order. */
export function pickerView(p: PickerState): readonly PickerItem[] {
  const q = p.query.toLowerCase();
  const shown = p.onlyWorking ? p.items.filter((i) => !i.status || i.status.tone === 'ok') : p.items;
  return q === '' ? shown : shown.filter((i) => i.label.toLowerCase().includes(q) || i.id.toLowerCase().includes(q));
}

/** New items (e.g. a status filled in) with the highlight kept on the same entry, the query and mode untouched. */
export function pickerItems(p: PickerState, items: readonly PickerItem[]): PickerState {
  const at = pickerView(p)[p.index]?.id;
  const next = { ...p, items };
  const view = pickerView(next);
  const i = at === undefined ? -1 : view.findIndex((x) => x.id === at);
  return { ...next, index: i >= 0 ? i : Math.max(0, Math.min(p.index, view.length - 1)) };
}

/** `Tab`: shows only the working entries, or all again (the highlight stays on its entry when it is still shown). */
export function pickerToggleWorking(p: PickerState): PickerState {
  const at = pickerView(p)[p.index]?.id;
  const next = { ...p, onlyWorking: !p.onlyWorking };
  const i = at === undefined ? -1 : pickerView(next).findIndex((x) => x.id === at);
  return { ...next, index: Math.max(0, i) };
}

/** What Enter in the picker chooses: the highlighted entry, or the typed text when allowed. */
export function pickerChoice(p: PickerState): PickerChoice | undefined {
  const items = pickerView(p);
  const item = items[Math.min(p.index, items.length - 1)];
  const q = p.query.trim();
  if (p.acceptTyped && q !== '' && !items.some((i) => i.id === q) && (item === undefined || p.typing)) return { id: q, typed: true };
  return item ? { id: item.id, typed: false } : undefined;
}

/** Moves the highlight by `delta`, clamped to the filtered list. */
export function pickerMove(p: PickerState, delta: number): PickerState {
  const n = pickerView(p).length;
  return { ...p, index: Math.max(0, Math.min(n - 1, p.index + delta)) };
}

/** Sets the typed filter (the highlight goes back to the first match). */
export function pickerQuery(p: PickerState, query: string, typing: boolean): PickerState {
  return { ...p, query, typing, index: 0 };
}
