/**
 * Cluster extensions: what the simulated control plane adds on top of the API core — controllers
 * (scheduler, kubelet, workload controllers…), admission plugins (LimitRanger, ResourceQuota…),
 * the pod IO handler. Each extension installs itself on a fresh ClusterCore before the bootstrap
 * objects are created, so its admission plugins already see them and its controllers start
 * with the cluster.
 */
import type { ClusterCore } from './cluster-core.ts';
import { nodeSideExtension } from '../nodes/node-side-extension.ts';
import { quotaAdmissionExtension } from '../admission/extension.ts';
import { servicesExtension } from '../services/extension.ts';
import { storageExtension } from '../storage/extension.ts';
import { metricsExtension } from '../metrics/extension.ts';
import { autoscalingExtension } from '../autoscaling/extension.ts';
import { workloadControllersExtension } from '../controllers/workloads/extension.ts';

export interface ClusterExtension {
  readonly name: string;
  install(core: ClusterCore): void | Promise<void>;
}

/**
 * Extensions every cluster gets unless ClusterOptions.extensions says otherwise. The controller
 * and kubelet work registers its extensions here.
 */
export const DEFAULT_EXTENSIONS: ClusterExtension[] = [
  nodeSideExtension(),
  quotaAdmissionExtension,
  servicesExtension,
  storageExtension,
  metricsExtension,
  autoscalingExtension,
  workloadControllersExtension,
];
