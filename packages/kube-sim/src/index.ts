/** @atrium/kube-sim: Kubernetes-compatible simulated clusters. */
export { startCluster } from './cluster/start-cluster.ts';
export type { Cluster, ClusterFaults, ClusterOptions } from './cluster/start-cluster.ts';
export { ClusterCore } from './cluster/cluster-core.ts';
export { DEFAULT_EXTENSIONS } from './cluster/extensions.ts';
export type { ClusterExtension } from './cluster/extensions.ts';
export { TestClock } from './cluster/test-clock.ts';
export { seedScale } from './cluster/scale-seed.ts';
export type { Credentials } from './cluster/kubeconfig.ts';
export { InternalClient } from './client/internal-client.ts';
export type {
  ClientListOptions,
  ClientWatchOptions,
  KindRef,
  ObjectRef,
  PatchKind,
} from './client/internal-client.ts';
export type { WatchEvent } from './client/queued-watch.ts';
export { Informer } from './client/informer.ts';
export type { InformerHandlers } from './client/informer.ts';
export { EventRecorder } from './client/event-recorder.ts';
export type { EventSource, EventType } from './client/event-recorder.ts';
export type { Controller, ControllerContext } from './controllers/controller.ts';
export { ControllerManager } from './controllers/controller.ts';
export { WorkQueue } from './controllers/work-queue.ts';
export type { AdmissionPlugin, AdmissionRequest, AdmissionOperation } from './api/admission.ts';
export { ApiError, isApiError } from './api/errors.ts';
export type { PodIOHandler, PodRequest } from './apiserver/pod-io.ts';
export type { UserInfo } from './api/request-context.ts';
export { thaw } from './store/freeze.ts';
export * from './types.ts';
