/** Time source, injected everywhere so tests can move time without sleeping. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Timestamps are stored as epoch milliseconds and leave the API as ISO-8601 strings. */
export function toIsoTime(epochMillis: number): string;
export function toIsoTime(epochMillis: number | null): string | null;
export function toIsoTime(epochMillis: number | null): string | null {
  return epochMillis === null ? null : new Date(epochMillis).toISOString();
}
