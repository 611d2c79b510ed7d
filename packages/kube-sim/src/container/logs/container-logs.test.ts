import { describe, expect, it } from 'vitest';
import {
  containerLogEntries,
  containerLogLines,
  followContainerLog,
  formatLogTimestamp,
  nextLogLineAt,
  type ContainerLogOptions,
} from './container-logs.ts';
import { CRASH_AFTER_MS, LOG_INTERVAL_MS } from './log-profile.ts';

const START = new Date('2024-05-01T10:00:00Z');
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);
const nginx: ContainerLogOptions = {
  namespace: 'shop',
  pod: 'web-1',
  container: 'nginx',
  image: 'nginx:1.27',
  startedAt: START,
  restartCount: 0,
  now: at(60),
};
const api: ContainerLogOptions = {
  ...nginx,
  pod: 'api-1',
  container: 'api',
  image: 'registry.example.com/shop/api:2.3.1',
};
const crashy: ContainerLogOptions = {
  ...nginx,
  pod: 'job-1',
  container: 'worker',
  image: 'registry.example.com/shop/crash-worker:1.0',
  restartCount: 3,
};

describe('containerLogLines', () => {
  it('is a pure function of its inputs', () => {
    expect(containerLogLines(nginx)).toEqual(containerLogLines({ ...nginx }));
    expect(containerLogLines(nginx)).not.toEqual(containerLogLines({ ...nginx, pod: 'web-2' }));
  });

  it('starts nginx with its entrypoint banner, then one access-log line every 2 s', () => {
    const lines = containerLogLines({ ...nginx, now: at(7) });
    expect(lines.slice(0, 4)).toEqual([
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ]);
    expect(lines[5]).toBe('2024/05/01 10:00:00 [notice] 1#1: nginx/1.27.3');
    const access = lines.slice(7);
    expect(access).toHaveLength(3);
    expect(access[0]).toMatch(
      /^10\.244\.\d+\.\d+ - - \[01\/May\/2024:10:00:02 \+0000\] "GET \/\S*\?seq=8 HTTP\/1\.1" \d{3} \d+ "-" "[^"]+" "-"$/,
    );
  });

  it('writes JSON lines with sequence numbers for other images', () => {
    const entries = containerLogEntries({ ...api, now: at(20) });
    const periodic = entries
      .slice(3)
      .map((e) => JSON.parse(e.text) as { seq: number; ts: string; level: string });
    expect(JSON.parse(entries[0]?.text ?? '{}')).toMatchObject({
      level: 'info',
      msg: 'starting api',
      version: '2.3.1',
    });
    expect(periodic.map((l) => l.seq)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(periodic[0]?.ts).toBe('2024-05-01T10:00:02.000Z');
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_e, i) => i + 1));
  });

  it('has one periodic line per interval up to now', () => {
    const count = (seconds: number) => containerLogEntries({ ...api, now: at(seconds) }).length - 3;
    expect(LOG_INTERVAL_MS).toBe(2000);
    expect([count(1.999), count(2), count(3), count(600)]).toEqual([0, 1, 1, 300]);
    expect(containerLogLines({ ...api, now: at(-1) })).toEqual([]);
  });

  it('tailLines keeps the last lines and sinceTime the newer ones', () => {
    const all = containerLogLines(api);
    expect(containerLogLines({ ...api, tailLines: 2 })).toEqual(all.slice(-2));
    expect(containerLogLines({ ...api, tailLines: 0 })).toEqual([]);
    const since = containerLogEntries({ ...api, sinceTime: at(50) });
    expect(since.map((e) => e.at.toISOString())).toEqual([
      '2024-05-01T10:00:50.000Z',
      '2024-05-01T10:00:52.000Z',
      '2024-05-01T10:00:54.000Z',
      '2024-05-01T10:00:56.000Z',
      '2024-05-01T10:00:58.000Z',
      '2024-05-01T10:01:00.000Z',
    ]);
    expect(containerLogLines({ ...api, sinceSeconds: 5 })).toEqual(
      containerLogLines({ ...api, sinceTime: at(55) }),
    );
    // The kubelet applies tail first, then since.
    expect(containerLogLines({ ...api, tailLines: 10, sinceTime: at(58) })).toEqual(all.slice(-2));
  });

  it('prefixes RFC3339 timestamps with nine fractional digits like kubectl logs --timestamps', () => {
    const lines = containerLogLines({ ...api, now: at(4), timestamps: true });
    for (const line of lines) expect(line).toMatch(/^2024-05-01T10:00:0\d\.\d{9}Z \{/);
    const stamps = lines.map((l) => l.split(' ')[0] as string);
    expect([...stamps].sort()).toEqual(stamps);
    expect(formatLogTimestamp({ at: at(2), nanos: 417 })).toBe('2024-05-01T10:00:02.000000417Z');
  });

  it('crash images log an error and a stack trace, then nothing', () => {
    const lines = containerLogLines({ ...crashy, now: at(600) });
    expect(lines).toHaveLength(3 + 3 + 8);
    expect(JSON.parse(lines[6] ?? '{}')).toMatchObject({
      level: 'error',
      msg: 'failed to connect to database',
      seq: 7,
    });
    expect(lines.slice(7)).toEqual([
      'panic: failed to connect to database: dial tcp 10.96.12.7:5432: connect: connection refused',
      '',
      'goroutine 1 [running]:',
      'main.mustConnect(...)',
      '\t/src/internal/store/postgres.go:58',
      'main.main()',
      '\t/src/cmd/server/main.go:88 +0x1c5',
    ]);
    expect(containerLogLines({ ...crashy, now: at(CRASH_AFTER_MS / 1000 - 0.001) })).toHaveLength(6);
    expect(nextLogLineAt(crashy, at(7))).toBeUndefined();
  });

  it('previous returns the run before the restart', () => {
    const previous = containerLogEntries({ ...crashy, previous: true });
    expect(previous).toHaveLength(14);
    expect(previous.at(-1)?.at.getTime()).toBeLessThan(START.getTime());
    expect(previous.map((e) => e.text)).not.toEqual(
      containerLogEntries({ ...crashy, now: at(600) }).map((e) => e.text),
    );
    const bounded = containerLogEntries({
      ...api,
      restartCount: 1,
      previous: true,
      previousRun: { startedAt: at(-100), finishedAt: at(-90) },
    });
    expect(bounded.map((e) => e.at.toISOString()).slice(-1)).toEqual(['2024-05-01T09:58:30.000Z']);
    expect(containerLogLines({ ...api, previous: true })).toEqual([]);
  });

  it('tells a follower when the next line is due', () => {
    const current = containerLogEntries({ ...api, now: at(10) });
    const next = nextLogLineAt(api, at(10));
    expect(next).toMatchObject({ seq: (current.at(-1)?.seq ?? 0) + 1, at: at(12) });
    expect(containerLogEntries({ ...api, now: at(12) }).at(-1)).toEqual(next);
    const followed = [...take(followContainerLog(api, at(-1)), 5)].map((e) => e.seq);
    expect(followed).toEqual([1, 2, 3, 4, 5]);
  });
});

function* take<T>(iterable: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  for (const item of iterable) {
    yield item;
    if (--n <= 0) return;
  }
}
