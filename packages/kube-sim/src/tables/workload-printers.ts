/**
 * Columns of the workload controllers: deployments, replica sets, stateful sets, daemon sets,
 * jobs, cron jobs and controller revisions (printers.go's printDeployment, printJob…).
 */
import type { KubeObject } from '../types.ts';
import { humanDuration, timestampSince } from './human-duration.ts';
import {
  ageColumn,
  at,
  boolPtr,
  column,
  containerCells,
  containersColumn,
  doc,
  hasTrueCondition,
  imagesColumn,
  int,
  list,
  nameColumn,
  str,
  type Printer,
} from './printer.ts';
import { formatLabels, selectorString } from './selectors.ts';

const age = (obj: KubeObject, now: Date) => timestampSince(obj.metadata.creationTimestamp, now);
const specOf = (obj: KubeObject) => (obj.spec ?? {}) as Record<string, unknown>;
const statusOf = (obj: KubeObject) => (obj.status ?? {}) as Record<string, unknown>;
/** spec.replicas, which a real server always defaults to 1. */
const desired = (obj: KubeObject) =>
  typeof specOf(obj).replicas === 'number' ? int(specOf(obj).replicas) : 1;
const selectorColumn = (model: string) =>
  column('Selector', 'string', doc(model, 'selector'), { priority: 1 });

export const deploymentPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', doc('V1DeploymentStatus', 'updatedReplicas')),
    column('Available', 'string', doc('V1DeploymentStatus', 'availableReplicas')),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('V1DeploymentSpec'),
  ],
  cells: (obj, now) => [
    obj.metadata.name,
    `${int(statusOf(obj).readyReplicas)}/${desired(obj)}`,
    int(statusOf(obj).updatedReplicas),
    int(statusOf(obj).availableReplicas),
    age(obj, now),
    ...containerCells(at(obj, 'spec', 'template', 'spec')),
    selectorString(specOf(obj).selector),
  ],
});

export const replicaSetPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Desired', 'integer', doc('V1ReplicaSetSpec', 'replicas')),
    column('Current', 'integer', doc('V1ReplicaSetStatus', 'replicas')),
    column('Ready', 'integer', doc('V1ReplicaSetStatus', 'readyReplicas')),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('V1ReplicaSetSpec'),
  ],
  cells: (obj, now) => [
    obj.metadata.name,
    desired(obj),
    int(statusOf(obj).replicas),
    int(statusOf(obj).readyReplicas),
    age(obj, now),
    ...containerCells(at(obj, 'spec', 'template', 'spec')),
    selectorString(specOf(obj).selector),
  ],
});

export const statefulSetPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Number of the pod with ready state'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
  ],
  cells: (obj, now) => [
    obj.metadata.name,
    `${int(statusOf(obj).readyReplicas)}/${desired(obj)}`,
    age(obj, now),
    ...containerCells(at(obj, 'spec', 'template', 'spec')),
  ],
});

export const daemonSetPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Desired', 'integer', doc('V1DaemonSetStatus', 'desiredNumberScheduled')),
    column('Current', 'integer', doc('V1DaemonSetStatus', 'currentNumberScheduled')),
    column('Ready', 'integer', doc('V1DaemonSetStatus', 'numberReady')),
    column('Up-to-date', 'integer', doc('V1DaemonSetStatus', 'updatedNumberScheduled')),
    column('Available', 'integer', doc('V1DaemonSetStatus', 'numberAvailable')),
    column('Node Selector', 'string', doc('V1PodSpec', 'nodeSelector')),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('V1DaemonSetSpec'),
  ],
  cells: (obj, now) => {
    const status = statusOf(obj);
    return [
      obj.metadata.name,
      int(status.desiredNumberScheduled),
      int(status.currentNumberScheduled),
      int(status.numberReady),
      int(status.updatedNumberScheduled),
      int(status.numberAvailable),
      formatLabels(at(obj, 'spec', 'template', 'spec', 'nodeSelector')),
      age(obj, now),
      ...containerCells(at(obj, 'spec', 'template', 'spec')),
      selectorString(specOf(obj).selector),
    ];
  },
});

function jobStatus(job: KubeObject): string {
  const conditions = statusOf(job).conditions;
  if (hasTrueCondition(conditions, 'Complete')) return 'Complete';
  if (hasTrueCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasTrueCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasTrueCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  if (hasTrueCondition(conditions, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function jobCompletions(job: KubeObject): string {
  const succeeded = int(statusOf(job).succeeded);
  const { completions, parallelism } = specOf(job);
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  if (typeof parallelism === 'number' && parallelism > 1) return `${succeeded}/1 of ${parallelism}`;
  return `${succeeded}/1`;
}

function jobDuration(job: KubeObject, now: Date): string {
  const start = str(statusOf(job).startTime);
  if (!start) return '';
  const end = str(statusOf(job).completionTime);
  return humanDuration((end ? Date.parse(end) : now.getTime()) - Date.parse(start));
}

export const jobPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', 'The completion status of the job.'),
    column('Duration', 'string', 'Time required to complete the job.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('V1JobSpec'),
  ],
  cells: (obj, now) => [
    obj.metadata.name,
    jobStatus(obj),
    jobCompletions(obj),
    jobDuration(obj, now),
    age(obj, now),
    ...containerCells(at(obj, 'spec', 'template', 'spec')),
    selectorString(specOf(obj).selector),
  ],
});

export const cronJobPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Schedule', 'string', doc('V1CronJobSpec', 'schedule')),
    column('Timezone', 'string', doc('V1CronJobSpec', 'timeZone')),
    column('Suspend', 'boolean', doc('V1CronJobSpec', 'suspend')),
    column('Active', 'integer', doc('V1CronJobStatus', 'active')),
    column('Last Schedule', 'string', doc('V1CronJobStatus', 'lastScheduleTime')),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('V1JobSpec'),
  ],
  cells: (obj, now) => {
    const last = statusOf(obj).lastScheduleTime;
    return [
      obj.metadata.name,
      str(specOf(obj).schedule),
      str(specOf(obj).timeZone) || '<none>',
      boolPtr(specOf(obj).suspend),
      list(statusOf(obj).active).length,
      last ? timestampSince(last, now) : '<none>',
      age(obj, now),
      ...containerCells(at(obj, 'spec', 'jobTemplate', 'spec', 'template', 'spec')),
      selectorString(at(obj, 'spec', 'jobTemplate', 'spec', 'selector')) || '<none>',
    ];
  },
});

export const controllerRevisionPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', doc('V1ControllerRevision', 'revision')),
    ageColumn(),
  ],
  cells: (obj, now) => {
    const owner = (obj.metadata.ownerReferences ?? []).find((o) => o.controller);
    let controller = '<none>';
    if (owner) {
      const slash = owner.apiVersion.indexOf('/');
      const group = slash < 0 ? '' : owner.apiVersion.slice(0, slash);
      controller = `${owner.kind.toLowerCase()}${group ? `.${group}` : ''}/${owner.name}`;
    }
    return [obj.metadata.name, controller, int(obj.revision), age(obj, now)];
  },
});
