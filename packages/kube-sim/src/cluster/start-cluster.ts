/**
 * startCluster(): a ClusterCore behind an HTTPS (or HTTP) API server, with a per-cluster CA,
 * an admin token in system:masters, a kubeconfig, fault injection and clean shutdown.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../types.ts';
import type { ApiSettings } from '../api/api-deps.ts';
import type { Modules } from '../api/modules.ts';
import { ClusterPki, type CertifiedKey } from '../auth/pki.ts';
import { MASTERS_GROUP } from '../auth/rbac-authorizer.ts';
import { ApiServer } from '../apiserver/api-server.ts';
import type { PodIOHandler } from '../apiserver/pod-io.ts';
import type { InternalClient } from '../client/internal-client.ts';
import { ClusterCore } from './cluster-core.ts';
import { kubeconfigYaml, type Credentials } from './kubeconfig.ts';
import type { ClusterExtension } from './extensions.ts';
import { seedDemo } from '../seed/demo-seed.ts';

export interface ClusterOptions {
  /** Default sim-1. Also the kubeconfig context name. */
  name?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /**
   * Default true; false serves plain HTTP (benchmarks) where, like the old insecure port,
   * requests without credentials act as system:masters.
   */
  https?: boolean;
  /** Node objects to register (default 1). */
  nodes?: number;
  /** Writes `<name>.kubeconfig` and the CA (`<name>-ca.crt/.key`, reused on restart) here. */
  outDir?: string;
  clock?: Clock;
  watchHistorySize?: number;
  bookmarkIntervalMs?: number;
  /** Default admin token (random when absent). */
  adminToken?: string;
  modules?: Partial<Modules>;
  settings?: Partial<ApiSettings>;
  /** Controllers, admission plugins… installed before bootstrap (default: DEFAULT_EXTENSIONS). */
  extensions?: readonly ClusterExtension[];
  /** Worker nodes with nvidia.com/gpu capacity and GPU labels (default 0). */
  gpuNodes?: number;
  /** Fill the new cluster with a demo (src/seed): namespaces, workloads, services, a CRD… */
  seed?: 'demo';
}

export interface ClusterFaults {
  /** Closes the port and all connections (connection refused), or reopens it. */
  setUnreachable(unreachable: boolean): Promise<void>;
  /** Delays every request by `ms`. */
  setLatency(ms: number): void;
  /** Answers this fraction of requests with a 500 InternalError Status. */
  setErrorRate(fraction: number): void;
  /** Ends all open watch streams; `abrupt` resets the connections instead. Returns how many. */
  dropWatches(options?: { abrupt?: boolean }): number;
}

export interface Cluster {
  name: string;
  url: string;
  /** Undefined for plain-HTTP clusters. */
  caPem: string | undefined;
  kubeconfig: string;
  kubeconfigPath: string | undefined;
  adminToken: string;
  client: InternalClient;
  core: ClusterCore;
  clock: Clock;
  faults: ClusterFaults;
  /** Adds a bearer token for `user` in `groups`; returns it. */
  addToken(user: string, groups?: string[]): string;
  revokeToken(token: string): boolean;
  /** A client certificate (CN=user, O=groups) signed by the cluster CA. */
  mintClientCertificate(user: string, groups?: string[]): Promise<CertifiedKey>;
  /** A kubeconfig for other credentials (token or client certificate). */
  kubeconfigFor(userName: string, credentials: Credentials, namespace?: string): string;
  /** Installs the kubelet's handler for pods/log, exec, attach and portforward. */
  setPodIOHandler(handler: PodIOHandler | undefined): void;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const name = options.name ?? 'sim-1';
  const host = options.host ?? '127.0.0.1';
  const https = options.https ?? true;
  const pki = await ClusterPki.forCluster(name, options.outDir);
  const core = new ClusterCore({
    name,
    caPem: pki.caPem,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.watchHistorySize === undefined ? {} : { watchHistorySize: options.watchHistorySize }),
    ...(options.bookmarkIntervalMs === undefined ? {} : { bookmarkIntervalMs: options.bookmarkIntervalMs }),
    ...(options.modules === undefined ? {} : { modules: options.modules }),
    ...(options.settings === undefined ? {} : { settings: options.settings }),
    ...(options.extensions === undefined ? {} : { extensions: options.extensions }),
    ...(options.gpuNodes === undefined ? {} : { gpuNodes: options.gpuNodes }),
  });
  const adminToken = core.tokens.add('kubernetes-admin', [MASTERS_GROUP], options.adminToken);
  const tls = https
    ? { ...(await pki.servingCertificate(host === '0.0.0.0' ? [] : [host])), caPem: pki.caPem }
    : undefined;
  const server: ApiServer = new ApiServer(
    {
      api: core.api,
      registry: core.registry,
      schema: core.api.deps.modules.schema,
      authenticator: core.authenticator,
      authorizer: core.authorizer,
      watchSettings: { maxBufferedBytes: 64 * 1024 * 1024, defaultTimeoutSeconds: 3600 },
      serverAddress: (): string => `${host}:${server.port}`,
      podIO: () => core.podIO,
      http: core.http,
      ...(https
        ? {}
        : {
            credentiallessUser: {
              username: 'system:unsecured',
              groups: [MASTERS_GROUP, 'system:authenticated'],
            },
          }),
    },
    { host, port: options.port ?? 0, ...(tls === undefined ? {} : { tls }) },
  );
  await server.start();
  await core.bootstrap({ nodes: options.nodes ?? 1, apiServerPort: server.port });
  if (options.seed === 'demo') {
    const seeded = await seedDemo(core.client, core.clock.now());
    for (const refusal of seeded.refused) console.warn(`kube-sim: ${name}: demo seed: ${refusal}`);
  }
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `${server.protocol}://${urlHost}:${server.port}`;
  const caPem = https ? pki.caPem : undefined;
  const kubeconfigFor = (userName: string, credentials: Credentials, namespace?: string): string =>
    kubeconfigYaml({
      clusterName: name,
      server: url,
      ...(caPem === undefined ? {} : { caPem }),
      userName,
      credentials,
      ...(namespace === undefined ? {} : { namespace }),
    });
  const kubeconfig = kubeconfigFor(`${name}-admin`, { token: adminToken });
  let kubeconfigPath: string | undefined;
  if (options.outDir !== undefined) {
    await mkdir(options.outDir, { recursive: true });
    kubeconfigPath = join(options.outDir, `${name}.kubeconfig`);
    await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 });
  }
  return {
    name,
    url,
    caPem,
    kubeconfig,
    kubeconfigPath,
    adminToken,
    client: core.client,
    core,
    clock: core.clock,
    faults: {
      setUnreachable: (unreachable) => server.setUnreachable(unreachable),
      setLatency: (ms) => {
        server.faults.latencyMs = Math.max(0, ms);
      },
      setErrorRate: (fraction) => {
        server.faults.errorRate = Math.min(1, Math.max(0, fraction));
      },
      dropWatches: (dropOptions) => server.dropWatches(dropOptions),
    },
    addToken: (user, groups = []) => core.tokens.add(user, groups),
    revokeToken: (token) => core.tokens.revoke(token),
    mintClientCertificate: (user, groups = []) => pki.clientCertificate(user, groups),
    kubeconfigFor,
    setPodIOHandler: (handler) => {
      core.podIO = handler;
    },
    stop: async () => {
      await server.stop();
      await core.stop();
    },
  };
}
