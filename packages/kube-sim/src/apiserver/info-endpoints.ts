/** /version and the health endpoints (/healthz, /livez, /readyz, with ?verbose and per-check paths). */

export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
}

/**
 * The server version kube-sim reports: the newest minor the machine's kubectl dispatcher serves
 * (it runs the client matching the server's minor). kubectl ≥ 1.32 sends protobuf bodies from its
 * typed clients; apiserver/protobuf decodes what it sends. It uses WebSockets for exec/attach/
 * port-forward (SPDY only as a fallback).
 */
export const SIM_VERSION: ServerVersion = { major: '1', minor: '33', gitVersion: 'v1.33.1-sim' };

export function versionInfo(version: ServerVersion = SIM_VERSION): Record<string, string> {
  return {
    major: version.major,
    minor: version.minor,
    gitVersion: version.gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-05-15T08:27:33Z',
    goVersion: 'go1.24.2',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

const CHECKS: Record<string, string[]> = {
  healthz: [
    'ping',
    'log',
    'etcd',
    'poststarthook/start-apiserver-admission-initializer',
    'poststarthook/generic-apiserver-start-informers',
    'poststarthook/rbac/bootstrap-roles',
    'poststarthook/apiservice-registration-controller',
  ],
  livez: [
    'ping',
    'log',
    'etcd',
    'poststarthook/start-apiserver-admission-initializer',
    'poststarthook/generic-apiserver-start-informers',
    'poststarthook/rbac/bootstrap-roles',
    'poststarthook/apiservice-registration-controller',
  ],
  readyz: [
    'ping',
    'log',
    'etcd',
    'etcd-readiness',
    'informer-sync',
    'poststarthook/start-apiserver-admission-initializer',
    'poststarthook/generic-apiserver-start-informers',
    'poststarthook/rbac/bootstrap-roles',
    'shutdown',
  ],
};

export interface HealthAnswer {
  code: number;
  text: string;
}

/** Answers /healthz, /livez, /readyz and their sub-checks, or undefined for other paths. */
export function healthAnswer(path: string, query: URLSearchParams): HealthAnswer | undefined {
  const [endpoint = '', ...rest] = path.replace(/^\/+/, '').split('/');
  const checks = CHECKS[endpoint];
  if (checks === undefined) return undefined;
  const sub = rest.join('/');
  if (sub !== '') {
    return checks.includes(sub) ? { code: 200, text: 'ok' } : { code: 404, text: '404 page not found\n' };
  }
  const excluded = new Set(query.getAll('exclude'));
  if (!query.has('verbose')) return { code: 200, text: 'ok' };
  const lines = checks.map((check) => (excluded.has(check) ? `[+]${check} excluded: ok` : `[+]${check} ok`));
  return { code: 200, text: `${lines.join('\n')}\n${endpoint} check passed\n` };
}
