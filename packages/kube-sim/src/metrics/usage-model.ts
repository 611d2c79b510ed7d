/**
 * The simulated resource usage: a deterministic function of cluster time, so tests predict
 * exact values and dashboards show smooth, believable curves. For a running container with
 * load L (pod annotation `sim.atrium.dev/load`, default 0.2) that started at s, at time t
 * (e = t − s seconds):
 *
 *   wobble(e)      = 1 + 0.1 · sin(2π · e / 600)                  (a 10-minute swell)
 *   cpu cores      = L · cpuBase · wobble(e)                       cpuBase = limit, else request, else 0.1
 *   cpu seconds    = L · cpuBase · W(e),  W(e) = e + 0.1 · 600/2π · (1 − cos(2π · e / 600))
 *   memory bytes   = min(memBase, L · memBase · (1 + 0.05 · sin(2π · e / 600)))
 *                                                                  memBase = limit, else request, else 128Mi
 *   fs reads/writes = L · 20 kB/s and L · 40 kB/s, integrated
 * A pod's network: L · 200 kB/s received and L · 100 kB/s sent, times wobble, integrated
 * (counters only grow). A load change starts a new segment, so counters never jump back.
 */

export const DEFAULT_LOAD = 0.2;
export const LOAD_ANNOTATION = 'sim.atrium.dev/load';
export const WOBBLE_PERIOD_S = 600;
const WOBBLE = 0.1;
const MEMORY_WOBBLE = 0.05;
export const DEFAULT_CPU_CORES = 0.1;
export const DEFAULT_MEMORY_BYTES = 128 * 2 ** 20;
export const RX_BYTES_PER_S = 200_000;
export const TX_BYTES_PER_S = 100_000;
export const FS_READ_BYTES_PER_S = 20_000;
export const FS_WRITE_BYTES_PER_S = 40_000;

/** The load knob of a pod: a non-negative number, or the default. */
export function loadOf(annotations: Record<string, string> | undefined): number {
  const text = annotations?.[LOAD_ANNOTATION];
  if (text === undefined) return DEFAULT_LOAD;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_LOAD;
}

export function wobble(elapsedS: number): number {
  return 1 + WOBBLE * Math.sin((2 * Math.PI * elapsedS) / WOBBLE_PERIOD_S);
}

/** ∫₀ᵉ wobble: the wobbling seconds a counter integrates over. */
export function wobbleIntegral(elapsedS: number): number {
  const e = Math.max(0, elapsedS);
  return (
    e + ((WOBBLE * WOBBLE_PERIOD_S) / (2 * Math.PI)) * (1 - Math.cos((2 * Math.PI * e) / WOBBLE_PERIOD_S))
  );
}

export function cpuCores(load: number, cpuBase: number, elapsedS: number): number {
  return load * cpuBase * wobble(elapsedS);
}

export function memoryBytes(load: number, memBase: number, elapsedS: number): number {
  const bytes = load * memBase * (1 + MEMORY_WOBBLE * Math.sin((2 * Math.PI * elapsedS) / WOBBLE_PERIOD_S));
  return Math.floor(Math.min(memBase, bytes));
}

/** A counter of `ratePerS × load`, wobbling or flat, between two elapsed times of one segment. */
export function integrate(
  ratePerS: number,
  load: number,
  fromS: number,
  toS: number,
  wobbling: boolean,
): number {
  if (toS <= fromS) return 0;
  return wobbling
    ? ratePerS * load * (wobbleIntegral(toS) - wobbleIntegral(fromS))
    : ratePerS * load * (toS - fromS);
}
