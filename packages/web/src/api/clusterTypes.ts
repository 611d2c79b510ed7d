// Shapes of the cluster registry and node API (packages/server/src/kube/{clusters,nodes}/schemas.ts).
import type { KubeObject } from './kubeTypes';

export type ClusterPhase = 'Ready' | 'Degraded' | 'Unreachable';

export interface ClusterStatus {
  phase: ClusterPhase;
  message: string;
  lastReadyTime: string | null;
  version: string | null;
}

export interface ClusterWarning {
  code: string;
  message: string;
}

export type CredentialType = 'kubeconfig' | 'token' | 'certificate' | 'in-cluster';

export interface Cluster {
  name: string;
  displayName: string;
  description: string;
  environment: string;
  region: string;
  credential: { type: CredentialType; server: string; insecureSkipTLSVerify: boolean };
  warnings: ClusterWarning[];
  status: ClusterStatus;
  createdAt: string;
  updatedAt: string;
}

/** CPU in cores, memory in bytes. */
export interface Amounts {
  cpu: number;
  memory: number;
}

export interface ClusterListItem extends Cluster {
  nodeCount: number | null;
  allocatable: Amounts | null;
  requested: Amounts | null;
  /** Why the numbers above are null: this cluster failed to answer in time. */
  summaryError: { code: string; message: string } | null;
}

export interface CredentialInput {
  type: CredentialType;
  kubeconfig?: string;
  context?: string;
  server?: string;
  token?: string;
  caData?: string;
  certData?: string;
  keyData?: string;
  insecureSkipTLSVerify?: boolean;
}

export interface NewCluster {
  name: string;
  displayName?: string;
  description?: string;
  environment?: string;
  region?: string;
  credential: CredentialInput;
}

export type ClusterPatch = Partial<Pick<Cluster, 'displayName' | 'description' | 'environment' | 'region'>>;

export interface ConnectionCheck {
  name: string;
  ok: boolean;
  message: string;
  code?: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  version: string | null;
  checks: ConnectionCheck[];
}

export interface Taint {
  key: string;
  value: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string;
}

export interface NodeSummary {
  name: string;
  roles: string[];
  status: 'Ready' | 'NotReady' | 'Unknown';
  schedulable: boolean;
  version: string;
  internalIP: string;
  osImage: string;
  containerRuntime: string;
  architecture: string;
  createdAt: string | null;
  labels: Record<string, string>;
  taints: Taint[];
  allocatable: Amounts & { pods: number };
  requested: Amounts & { pods: number };
  /** From metrics.k8s.io; null when the cluster has no metrics API. */
  usage: Amounts | null;
}

export interface NodePodRow {
  namespace: string;
  name: string;
  phase: string;
  terminating: boolean;
  requests: Amounts;
  owner: { kind: string; name: string } | null;
  createdAt: string | null;
}

export interface NodeDetail {
  summary: NodeSummary;
  /** The Node object as the cluster returns it. */
  node: KubeObject;
  pods: NodePodRow[];
}

export interface DrainStatus {
  id: string;
  cluster: string;
  node: string;
  phase: 'Running' | 'Succeeded' | 'Failed';
  startedAt: string;
  finishedAt: string | null;
  evicted: string[];
  pending: string[];
  failed: { pod: string; reason: string }[];
  skipped: { pod: string; reason: string }[];
  message: string;
}

/** One check of the API server's /readyz?verbose. */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  message: string;
}
