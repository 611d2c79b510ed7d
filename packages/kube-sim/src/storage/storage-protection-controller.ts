/**
 * The pvc-protection and pv-protection controllers: a claim being deleted keeps its
 * `kubernetes.io/pvc-protection` finalizer while a running pod still mounts it; a volume being
 * deleted keeps `kubernetes.io/pv-protection` while it is Bound. Then the finalizer goes and
 * the object with it.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import { WorkQueue } from '../controllers/work-queue.ts';
import { Informer } from '../client/informer.ts';
import { isApiError } from '../api/errors.ts';
import { PV_PROTECTION, PVC_PROTECTION } from './storage-admission.ts';

function usesClaim(pod: KubeObject, claimName: string): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const volumes =
    (
      (pod.spec ?? {}) as {
        volumes?: { name?: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }[];
      }
    ).volumes ?? [];
  return volumes.some(
    (v) =>
      v.persistentVolumeClaim?.claimName === claimName ||
      (v.ephemeral !== undefined && `${pod.metadata.name ?? ''}-${v.name ?? ''}` === claimName),
  );
}

export class StorageProtectionController implements Controller {
  readonly name = 'storage-protection';
  private context: ControllerContext | undefined;
  private readonly informers: Informer[] = [];
  private readonly queue = new WorkQueue<string>((key) => this.syncOrRetry(key));

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    const claims = new Informer(context.client, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' });
    const volumes = new Informer(context.client, { apiVersion: 'v1', kind: 'PersistentVolume' });
    const pods = new Informer(context.client, { apiVersion: 'v1', kind: 'Pod' });
    this.informers.push(claims, volumes, pods);
    const claimChanged = (claim: KubeObject): void => {
      if (claim.metadata.deletionTimestamp !== undefined)
        this.queue.add(`claim/${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`);
    };
    const volumeChanged = (volume: KubeObject): void => {
      if (volume.metadata.deletionTimestamp !== undefined)
        this.queue.add(`volume/${volume.metadata.name ?? ''}`);
    };
    claims.on({ add: claimChanged, update: claimChanged });
    volumes.on({ add: volumeChanged, update: volumeChanged });
    // A pod leaving may unblock the claims of its namespace that are being deleted.
    const podGone = (pod: KubeObject): void => {
      for (const claim of claims.list(pod.metadata.namespace ?? '')) claimChanged(claim);
    };
    pods.on({ delete: podGone, update: (pod) => (usesAnyClaim(pod) ? podGone(pod) : undefined) });
    await pods.start();
    await volumes.start();
    await claims.start();
  }

  stop(): void {
    this.queue.stop();
    for (const informer of this.informers) informer.stop();
  }

  private async syncOrRetry(key: string): Promise<void> {
    try {
      await this.sync(key);
    } catch (err) {
      if (!(isApiError(err) && (err.code === 409 || err.code === 404))) throw err;
      setTimeout(() => this.queue.add(key), 10).unref();
    }
  }

  private async sync(key: string): Promise<void> {
    const client = (this.context as ControllerContext).client;
    const [type, ...rest] = key.split('/');
    const ref =
      type === 'claim'
        ? { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: rest[0] ?? '', name: rest[1] ?? '' }
        : { apiVersion: 'v1', kind: 'PersistentVolume', name: rest[0] ?? '' };
    const object = await client.tryGet(ref);
    const finalizer = type === 'claim' ? PVC_PROTECTION : PV_PROTECTION;
    if (
      object?.metadata.deletionTimestamp === undefined ||
      !(object.metadata.finalizers ?? []).includes(finalizer)
    )
      return;
    if (type === 'claim') {
      const pods = await client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: ref.namespace });
      if (pods.items.some((pod) => usesClaim(pod, ref.name))) return;
    } else if ((object.status as { phase?: string } | undefined)?.phase === 'Bound') {
      return;
    }
    const updated = structuredClone(object);
    updated.metadata.finalizers = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    try {
      await client.update(updated);
    } catch (err) {
      if (!(isApiError(err) && err.code === 404)) throw err;
    }
  }
}

function usesAnyClaim(pod: KubeObject): boolean {
  const volumes =
    ((pod.spec ?? {}) as { volumes?: { persistentVolumeClaim?: unknown; ephemeral?: unknown }[] }).volumes ??
    [];
  return volumes.some((v) => v.persistentVolumeClaim !== undefined || v.ephemeral !== undefined);
}
