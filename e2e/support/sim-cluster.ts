/**
 * kube-sim clusters started inside the test process (`startCluster` from @atrium/kube-sim).
 *
 * Loaded through a computed specifier on purpose: the e2e TypeScript program has the DOM library
 * (for page.evaluate callbacks), and kube-sim's sources are typed against Node's webcrypto only,
 * so `tsc -p e2e` must not pull them in. The few members the stories use are typed here.
 */

// The Kubernetes objects the stories read back.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SimObject = Record<string, any>;

export interface SimCluster {
  name: string;
  url: string;
  kubeconfig: string;
  client: {
    create(object: SimObject): Promise<SimObject>;
    get(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): Promise<SimObject>;
    patch(
      ref: { apiVersion: string; kind: string; namespace?: string; name: string },
      type: 'merge',
      patch: SimObject,
    ): Promise<SimObject>;
    list(
      ref: { apiVersion: string; kind: string },
      options?: { namespace?: string; labelSelector?: string },
    ): Promise<{ items: SimObject[] }>;
  };
  faults: { setUnreachable(unreachable: boolean): Promise<void> };
  stop(): Promise<void>;
}

const KUBE_SIM: string = '@atrium/kube-sim';

export async function startSimCluster(options: {
  name: string;
  nodes: number;
  outDir: string;
}): Promise<SimCluster> {
  const { startCluster } = (await import(KUBE_SIM)) as {
    startCluster(options: { name: string; nodes: number; outDir: string }): Promise<SimCluster>;
  };
  return startCluster(options);
}
