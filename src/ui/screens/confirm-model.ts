/** The generic Confirm screen's state: what will happen, and what to do when confirmed. */

export interface ConfirmState {
  /** A question, e.g. "Save to the kubeconfig?". */
  title: string;
  /** What will happen, one line each (e.g. the file and the values that change). */
  lines: readonly string[];
  /** Called after the screen has closed, when the user pressed y or Enter (any other key cancels). */
  onConfirm: () => void;
  /** Replaces the keys line (e.g. "any key closes" for a report). */
  footer?: string;
}
