import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import type { ChangeContext } from '../../audit/audit-entry.ts';
import type { ApiTokenService } from '../../auth/api-tokens/service.ts';
import type { Principal } from '../../auth/principal.ts';
import { forbidden } from '../../core/errors/errors.ts';
import type { KubeAccess } from '../access/kube-access.ts';
import type { ClusterConnections } from '../connections/cluster-connections.ts';

export const DEFAULT_KUBECONFIG_DAYS = 30;

/** This Atrium as kubectl reaches it, e.g. `https://atrium.example.com`. */
export interface KubectlServer {
  url: string;
  /** CA to trust for it (Atrium's own local CA), or null for a publicly trusted certificate. */
  caPem: string | null;
}

export interface KubeconfigRequest {
  cluster: string;
  server: KubectlServer;
  expiresInDays?: number;
}

/** A short, unique, readable token name: `kubeconfig prod-eu 20250101-120000 a1b2`. */
function tokenName(cluster: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `kubeconfig ${cluster.slice(0, 32)} ${stamp} ${randomBytes(2).toString('hex')}`;
}

/**
 * A kubeconfig for kubectl through Atrium: the server is this Atrium's proxy for the cluster,
 * the credential an expiring personal API token limited to the user's cluster codes (it shows
 * in their token list and can be revoked there).
 */
export class KubeconfigService {
  readonly #connections: ClusterConnections;
  readonly #access: KubeAccess;
  readonly #apiTokens: ApiTokenService;
  readonly #now: () => number;

  constructor(deps: {
    connections: ClusterConnections;
    access: KubeAccess;
    apiTokens: ApiTokenService;
    now: () => number;
  }) {
    this.#connections = deps.connections;
    this.#access = deps.access;
    this.#apiTokens = deps.apiTokens;
    this.#now = deps.now;
  }

  async download(ctx: ChangeContext, principal: Principal, request: KubeconfigRequest): Promise<string> {
    const { cluster } = request;
    this.#connections.get(cluster);
    const access = await this.#access.forCluster(principal, cluster);
    const where = access.allowed('kubeconfig:download');
    if (where !== 'all' && where.size === 0)
      throw forbidden('kubeconfig:download', { type: 'cluster', id: cluster });
    const scopes = await this.#access.clusterCodes(principal);
    ctx.scope = { ...ctx.scope, clusterId: cluster };
    const created = await this.#apiTokens.create(ctx, principal.userId, {
      name: tokenName(cluster, new Date(this.#now())),
      expiresInDays: request.expiresInDays ?? DEFAULT_KUBECONFIG_DAYS,
      scopes,
    });
    const user = `${principal.username}@${cluster}`;
    const { url, caPem } = request.server;
    const warning = url.startsWith('http:')
      ? '# kubectl sends credentials only over HTTPS: reach Atrium through TLS (ATRIUM_PUBLIC_URL=https://…).\n'
      : '';
    return `${warning}${stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: cluster,
          cluster: {
            server: `${url}/k8s/clusters/${encodeURIComponent(cluster)}`,
            ...(caPem && { 'certificate-authority-data': Buffer.from(caPem).toString('base64') }),
          },
        },
      ],
      users: [{ name: user, user: { token: created.token } }],
      contexts: [{ name: cluster, context: { cluster, user } }],
      'current-context': cluster,
      preferences: {},
    })}`;
  }
}
