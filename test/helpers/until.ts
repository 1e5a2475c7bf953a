/**
 * Waits until `cond()` holds, looking again every 10 ms, and fails naming `what` at the deadline:
 * the way to wait on state that changes without a frame (a request count, a process ending).
 */
export async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
