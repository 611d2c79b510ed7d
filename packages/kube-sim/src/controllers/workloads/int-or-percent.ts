/** intstr.GetScaledValueFromIntOrPercent and the rolling-update fenceposts built on it. */

export function scaledValue(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const match = /^(\d+)%$/.exec(value);
    if (match) {
      const exact = (Number(match[1]) * total) / 100;
      return roundUp ? Math.ceil(exact) : Math.floor(exact);
    }
    const n = Number(value);
    if (Number.isInteger(n)) return n;
  }
  return 0;
}

/**
 * maxSurge rounds up and maxUnavailable rounds down; both zero would deadlock a rollout, so
 * maxUnavailable becomes 1 then (deploymentutil.ResolveFenceposts).
 */
export function resolveFenceposts(
  maxSurge: unknown,
  maxUnavailable: unknown,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? '25%', desired, true);
  const unavailable = scaledValue(maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) return { surge, unavailable: 1 };
  return { surge, unavailable };
}
