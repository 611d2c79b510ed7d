/**
 * The one way into a cluster (DESIGN §2, principle 2): every part of Atrium that talks to a
 * cluster — caches, the resource API, the kubectl proxy, node operations — asks this pool for
 * the cluster's connection and never builds a KubeConfig of its own.
 */
import type { KubeConfig } from '@kubernetes/client-node';

/** Per-request limits, so that one slow or dead cluster never holds up work for another. */
export interface ClusterTimeouts {
  /** TCP + TLS handshake. */
  connectMs: number;
  /** Until the response (headers and, for plain requests, the body) has arrived. */
  requestMs: number;
}

export type ClusterPhase = 'Ready' | 'Degraded' | 'Unreachable';

export interface ClusterHealth {
  phase: ClusterPhase;
  message: string;
  /** ISO time of the last successful probe, or null if it never succeeded. */
  lastReadyTime: string | null;
  /** gitVersion from /version at the last successful probe. */
  version: string | null;
}

export interface ClusterConnection {
  /** The cluster's name: its id in URLs (`/api/v1/clusters/:cluster`). */
  readonly name: string;
  /**
   * A KubeConfig holding exactly one context for this cluster, with a user name unique to
   * it; TLS and credentials come from the decrypted stored credential.
   */
  readonly kubeConfig: KubeConfig;
  /** Bumped whenever the credential is rotated: holders of watches restart them. */
  readonly generation: number;
  /**
   * Per-request limits for this cluster. Requests made through `kubeConfig` by client-node
   * (generated APIs, KubernetesObjectApi, Watch, Log) already get the connect timeout, and
   * those without a signal of their own the request timeout; raw transports apply them.
   */
  readonly timeouts: ClusterTimeouts;
  /** Latest health probe result. */
  health(): ClusterHealth;
}

export type ClusterConnectionEvent =
  { type: 'added' | 'updated'; connection: ClusterConnection } | { type: 'removed'; name: string };

export interface ClusterConnections {
  /** Throws the coded error CLUSTER_NOT_FOUND (404) for an unknown name. */
  get(name: string): ClusterConnection;
  list(): ClusterConnection[];
  /** Registration, credential rotation and deletion; returns an unsubscribe function. */
  onChange(listener: (event: ClusterConnectionEvent) => void): () => void;
}
