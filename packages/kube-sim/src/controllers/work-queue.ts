/**
 * A de-duplicating work queue drained asynchronously (setImmediate), in batches, so controllers
 * react to store changes outside the write that caused them. A failed item is retried with
 * a short backoff.
 */

export class WorkQueue<K> {
  private pending = new Set<K>();
  private scheduled = false;
  private stopped = false;
  private readonly process: (key: K) => void | Promise<void>;
  private readonly retryDelayMs: number;
  private draining: Promise<void> | undefined;

  constructor(process: (key: K) => void | Promise<void>, retryDelayMs = 100) {
    this.process = process;
    this.retryDelayMs = retryDelayMs;
  }

  add(key: K): void {
    if (this.stopped) return;
    this.pending.add(key);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.pending.clear();
  }

  get length(): number {
    return this.pending.size;
  }

  /** Resolves when nothing is pending (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0 || this.draining !== undefined) {
      await (this.draining ?? new Promise((r) => setImmediate(r)));
    }
  }

  private schedule(): void {
    // One drain at a time: items added while draining are picked up when it finishes.
    if (this.scheduled || this.stopped || this.draining !== undefined) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
        if (this.pending.size > 0) this.schedule();
      });
    });
  }

  private async drain(): Promise<void> {
    const batch = this.pending;
    this.pending = new Set();
    for (const key of batch) {
      if (this.stopped) return;
      try {
        await this.process(key);
      } catch (err) {
        console.error('kube-sim: controller work item failed; retrying', err);
        const timer = setTimeout(() => this.add(key), this.retryDelayMs);
        timer.unref();
      }
    }
  }
}
