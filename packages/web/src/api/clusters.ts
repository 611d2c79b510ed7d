import { http } from './client';
import type {
  Cluster,
  ClusterListItem,
  ClusterPatch,
  ConnectionTestResult,
  CredentialInput,
  NewCluster,
  ReadinessCheck,
} from './clusterTypes';
import type { ItemList } from './types';

const path = (name: string) => `/api/v1/clusters/${encodeURIComponent(name)}`;

export function listClusters(): Promise<ItemList<ClusterListItem>> {
  return http.get('/api/v1/clusters');
}

export function getCluster(name: string): Promise<Cluster> {
  return http.get(path(name));
}

/** Tries a credential without saving anything; a failed check is a coded error with details.checks. */
export function testConnection(credential: CredentialInput): Promise<ConnectionTestResult> {
  return http.post('/api/v1/clusters/test-connection', { credential });
}

export function registerCluster(input: NewCluster): Promise<Cluster> {
  return http.post('/api/v1/clusters', input);
}

export function updateCluster(name: string, patch: ClusterPatch): Promise<Cluster> {
  return http.patch(path(name), patch);
}

export function rotateCredential(name: string, credential: CredentialInput): Promise<Cluster> {
  return http.put(`${path(name)}/credential`, { credential });
}

/** Removes the cluster from Atrium (nothing in the cluster is touched); the name is typed again. */
export function deleteCluster(name: string, confirmName: string): Promise<void> {
  return http.delete(path(name), { confirm: confirmName });
}

/** A kubeconfig that reaches the cluster through Atrium, with a new personal API token. */
export function downloadKubeconfig(name: string): Promise<{ blob: Blob; filename: string | null }> {
  return http.blob(`${path(name)}/kubeconfig`);
}

/** The API server's own readiness checks (/readyz?verbose). */
export function clusterReadiness(name: string): Promise<ItemList<ReadinessCheck>> {
  return http.get(`${path(name)}/readiness`);
}
