/**
 * Cron schedules as Kubernetes reads them (robfig/cron ParseStandard): five fields — minute,
 * hour, day of month, month, day of week — with `*`, `?`, ranges, steps, lists and names
 * (JAN–DEC, SUN–SAT), the @yearly…@hourly macros and `@every <duration>`, evaluated in a time
 * zone (the CronJob's spec.timeZone, UTC by default). When both day fields are restricted a day
 * matching either runs, as in Vixie cron.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MINUTE = 60_000;
/** Searches at most this far ahead (Feb 29 schedules need four years). */
const HORIZON_MS = 5 * 366 * 24 * 3600 * 1000;

export interface CronSchedule {
  /** The first activation strictly after `after`; undefined when there is none. */
  next(after: Date): Date | undefined;
}

interface Field {
  values: Set<number>;
  /** `*` or `?` without a step: matters for the day-of-month / day-of-week rule. */
  star: boolean;
}

function parseField(text: string, min: number, max: number, names: string[] = []): Field {
  const values = new Set<number>();
  let star = false;
  const value = (token: string): number => {
    const named = names.indexOf(token.toLowerCase());
    if (named >= 0) return named + (min === 1 ? 1 : 0);
    if (!/^\d+$/.test(token)) throw new Error(`failed to parse int from ${token}`);
    return Number(token);
  };
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    let from: number;
    let to: number;
    if (range === '*' || range === '?') {
      [from, to] = [min, max];
      if (stepText === undefined || stepText === '1') star = true;
    } else {
      const [low = '', high] = range.split('-');
      from = value(low);
      to = high === undefined ? (stepText === undefined ? from : max) : value(high);
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0) throw new Error(`invalid step ${stepText}`);
    if (from < min || to > max || from > to)
      throw new Error(`end of range (${to}) above maximum (${max}): ${part}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, star };
}

/** Wall-clock reading of instants in a time zone, and the way back. */
class Zone {
  private readonly format: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The wall-clock time of `instant` as a UTC-based number (a "naive" local time). */
  wall(instant: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(instant)))
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
    return Date.UTC(year, month - 1, day, hour, minute, second) + (instant % 1000);
  }

  /** The instant showing `wall` on the zone's clocks (the later offset inside a DST gap). */
  instant(wall: number): number {
    let guess = wall - (this.wall(wall) - wall);
    const offset = this.wall(guess) - guess;
    guess = wall - offset;
    return guess;
  }
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function parseDuration(text: string): number {
  const units: Record<string, number> = {
    h: 3600_000,
    m: 60_000,
    s: 1000,
    ms: 1,
    us: 0.001,
    µs: 0.001,
    ns: 0.000001,
  };
  let total = 0;
  const pattern = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(text)) !== null) {
    total += Number(match[1]) * (units[match[2] ?? 's'] ?? 0);
    consumed = pattern.lastIndex;
  }
  if (consumed !== text.length || total <= 0) throw new Error(`failed to parse duration ${text}`);
  return Math.max(1000, Math.floor(total / 1000) * 1000);
}

export function parseSchedule(spec: string, timeZone = 'UTC'): CronSchedule {
  let text = spec.trim();
  const tz = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(text);
  if (tz !== null) [timeZone, text] = [tz[1] ?? timeZone, tz[2] ?? ''];
  if (!isValidTimeZone(timeZone))
    throw new Error(`provided bad location ${timeZone}: unknown time zone ${timeZone}`);
  if (text.startsWith('@every ')) {
    const delay = parseDuration(text.slice('@every '.length).trim());
    return { next: (after) => new Date(Math.floor(after.getTime() / 1000) * 1000 + delay) };
  }
  if (text.startsWith('@')) {
    const macro = MACROS[text];
    if (macro === undefined) throw new Error(`unrecognized descriptor: ${text}`);
    text = macro;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: ${text}`);
  const [minute, hour, dom, month, dow] = [
    parseField(fields[0] ?? '', 0, 59),
    parseField(fields[1] ?? '', 0, 23),
    parseField(fields[2] ?? '', 1, 31),
    parseField(fields[3] ?? '', 1, 12, MONTHS),
    parseField(fields[4] ?? '', 0, 6, DAYS),
  ];
  const zone = new Zone(timeZone);
  const dayMatches = (d: Date) => {
    const domMatch = dom.values.has(d.getUTCDate());
    const dowMatch = dow.values.has(d.getUTCDay());
    return dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
  };
  return {
    next(after: Date): Date | undefined {
      const afterMs = after.getTime();
      let w = Math.floor(zone.wall(afterMs) / MINUTE) * MINUTE + MINUTE;
      const limit = w + HORIZON_MS;
      while (w < limit) {
        const d = new Date(w);
        const [y, m, day, h] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()];
        if (!month.values.has(m + 1)) w = Date.UTC(y, m + 1, 1);
        else if (!dayMatches(d)) w = Date.UTC(y, m, day + 1);
        else if (!hour.values.has(h)) w = Date.UTC(y, m, day, h + 1);
        else if (!minute.values.has(d.getUTCMinutes())) w += MINUTE;
        else {
          const instant = zone.instant(w);
          if (instant > afterMs) return new Date(instant);
          w += MINUTE;
        }
      }
      return undefined;
    },
  };
}
