/** Date formatting shared by date, ls, stat and tar: strftime in UTC (containers run in UTC). */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const p2 = (n: number) => String(n).padStart(2, '0');

export function monthAbbrev(date: Date): string {
  return (MONTHS[date.getUTCMonth()] as string).slice(0, 3);
}

/** strftime for the conversions `date +FORMAT` users reach for. */
export function strftime(format: string, date: Date, nanos = date.getUTCMilliseconds() * 1_000_000): string {
  const day = DAYS[date.getUTCDay()] as string;
  const month = MONTHS[date.getUTCMonth()] as string;
  const hour = date.getUTCHours();
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  const conversions: Record<string, () => string> = {
    a: () => day.slice(0, 3),
    A: () => day,
    b: () => month.slice(0, 3),
    h: () => month.slice(0, 3),
    B: () => month,
    c: () => strftime('%a %b %e %H:%M:%S %Y', date),
    C: () => p2(Math.floor(date.getUTCFullYear() / 100)),
    d: () => p2(date.getUTCDate()),
    D: () => strftime('%m/%d/%y', date),
    e: () => String(date.getUTCDate()).padStart(2, ' '),
    F: () => strftime('%Y-%m-%d', date),
    H: () => p2(hour),
    I: () => p2(hour % 12 || 12),
    j: () => String(Math.floor((date.getTime() - startOfYear) / 86_400_000) + 1).padStart(3, '0'),
    k: () => String(hour).padStart(2, ' '),
    m: () => p2(date.getUTCMonth() + 1),
    M: () => p2(date.getUTCMinutes()),
    n: () => '\n',
    N: () => String(nanos).padStart(9, '0'),
    p: () => (hour < 12 ? 'AM' : 'PM'),
    r: () => strftime('%I:%M:%S %p', date),
    R: () => strftime('%H:%M', date),
    s: () => String(Math.floor(date.getTime() / 1000)),
    S: () => p2(date.getUTCSeconds()),
    t: () => '\t',
    T: () => strftime('%H:%M:%S', date),
    u: () => String(date.getUTCDay() || 7),
    w: () => String(date.getUTCDay()),
    y: () => p2(date.getUTCFullYear() % 100),
    Y: () => String(date.getUTCFullYear()),
    z: () => '+0000',
    Z: () => 'UTC',
    '%': () => '%',
  };
  return format.replace(/%([a-zA-Z%])/g, (all, c: string) => conversions[c]?.() ?? all);
}

/** `ls -l` time column: `Jan  2 03:04` when recent, `Jan  2  2024` otherwise. */
export function lsTime(mtime: Date, now: Date, busybox: boolean): string {
  const age = now.getTime() - mtime.getTime();
  const sixMonths = ((365 * 24 * 3600) / 2) * 1000;
  const recent = busybox ? age < sixMonths && age > -15 * 60_000 : age < sixMonths && age >= -60_000;
  return recent ? strftime('%b %e %H:%M', mtime) : `${strftime('%b %e', mtime)}  ${mtime.getUTCFullYear()}`;
}

/** `2024-01-02 03:04:05.000000000 +0000`, the stat(1) timestamp format. */
export function statTime(date: Date): string {
  return strftime('%Y-%m-%d %H:%M:%S.%N +0000', date);
}
