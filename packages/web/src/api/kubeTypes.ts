// Kubernetes objects as the generic resource API returns them (packages/server/src/kube/resources).

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

/** Any Kubernetes object; kind models read the fields they know about. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  // Each kind has its own spec/status/data…; models narrow them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string;
  lastHeartbeatTime?: string;
  lastUpdateTime?: string;
}

/** Which kind: the URL parts of the resource API (`core` for the legacy group). */
export interface KindRef {
  group: string;
  version: string;
  resource: string;
}

export interface ResourceListPage {
  items: KubeObject[];
  /** Pass back for the next page; empty on the last one. */
  continue: string;
  total: number;
  resourceVersion: string;
}

/** One cluster's answer in GET /api/v1/resources/…: its page, or why there is none. */
export type ClusterListEntry =
  | ({ cluster: string; error?: undefined } & ResourceListPage)
  | { cluster: string; error: { code: string; message: string } };

export interface ClusterLists {
  clusters: ClusterListEntry[];
}

export interface ApiResource {
  /** Empty for the legacy core group. */
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: string[];
  preferred: boolean;
  /** The code each action needs, decided by the server; null when Atrium allows it to nobody. */
  permissions: { view: string | null; create: string | null; update: string | null; delete: string | null };
}

export interface ApplyReport {
  dryRun: boolean;
  summary: { created: number; configured: number; unchanged: number; failed: number };
  items: {
    index: number;
    kind: string;
    name: string;
    namespace: string;
    action?: 'created' | 'configured' | 'unchanged';
    error?: { code: string; message: string; details: Record<string, unknown> };
  }[];
}
