import { describe, expect, it } from 'vitest';
import { parseSchedule } from './cron-schedule.ts';

function runs(schedule: string, from: string, count: number, timeZone?: string): string[] {
  const parsed = parseSchedule(schedule, timeZone);
  const result: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < count; i++) {
    const next = parsed.next(at);
    if (next === undefined) break;
    result.push(next.toISOString().replace('.000', ''));
    at = next;
  }
  return result;
}

describe('cron schedules', () => {
  it('steps, ranges and lists', () => {
    expect(runs('*/15 * * * *', '2025-01-01T00:00:00Z', 3)).toEqual([
      '2025-01-01T00:15:00Z',
      '2025-01-01T00:30:00Z',
      '2025-01-01T00:45:00Z',
    ]);
    expect(runs('0 9-17/4 * * *', '2025-01-01T10:00:00Z', 3)).toEqual([
      '2025-01-01T13:00:00Z',
      '2025-01-01T17:00:00Z',
      '2025-01-02T09:00:00Z',
    ]);
    expect(runs('5,35 1 * * *', '2025-01-01T01:05:00Z', 2)).toEqual([
      '2025-01-01T01:35:00Z',
      '2025-01-02T01:05:00Z',
    ]);
    expect(runs('10/20 * * * *', '2025-01-01T00:00:00Z', 3)).toEqual([
      '2025-01-01T00:10:00Z',
      '2025-01-01T00:30:00Z',
      '2025-01-01T00:50:00Z',
    ]);
  });

  it('month and weekday names, and either day field matching when both are restricted', () => {
    expect(runs('0 0 * FEB mon-wed', '2025-01-31T00:00:00Z', 3)).toEqual([
      '2025-02-03T00:00:00Z',
      '2025-02-04T00:00:00Z',
      '2025-02-05T00:00:00Z',
    ]);
    // The 13th or any Friday.
    expect(runs('0 12 13 * 5', '2025-06-11T00:00:00Z', 3)).toEqual([
      '2025-06-13T12:00:00Z',
      '2025-06-20T12:00:00Z',
      '2025-06-27T12:00:00Z',
    ]);
    expect(runs('0 0 29 2 *', '2025-01-01T00:00:00Z', 1)).toEqual(['2028-02-29T00:00:00Z']);
  });

  it('macros and @every', () => {
    expect(runs('@hourly', '2025-01-01T00:30:00Z', 2)).toEqual([
      '2025-01-01T01:00:00Z',
      '2025-01-01T02:00:00Z',
    ]);
    expect(runs('@weekly', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-01-05T00:00:00Z']);
    expect(runs('@yearly', '2025-03-01T00:00:00Z', 1)).toEqual(['2026-01-01T00:00:00Z']);
    expect(runs('@every 1h30m', '2025-01-01T00:00:00Z', 2)).toEqual([
      '2025-01-01T01:30:00Z',
      '2025-01-01T03:00:00Z',
    ]);
  });

  it('is evaluated in the time zone, across daylight saving changes', () => {
    // 09:00 in Tokyo is midnight UTC; "after midnight UTC" means the next day.
    expect(runs('0 9 * * *', '2025-01-01T00:00:00Z', 1, 'Asia/Tokyo')).toEqual(['2025-01-02T00:00:00Z']);
    // New York switches to EDT on 2025-03-09: 09:00 local moves from 14:00Z to 13:00Z.
    expect(runs('0 9 * * *', '2025-03-08T00:00:00Z', 2, 'America/New_York')).toEqual([
      '2025-03-08T14:00:00Z',
      '2025-03-09T13:00:00Z',
    ]);
  });

  it('rejects what robfig/cron rejects', () => {
    expect(() => parseSchedule('* * * *')).toThrow(/expected exactly 5 fields/);
    expect(() => parseSchedule('61 * * * *')).toThrow();
    expect(() => parseSchedule('@fortnightly')).toThrow(/unrecognized descriptor/);
    expect(() => parseSchedule('* * * * *', 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});
