export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Checked before every attempt: a reason to give up at once (e.g. the process died). */
  giveUp?: () => string | undefined;
}

/**
 * Polls `check` until it returns a value other than undefined, or `timeoutMs` passes. Errors
 * thrown by `check` count as "not yet" (the last one is reported on timeout).
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 60_000, intervalMs = 200, giveUp }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const reason = giveUp?.();
    if (reason) throw new Error(`gave up waiting for ${what}: ${reason}`);
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
