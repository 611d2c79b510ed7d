/**
 * What a container writes to stdout, by image: nginx's entrypoint banner and access log, JSON
 * structured logs for other services, and a fatal error with a stack trace for `crash` images.
 * Every line is a pure function of (run seed, sequence number, time).
 */
import { hashString, pick } from '../deterministic.ts';
import { imageProfile } from '../image/image-profile.ts';
import { nginxIndexHtml } from '../image/app-files.ts';

export const LOG_INTERVAL_MS = 2000;
/** Crash images die this long after starting; the kubelet simulation should agree. */
export const CRASH_AFTER_MS = 6500;
export const CRASH_EXIT_CODE = 1;

export type LogStyle = 'nginx' | 'json';

export interface LogProfile {
  style: LogStyle;
  crashes: boolean;
  /** Lines written at start-up, in order, a few milliseconds apart; `at(i)` is line i's time. */
  banner(at: (index: number) => Date): string[];
  /** The line for periodic sequence number `seq` written at `at`. */
  periodic(seq: number, at: Date, seed: number): string;
  /** The error and stack trace written just before the process exits. */
  crash(seq: number, at: Date): string[];
}

const p2 = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function nginxErrorTime(d: Date): string {
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

function nginxAccessTime(d: Date): string {
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

const NGINX_REQUESTS = [
  { path: '/', status: 200, bytes: nginxIndexHtml().length },
  { path: '/index.html', status: 200, bytes: nginxIndexHtml().length },
  { path: '/healthz', status: 404, bytes: 153 },
  { path: '/favicon.ico', status: 404, bytes: 153 },
  { path: '/', status: 200, bytes: nginxIndexHtml().length },
  { path: '/static/app.js', status: 404, bytes: 153 },
] as const;

const USER_AGENTS = [
  'kube-probe/1.31',
  'curl/8.5.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Go-http-client/1.1',
];

function nginxProfile(version: string): LogProfile {
  return {
    style: 'nginx',
    crashes: false,
    banner: (at) => [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      `${nginxErrorTime(at(4))} [notice] 1#1: using the "epoll" event method`,
      `${nginxErrorTime(at(5))} [notice] 1#1: nginx/${version}`,
      `${nginxErrorTime(at(6))} [notice] 1#1: start worker processes`,
    ],
    periodic: (seq, at, seed) => {
      const h = hashString(`${seed}:${seq}`);
      const request = pick(NGINX_REQUESTS, h);
      const client = `10.244.${(h >>> 4) % 4}.${1 + ((h >>> 8) % 254)}`;
      return `${client} - - [${nginxAccessTime(at)}] "GET ${request.path}?seq=${seq} HTTP/1.1" ${request.status} ${request.bytes} "-" "${pick(USER_AGENTS, h >>> 12)}" "-"`;
    },
    crash: () => [],
  };
}

const ROUTES = [
  '/api/v1/items',
  '/api/v1/orders',
  '/api/v1/users/me',
  '/healthz',
  '/readyz',
  '/api/v1/items/search',
];

function jsonProfile(name: string, version: string, crashes: boolean): LogProfile {
  const ts = (d: Date) => d.toISOString();
  return {
    style: 'json',
    crashes,
    banner: (at) => [
      JSON.stringify({
        level: 'info',
        ts: ts(at(0)),
        caller: 'cmd/server/main.go:42',
        msg: `starting ${name}`,
        version,
        pid: 1,
      }),
      JSON.stringify({
        level: 'info',
        ts: ts(at(3)),
        caller: 'internal/config/load.go:67',
        msg: 'configuration loaded',
        source: '/app/config.yaml',
      }),
      JSON.stringify({
        level: 'info',
        ts: ts(at(5)),
        caller: 'cmd/server/main.go:71',
        msg: 'listening',
        addr: ':8080',
      }),
    ],
    periodic: (seq, at, seed) => {
      const h = hashString(`${seed}:${seq}`);
      const slow = h % 13 === 0;
      const line = {
        level: slow ? 'warn' : 'info',
        ts: ts(at),
        caller: 'internal/http/middleware.go:118',
        msg: slow ? 'slow request' : 'request completed',
        seq,
        method: h % 5 === 0 ? 'POST' : 'GET',
        path: pick(ROUTES, h >>> 3),
        status: h % 29 === 0 ? 500 : 200,
        duration_ms: Math.round((slow ? 800 + (h % 700) : 2 + ((h >>> 5) % 40)) * 10 + ((h >>> 9) % 10)) / 10,
      };
      return JSON.stringify(line);
    },
    crash: (seq, at) => [
      JSON.stringify({
        level: 'error',
        ts: ts(at),
        caller: 'internal/store/postgres.go:54',
        msg: 'failed to connect to database',
        seq,
        error: 'dial tcp 10.96.12.7:5432: connect: connection refused',
      }),
      'panic: failed to connect to database: dial tcp 10.96.12.7:5432: connect: connection refused',
      '',
      'goroutine 1 [running]:',
      'main.mustConnect(...)',
      '\t/src/internal/store/postgres.go:58',
      'main.main()',
      '\t/src/cmd/server/main.go:88 +0x1c5',
    ],
  };
}

export function logProfile(image: string): LogProfile {
  const profile = imageProfile(image);
  if (profile.app === 'nginx' && !profile.crashes) return nginxProfile(profile.appVersion);
  return jsonProfile(profile.name, profile.tag, profile.crashes);
}
