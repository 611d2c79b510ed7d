import { startCluster, type Cluster, type ClusterOptions } from '@atrium/kube-sim';
import { QUICK_KUBE, registerCluster } from '../../clusters/testing/cluster-app.ts';
import { createTestApp, type TestApp, type TestAppOptions } from '../../../testing/test-app.ts';
import { loginAsAdmin } from '../../../testing/http.ts';

export interface DataPlaneTestApp {
  t: TestApp;
  adminToken: string;
  clusters: Record<string, Cluster>;
  close(): Promise<void>;
}

/**
 * A full app (registry, data plane) with kube-sim clusters registered through the registry's
 * API under their names, as an administrator would connect real ones.
 */
export async function startDataPlaneApp(
  clusters: (ClusterOptions & { name: string })[],
  options: TestAppOptions = {},
): Promise<DataPlaneTestApp> {
  const started = await Promise.all(clusters.map((c) => startCluster(c)));
  const t = await createTestApp({
    kube: QUICK_KUBE,
    dataPlane: { cache: { readyTimeoutMs: 5_000, reflector: { backoff: { initialMs: 100, maxMs: 2_000 } } } },
    ...options,
  });
  const { accessToken } = await loginAsAdmin(t.app);
  for (const cluster of started) await registerCluster(t.app, accessToken, cluster.name, cluster);
  return {
    t,
    adminToken: accessToken,
    clusters: Object.fromEntries(started.map((c) => [c.name, c])),
    close: async () => {
      await t.close();
      await Promise.all(started.map((c) => c.stop()));
    },
  };
}
