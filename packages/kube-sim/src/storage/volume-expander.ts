/**
 * Volume expansion (external-resizer plus the kubelet's filesystem step): when a bound claim
 * asks for more storage than it has, the volume's capacity grows and the claim's status
 * capacity follows, with the Resizing / FileSystemResizeSuccessful events users see.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import type { EventRecorder } from '../client/event-recorder.ts';
import { WorkQueue } from '../controllers/work-queue.ts';
import { Informer } from '../client/informer.ts';
import { isApiError } from '../api/errors.ts';
import { compare, tryParseQuantity } from '../admission/quantity.ts';
import { PROVISIONER } from './storage-classes.ts';

interface Claim {
  spec?: { volumeName?: string; resources?: { requests?: { storage?: string } } };
  status?: { phase?: string; capacity?: { storage?: string } };
}

function wantsMore(claim: KubeObject): boolean {
  const { spec, status } = claim as Claim;
  const requested = tryParseQuantity(spec?.resources?.requests?.storage);
  const capacity = tryParseQuantity(status?.capacity?.storage);
  return (
    status?.phase === 'Bound' &&
    requested !== undefined &&
    capacity !== undefined &&
    compare(requested, capacity) > 0
  );
}

export class VolumeExpander implements Controller {
  readonly name = 'volume-expander';
  private context: ControllerContext | undefined;
  private claims: Informer | undefined;
  private events: EventRecorder | undefined;
  private readonly queue = new WorkQueue<string>((key) => this.syncOrRetry(key));

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    this.events = context.eventRecorder({ component: `external-resizer ${PROVISIONER}` });
    this.claims = new Informer(context.client, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' });
    const changed = (claim: KubeObject): void => {
      if (wantsMore(claim)) this.queue.add(`${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`);
    };
    this.claims.on({ add: changed, update: changed });
    await this.claims.start();
  }

  stop(): void {
    this.queue.stop();
    this.claims?.stop();
  }

  private async syncOrRetry(key: string): Promise<void> {
    try {
      await this.sync(key);
    } catch (err) {
      if (!(isApiError(err) && err.code === 409)) throw err;
      setTimeout(() => this.queue.add(key), 10).unref();
    }
  }

  private async sync(key: string): Promise<void> {
    const client = (this.context as ControllerContext).client;
    const slash = key.indexOf('/');
    const claim = this.claims?.get(key.slice(0, slash), key.slice(slash + 1));
    if (claim === undefined || !wantsMore(claim)) return;
    const { spec } = claim as Claim;
    const size = spec?.resources?.requests?.storage as string;
    const volumeName = spec?.volumeName ?? '';
    const volume = await client.tryGet({ apiVersion: 'v1', kind: 'PersistentVolume', name: volumeName });
    if (volume === undefined) return;
    void this.events?.event(claim, 'Normal', 'Resizing', `External resizer is resizing volume ${volumeName}`);
    const grown = structuredClone(volume);
    (grown.spec as { capacity: Record<string, string> }).capacity = { storage: size };
    await client.update(grown);
    const updated = structuredClone(claim);
    updated.status = {
      ...(claim.status as object),
      capacity: { storage: size },
      allocatedResources: { storage: size },
    };
    await client.updateStatus(updated);
    void this.events?.event(
      claim,
      'Normal',
      'FileSystemResizeSuccessful',
      `MountVolume.NodeExpandVolume succeeded for volume "${volumeName}"`,
    );
  }
}
