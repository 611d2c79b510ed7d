import type { Condition, KubeObject } from '../api/kubeTypes';
import { humanDuration } from './age';
import { ageColumn, textColumn, type ColumnDef, type StatusText } from './columns';

function hasCondition(job: KubeObject, type: string): boolean {
  return ((job.status?.conditions ?? []) as Condition[]).some((c) => c.type === type && c.status === 'True');
}

/** STATUS as kubectl 1.28+ prints it for Jobs. */
export function jobStatus(job: KubeObject): StatusText {
  if (hasCondition(job, 'Complete')) return { text: 'Complete', tone: 'success' };
  if (hasCondition(job, 'Failed')) return { text: 'Failed', tone: 'danger' };
  if (job.metadata.deletionTimestamp) return { text: 'Terminating', tone: 'warning' };
  if (hasCondition(job, 'Suspended')) return { text: 'Suspended', tone: 'info' };
  if (hasCondition(job, 'FailureTarget')) return { text: 'FailureTarget', tone: 'danger' };
  return { text: 'Running', tone: 'primary' };
}

/** COMPLETIONS: `succeeded/completions`, or `succeeded/1 of N` for parallel jobs without a count. */
export function jobCompletions(job: KubeObject): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 1;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobDuration(job: KubeObject, now: number): string {
  const start = job.status?.startTime ? Date.parse(job.status.startTime) : NaN;
  if (Number.isNaN(start)) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now;
  return humanDuration(end - start);
}

export const jobColumns: ColumnDef[] = [
  textColumn('status', (j) => jobStatus(j).text, { render: 'status', status: jobStatus, minWidth: 110 }),
  textColumn('completions', jobCompletions, { minWidth: 110 }),
  textColumn('duration', jobDuration, { minWidth: 100 }),
  ageColumn,
];
