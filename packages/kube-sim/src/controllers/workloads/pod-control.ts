/**
 * Creating and deleting a controller's pods (controller.PodControl): pods from the template,
 * owned by the controller, created in "slow start" batches (1, 2, 4…) that stop at the first
 * refusal, so a quota that is full costs one failed request rather than hundreds. Every
 * outcome is an event on the owner, worded as the real controllers word it.
 */
import type { KubeObject } from '../../types.ts';
import { isApiError } from '../../api/errors.ts';
import type { InternalClient } from '../../client/internal-client.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import { newControllerRef } from './owner-references.ts';

interface PodTemplate {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
  };
  spec?: Record<string, unknown>;
}

export function templateOf(workload: KubeObject): PodTemplate {
  return ((workload.spec ?? {}) as { template?: PodTemplate }).template ?? {};
}

/** controller.GetPodFromTemplate: labels, annotations, finalizers and spec of the template. */
export function podFromTemplate(
  template: PodTemplate,
  owner: KubeObject,
  naming: { generateName: string } | { name: string },
): KubeObject {
  const meta = template.metadata ?? {};
  const metadata: KubeObject['metadata'] = { ...naming, namespace: owner.metadata.namespace };
  if (meta.labels && Object.keys(meta.labels).length > 0) metadata.labels = { ...meta.labels };
  if (meta.annotations && Object.keys(meta.annotations).length > 0)
    metadata.annotations = { ...meta.annotations };
  if (meta.finalizers && meta.finalizers.length > 0) metadata.finalizers = [...meta.finalizers];
  metadata.ownerReferences = [newControllerRef(owner)];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec ?? {}) };
}

/**
 * Runs `count` calls in batches of doubling size; stops after the first batch with a failure.
 * Returns how many calls succeeded and the first error.
 */
export async function slowStartBatch(
  count: number,
  call: (index: number) => Promise<void>,
): Promise<{ successes: number; skipped: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  let index = 0;
  for (let size = Math.min(remaining, 1); size > 0; size = Math.min(2 * size, remaining)) {
    const batch = Array.from({ length: size }, () => call(index++));
    const results = await Promise.allSettled(batch);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += results.filter((r) => r.status === 'fulfilled').length;
    remaining -= size;
    if (failed !== undefined) return { successes, skipped: remaining, error: failed.reason };
  }
  return { successes, skipped: 0 };
}

export class PodControl {
  private readonly client: InternalClient;
  private readonly recorder: EventRecorder;

  constructor(client: InternalClient, recorder: EventRecorder) {
    this.client = client;
    this.recorder = recorder;
  }

  /** Creates a pod; SuccessfulCreate / FailedCreate on the owner. Rethrows the refusal. */
  async create(owner: KubeObject, pod: KubeObject): Promise<KubeObject> {
    try {
      const created = await this.client.create(pod);
      void this.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      return created;
    } catch (err) {
      void this.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
      throw err;
    }
  }

  /** Deletes a pod; a pod already gone counts as deleted (false), other failures are rethrown. */
  async delete(owner: KubeObject, pod: KubeObject): Promise<boolean> {
    const name = pod.metadata.name ?? '';
    try {
      await this.client.delete({ apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name });
      void this.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
      return true;
    } catch (err) {
      if (isApiError(err) && err.code === 404) return false;
      void this.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(err)}`);
      throw err;
    }
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
