/**
 * A duration the way kubectl prints ages (apimachinery's HumanDuration): exact while short
 * (`45s`, `5m30s`, `2h15m`), coarser as it grows (`3d4h`, `120d`, `2y30d`).
 */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${hours / 24}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/**
 * How long ago a timestamp was, kubectl style; '' without a timestamp. Pages pass a `now` that
 * ticks every few seconds, so an object created since the last tick counts as brand new (0s)
 * rather than as a clock problem.
 */
export function age(timestamp: string | null | undefined, now: number = Date.now()): string {
  if (!timestamp) return '';
  const millis = Date.parse(timestamp);
  return Number.isNaN(millis) ? '' : humanDuration(Math.max(0, now - millis));
}
