/**
 * The TTL-after-finished controller: a finished Job with ttlSecondsAfterFinished is deleted
 * (foreground, so its pods go first) once that many seconds have passed since it completed or
 * failed, measured on the cluster clock.
 */
import type { KubeObject } from '../../types.ts';
import { findCondition } from './conditions.ts';
import { ignoringGoneOrChanged } from './owner-references.ts';
import { finishedType, jobStatus } from './job-status.ts';
import { jobSpec } from './job-pods.ts';
import type { WorkloadKind } from './shared-informers.ts';
import { WorkloadController, splitKey } from './workload-controller.ts';

export class TtlAfterFinishedController extends WorkloadController {
  readonly name = 'ttl-after-finished-controller';
  protected readonly component = 'ttl-after-finished-controller';
  protected readonly primary: WorkloadKind = 'jobs';
  protected readonly kinds: WorkloadKind[] = ['jobs'];

  protected registerHandlers(): void {
    this.cache('jobs').on({ add: (job) => this.enqueue(job), update: (job) => this.enqueue(job) });
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const job = this.cache('jobs').get(namespace, name);
    const ttl = job === undefined ? undefined : jobSpec(job).ttlSecondsAfterFinished;
    if (job === undefined || ttl === undefined || job.metadata.deletionTimestamp !== undefined) return;
    const finishedAt = finishTime(job);
    if (finishedAt === undefined) return;
    const remaining = finishedAt + ttl * 1000 - this.now().getTime();
    if (remaining > 0) {
      this.enqueueAfter(key, remaining);
      return;
    }
    await ignoringGoneOrChanged(() =>
      this.client.delete(
        { apiVersion: 'batch/v1', kind: 'Job', namespace, name },
        { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } },
      ),
    );
  }
}

function finishTime(job: KubeObject): number | undefined {
  const type = finishedType(job);
  if (type === undefined) return undefined;
  const at = findCondition(jobStatus(job).conditions, type)?.lastTransitionTime;
  return at === undefined ? undefined : Date.parse(at);
}
