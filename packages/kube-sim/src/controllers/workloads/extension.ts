/**
 * The workload controllers as a cluster extension: ReplicaSet, Deployment, StatefulSet,
 * DaemonSet, Job, CronJob and TTL-after-finished, sharing one set of informers.
 */
import type { ClusterCore } from '../../cluster/cluster-core.ts';
import type { ClusterExtension } from '../../cluster/extensions.ts';
import type { WorkloadController } from './workload-controller.ts';
import { SharedInformers } from './shared-informers.ts';
import { ReplicaSetController } from './replicaset-controller.ts';
import { DeploymentController } from './deployment-controller.ts';
import { StatefulSetController } from './statefulset-controller.ts';
import { DaemonSetController } from './daemonset-controller.ts';
import { JobController } from './job-controller.ts';
import { TtlAfterFinishedController } from './ttl-after-finished-controller.ts';
import { CronJobController } from './cronjob-controller.ts';

export function workloadControllers(informers = new SharedInformers()): WorkloadController[] {
  return [
    new ReplicaSetController(informers),
    new DeploymentController(informers),
    new StatefulSetController(informers),
    new DaemonSetController(informers),
    new JobController(informers),
    new TtlAfterFinishedController(informers),
    new CronJobController(informers),
  ];
}

export const workloadControllersExtension: ClusterExtension = {
  name: 'workload-controllers',
  async install(core: ClusterCore): Promise<void> {
    for (const controller of workloadControllers()) await core.controllers.add(controller);
  },
};
