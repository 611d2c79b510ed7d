/**
 * Deterministic container logs: what `kubectl logs` shows for a container, as a pure function
 * of the pod, the image, when the run started and the simulated time. Each run writes a
 * banner, then one line every LOG_INTERVAL_MS; crash images write an error and a stack trace
 * CRASH_AFTER_MS after starting and stop.
 */
import { hashString } from '../deterministic.ts';
import { CRASH_AFTER_MS, LOG_INTERVAL_MS, logProfile, type LogProfile } from './log-profile.ts';

export interface ContainerLogOptions {
  namespace: string;
  pod: string;
  container: string;
  image: string;
  /** Start of the current run (status.containerStatuses[].state.running.startedAt). */
  startedAt: Date;
  restartCount: number;
  now: Date;
  /** `--previous`: the run before the current one. */
  previous?: boolean;
  sinceTime?: Date;
  sinceSeconds?: number;
  tailLines?: number;
  /** `--timestamps`: prefix every line with its RFC3339Nano time. */
  timestamps?: boolean;
  /** Bounds of the previous run when known (lastState.terminated); derived otherwise. */
  previousRun?: { startedAt: Date; finishedAt: Date };
  /** End of the current run when the container has terminated. */
  finishedAt?: Date;
}

export interface LogEntry {
  /** 1-based position in the run's output. */
  seq: number;
  at: Date;
  /** Nanoseconds beyond `at`'s millisecond (0–999999), so timestamps look like real ones. */
  nanos: number;
  text: string;
}

interface Run {
  index: number;
  startedAt: Date;
  /** No line is written after this time. */
  end: Date;
  seed: number;
  profile: LogProfile;
  bannerCount: number;
  /** Periodic lines k = 1..periodicCount are at startedAt + k × interval. */
  periodicCount: number;
  crashLines: number;
}

/** The back-off before restart `n` (10 s doubling to 5 min), as the kubelet waits. */
function restartBackoffMs(restart: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, restart - 1), 300_000);
}

function describeRun(o: ContainerLogOptions): Run | undefined {
  const profile = logProfile(o.image);
  const index = o.previous ? o.restartCount - 1 : o.restartCount;
  if (index < 0) return undefined;
  let startedAt = o.startedAt;
  let end = o.finishedAt && o.finishedAt < o.now ? o.finishedAt : o.now;
  if (o.previous) {
    const finished =
      o.previousRun?.finishedAt ?? new Date(o.startedAt.getTime() - restartBackoffMs(o.restartCount));
    startedAt =
      o.previousRun?.startedAt ??
      new Date(finished.getTime() - (profile.crashes ? CRASH_AFTER_MS : 3_600_000));
    end = finished;
  }
  const crashAt = startedAt.getTime() + CRASH_AFTER_MS;
  const crashed = profile.crashes && end.getTime() >= crashAt;
  const lastPeriodicTime = profile.crashes ? Math.min(end.getTime(), crashAt) : end.getTime();
  const elapsed = lastPeriodicTime - startedAt.getTime();
  const seed = hashString(`${o.namespace}/${o.pod}/${o.container}/${o.image}/${index}`);
  const banner = profile.banner((i) => bannerTime(startedAt, i));
  const bannerCount = banner.filter((_line, i) => (BANNER_OFFSETS_MS[i] ?? i) <= elapsed).length;
  const periodicCount = elapsed >= LOG_INTERVAL_MS ? Math.floor(elapsed / LOG_INTERVAL_MS) : 0;
  const crashLines = crashed ? profile.crash(0, new Date(crashAt)).length : 0;
  return { index, startedAt, end, seed, profile, bannerCount, periodicCount, crashLines };
}

/** Start-up lines land within the first milliseconds, several sharing one. */
const BANNER_OFFSETS_MS = [0, 0, 1, 3, 12, 12, 13, 14, 15];

function bannerTime(startedAt: Date, index: number): Date {
  return new Date(startedAt.getTime() + (BANNER_OFFSETS_MS[index] ?? index));
}

function entryAt(run: Run, i: number): LogEntry {
  const seq = i + 1;
  const jitter = hashString(`${run.seed}#${seq}`);
  const start = run.startedAt.getTime();
  if (i < run.bannerCount) {
    // Lines sharing a millisecond must still be in order: nanoseconds grow with the index.
    const nanos = 200_000 + i * 50_000 + (jitter % 40_000);
    const text = run.profile.banner((index) => bannerTime(run.startedAt, index))[i] ?? '';
    return { seq, at: bannerTime(run.startedAt, i), nanos, text };
  }
  const nanos = jitter % 1_000_000;
  const k = i - run.bannerCount + 1;
  if (k <= run.periodicCount) {
    const at = new Date(start + k * LOG_INTERVAL_MS);
    return { seq, at, nanos, text: run.profile.periodic(seq, at, run.seed) };
  }
  const j = k - run.periodicCount - 1;
  const at = new Date(start + CRASH_AFTER_MS);
  const firstCrashSeq = run.bannerCount + run.periodicCount + 1;
  // Stack trace lines share the millisecond; nanoseconds keep them ordered.
  return {
    seq,
    at,
    nanos: Math.min(999_999, 500_000 + j * 1_000),
    text: run.profile.crash(firstCrashSeq, at)[j] ?? '',
  };
}

function totalEntries(run: Run): number {
  return run.bannerCount + run.periodicCount + run.crashLines;
}

function atNanos(e: LogEntry): bigint {
  return BigInt(e.at.getTime()) * 1_000_000n + BigInt(e.nanos);
}

/** `2024-05-01T10:00:02.000417332Z`: RFC3339 with nine fractional digits, as the kubelet prints. */
export function formatLogTimestamp(e: Pick<LogEntry, 'at' | 'nanos'>): string {
  const iso = e.at.toISOString();
  const nanos = String(e.at.getUTCMilliseconds() * 1_000_000 + e.nanos).padStart(9, '0');
  return `${iso.slice(0, 19)}.${nanos}Z`;
}

/** The selected run's entries after tail and since filtering (tail first, as the kubelet does). */
export function containerLogEntries(o: ContainerLogOptions): LogEntry[] {
  const run = describeRun(o);
  if (!run) return [];
  const total = totalEntries(run);
  let from = o.tailLines !== undefined && o.tailLines >= 0 ? Math.max(0, total - o.tailLines) : 0;
  const since =
    o.sinceTime ??
    (o.sinceSeconds !== undefined ? new Date(o.now.getTime() - o.sinceSeconds * 1000) : undefined);
  if (since) {
    const limit = BigInt(since.getTime()) * 1_000_000n;
    let lo = from;
    let hi = total;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (atNanos(entryAt(run, mid)) < limit) lo = mid + 1;
      else hi = mid;
    }
    from = lo;
  }
  const out: LogEntry[] = [];
  for (let i = from; i < total; i++) out.push(entryAt(run, i));
  return out;
}

/** Lines as `kubectl logs` prints them (with `--timestamps`, prefixed by the time). */
export function containerLogLines(o: ContainerLogOptions): string[] {
  return containerLogEntries(o).map((e) => (o.timestamps ? `${formatLogTimestamp(e)} ${e.text}` : e.text));
}

/**
 * The first line of the current run written after `after` (ignoring `now`), or undefined when
 * the run writes nothing more (crashed). A `--follow` stream waits until simulated time
 * reaches `entry.at`, emits it, and asks again.
 */
export function nextLogLineAt(
  o: Omit<ContainerLogOptions, 'now' | 'previous'>,
  after: Date,
): LogEntry | undefined {
  const horizon = new Date(
    Math.max(after.getTime(), o.startedAt.getTime()) + LOG_INTERVAL_MS + CRASH_AFTER_MS,
  );
  const run = describeRun({ ...o, now: o.finishedAt && o.finishedAt < horizon ? o.finishedAt : horizon });
  if (!run) return undefined;
  const afterNanos = BigInt(after.getTime()) * 1_000_000n + 999_999n;
  const total = totalEntries(run);
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (atNanos(entryAt(run, mid)) <= afterNanos) lo = mid + 1;
    else hi = mid;
  }
  return lo < total ? entryAt(run, lo) : undefined;
}

/** Lazily yields the current run's lines written after `after`, forever (or until a crash). */
export function* followContainerLog(
  o: Omit<ContainerLogOptions, 'now' | 'previous'>,
  after: Date,
): Generator<LogEntry> {
  let cursor = after;
  for (let next = nextLogLineAt(o, cursor); next; next = nextLogLineAt(o, cursor)) {
    yield next;
    cursor = next.at;
    // Several lines can share a millisecond (banner, stack trace): emit them together.
    const sameMs = containerLogEntries({ ...o, now: next.at, sinceTime: next.at }).filter(
      (e) => e.seq > next.seq,
    );
    for (const e of sameMs) yield e;
  }
}
