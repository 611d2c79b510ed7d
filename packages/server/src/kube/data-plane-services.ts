import type { FastifyBaseLogger } from 'fastify';
import type { AccessControl } from '../access/access-control.ts';
import type { WorkspaceLocator } from '../access/workspace-locator.ts';
import type { AuditRecorder } from '../audit/recorder.ts';
import type { Clock } from '../core/clock.ts';
import type { Executor } from '../core/db/schema.ts';
import { KubeAccess } from './access/kube-access.ts';
import { LabelledWorkspaceNamespaces, type WorkspaceNamespaces } from './access/workspace-namespaces.ts';
import type { CacheSettings } from './cache/cluster-cache.ts';
import { ClusterCaches } from './cache/cluster-caches.ts';
import type { ClusterConnections } from './connections/cluster-connections.ts';
import { ListsAcrossClusters } from './resources/lists-across-clusters.ts';
import { ManifestApply } from './resources/manifest-apply.ts';
import { ResourceReads } from './resources/resource-reads.ts';
import { ResourceWrites } from './resources/resource-writes.ts';
import type { StreamSettings } from './stream/stream-session.ts';

/** Knobs of the data plane for tests; everything has a production default. */
export interface DataPlaneOptions {
  cache?: Partial<CacheSettings>;
  stream?: Partial<StreamSettings>;
}

export interface DataPlaneInputs extends DataPlaneOptions {
  db: Executor;
  clock: Clock;
  log: FastifyBaseLogger;
  connections: ClusterConnections;
  accessControl: AccessControl;
  workspaceLocator: WorkspaceLocator;
  audit: AuditRecorder;
}

/** What runs on the clusters' data: caches, the access check, the resource API. */
export interface DataPlane {
  caches: ClusterCaches;
  workspaces: WorkspaceNamespaces;
  access: KubeAccess;
  reads: ResourceReads;
  acrossClusters: ListsAcrossClusters;
  writes: ResourceWrites;
  apply: ManifestApply;
  options: DataPlaneOptions;
  stop(): Promise<void>;
}

export function createDataPlane(inputs: DataPlaneInputs): DataPlane {
  const caches = new ClusterCaches({
    connections: inputs.connections,
    clock: inputs.clock,
    log: inputs.log,
    ...(inputs.cache && { settings: inputs.cache }),
  });
  caches.start();
  const workspaces = new LabelledWorkspaceNamespaces(caches);
  const access = new KubeAccess(inputs.accessControl, workspaces, inputs.workspaceLocator);
  const deps = { db: inputs.db, caches, access, audit: inputs.audit };
  const reads = new ResourceReads(deps);
  return {
    caches,
    workspaces,
    access,
    reads,
    acrossClusters: new ListsAcrossClusters(reads, caches),
    writes: new ResourceWrites(deps),
    apply: new ManifestApply(deps),
    options: {
      ...(inputs.cache && { cache: inputs.cache }),
      ...(inputs.stream && { stream: inputs.stream }),
    },
    stop: () => caches.close(),
  };
}
