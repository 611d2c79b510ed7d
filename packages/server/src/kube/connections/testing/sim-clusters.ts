/** Helpers for tests that reach kube-sim clusters over HTTPS, exactly as real clusters. */
import { startCluster, type Cluster, type ClusterOptions } from '@atrium/kube-sim';
import type { ConnectionSpec } from '../connection-spec.ts';

export { startCluster, type Cluster };

/** A cluster with a quiet default: one node unless asked for more. */
export function startSim(name: string, options: ClusterOptions = {}): Promise<Cluster> {
  return startCluster({ name, nodes: 1, ...options });
}

/** A token for `user`, bound to a ClusterRole with `rules` (none: authenticated but powerless). */
export async function tokenWithRules(
  cluster: Cluster,
  user: string,
  rules: { verbs: string[]; resources: string[]; apiGroups?: string[] }[],
): Promise<string> {
  const token = cluster.addToken(user, []);
  if (rules.length === 0) return token;
  await cluster.client.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: `${user}-role` },
    rules: rules.map((r) => ({ apiGroups: r.apiGroups ?? [''], resources: r.resources, verbs: r.verbs })),
  });
  await cluster.client.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: `${user}-binding` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${user}-role` },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
  });
  return token;
}

/** A connection spec with a bearer token verified against the cluster's CA. */
export function tokenSpec(cluster: Cluster, token = cluster.adminToken): ConnectionSpec {
  return { server: cluster.url, token, caData: cluster.caPem ?? '', insecureSkipTLSVerify: false };
}

/** Polls until `probe` returns something truthy; fails with the last error after `timeoutMs`. */
export async function eventually<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (performance.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
