/** Rounds of concurrent list requests (one per cluster) and their latency percentiles. */

export interface LatencyResult {
  rounds: number;
  p50: number;
  p99: number;
  mean: number;
  /** Objects returned per round (all clusters together), to check both sides list the same. */
  items: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** Runs `warmup` unmeasured rounds, then `rounds` measured ones; a round is all `lists` at once. */
export async function measureRounds(
  lists: (() => Promise<number>)[],
  rounds: number,
  warmup: number,
): Promise<LatencyResult> {
  let items = 0;
  for (let i = 0; i < warmup; i++) await Promise.all(lists.map((list) => list()));
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const counts = await Promise.all(lists.map((list) => list()));
    times.push(performance.now() - start);
    items = counts.reduce((sum, n) => sum + n, 0);
  }
  times.sort((a, b) => a - b);
  return {
    rounds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((sum, t) => sum + t, 0) / times.length,
    items,
  };
}
