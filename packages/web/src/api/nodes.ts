import { http } from './client';
import type { DrainStatus, NodeDetail, NodeSummary, Taint } from './clusterTypes';
import type { ItemList } from './types';

const nodesPath = (cluster: string) => `/api/v1/clusters/${encodeURIComponent(cluster)}/nodes`;
const nodePath = (cluster: string, node: string) => `${nodesPath(cluster)}/${encodeURIComponent(node)}`;

export function listNodes(cluster: string): Promise<ItemList<NodeSummary>> {
  return http.get(nodesPath(cluster));
}

export function getNode(cluster: string, node: string): Promise<NodeDetail> {
  return http.get(nodePath(cluster, node));
}

export function cordonNode(cluster: string, node: string): Promise<NodeSummary> {
  return http.post(`${nodePath(cluster, node)}/cordon`);
}

export function uncordonNode(cluster: string, node: string): Promise<NodeSummary> {
  return http.post(`${nodePath(cluster, node)}/uncordon`);
}

export function setTaints(cluster: string, node: string, taints: Taint[]): Promise<NodeSummary> {
  return http.put(`${nodePath(cluster, node)}/taints`, {
    taints: taints.map(({ key, value, effect }) => (value ? { key, value, effect } : { key, effect })),
  });
}

export interface DrainOptions {
  timeoutSeconds?: number;
  gracePeriodSeconds?: number;
  /** Also evict pods no controller manages (kubectl drain --force). */
  force?: boolean;
  /** Also evict pods with emptyDir volumes (--delete-emptydir-data). */
  deleteEmptyDirData?: boolean;
}

/** A pod that stops a drain (409 DRAIN_BLOCKED), and the option that would let it go. */
export interface DrainBlocker {
  pod: string;
  option: 'force' | 'deleteEmptyDirData';
}

/** Starts a drain (202); its progress is read with `drainStatus`. */
export function drainNode(cluster: string, node: string, options: DrainOptions = {}): Promise<DrainStatus> {
  return http.post(`${nodePath(cluster, node)}/drain`, options);
}

export function drainStatus(cluster: string, node: string): Promise<DrainStatus> {
  return http.get(`${nodePath(cluster, node)}/drain`);
}
