/**
 * The persistent volume controller and the hostpath provisioner (pkg/controller/volume/
 * persistentvolume plus an external provisioner): a pending claim binds to a matching
 * Available volume, or — when its class uses this provisioner — gets a new volume
 * `pvc-<claim uid>` of the requested size; claim and volume are then Bound to each other with
 * the bind-completed annotations. When a claim goes away its volume is Released, and deleted
 * when its reclaim policy is Delete. Installs the default StorageClass `standard` on start.
 */
import type { KubeObject } from '../types.ts';
import type { Controller, ControllerContext } from '../controllers/controller.ts';
import type { EventRecorder } from '../client/event-recorder.ts';
import { WorkQueue } from '../controllers/work-queue.ts';
import { Informer } from '../client/informer.ts';
import { isApiError } from '../api/errors.ts';
import { timestamp } from '../api/request-context.ts';
import { compare, tryParseQuantity } from '../admission/quantity.ts';
import { PROVISIONER, claimClass, standardStorageClass } from './storage-classes.ts';

const PVC = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
const PV = { apiVersion: 'v1', kind: 'PersistentVolume' };
const SC = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' };

interface ClaimSpec {
  accessModes?: string[];
  volumeName?: string;
  volumeMode?: string;
  resources?: { requests?: { storage?: string } };
}

interface VolumeSpec {
  claimRef?: { namespace?: string; name?: string; uid?: string };
  capacity?: { storage?: string };
  accessModes?: string[];
  storageClassName?: string;
  persistentVolumeReclaimPolicy?: string;
}

function phaseOf(object: KubeObject): string | undefined {
  return (object.status as { phase?: string } | undefined)?.phase;
}

export class VolumeController implements Controller {
  readonly name = 'persistentvolume-binder';
  private context: ControllerContext | undefined;
  private claims: Informer | undefined;
  private volumes: Informer | undefined;
  private controllerEvents: EventRecorder | undefined;
  private provisionerEvents: EventRecorder | undefined;
  private readonly queue = new WorkQueue<string>((key) => this.syncOrRetry(key));

  async start(context: ControllerContext): Promise<void> {
    this.context = context;
    this.controllerEvents = context.eventRecorder({ component: 'persistentvolume-controller' });
    this.provisionerEvents = context.eventRecorder({ component: `${PROVISIONER}_kube-sim-provisioner` });
    if ((await context.client.tryGet({ ...SC, name: 'standard' })) === undefined) {
      try {
        await context.client.create(standardStorageClass());
      } catch (err) {
        if (!(isApiError(err) && err.code === 409)) throw err;
      }
    }
    this.claims = new Informer(context.client, PVC);
    this.volumes = new Informer(context.client, PV);
    const claimKey = (claim: KubeObject): void =>
      this.queue.add(`claim/${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`);
    const volumeKey = (volume: KubeObject): void => this.queue.add(`volume/${volume.metadata.name ?? ''}`);
    this.claims.on({ add: claimKey, update: claimKey, delete: (claim) => this.claimDeleted(claim) });
    this.volumes.on({ add: volumeKey, update: volumeKey });
    await this.volumes.start();
    await this.claims.start();
  }

  stop(): void {
    this.queue.stop();
    this.claims?.stop();
    this.volumes?.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private claimDeleted(claim: KubeObject): void {
    for (const volume of this.volumes?.list() ?? []) {
      if ((volume.spec as VolumeSpec).claimRef?.uid === claim.metadata.uid)
        this.queue.add(`volume/${volume.metadata.name ?? ''}`);
    }
  }

  private async syncOrRetry(key: string): Promise<void> {
    try {
      if (key.startsWith('claim/')) await this.syncClaim(key.slice('claim/'.length));
      else await this.syncVolume(key.slice('volume/'.length));
    } catch (err) {
      if (!(isApiError(err) && (err.code === 409 || err.code === 404))) throw err;
      setTimeout(() => this.queue.add(key), 10).unref();
    }
  }

  private async syncClaim(key: string): Promise<void> {
    const slash = key.indexOf('/');
    const claim = this.claims?.get(key.slice(0, slash), key.slice(slash + 1));
    if (claim === undefined || claim.metadata.deletionTimestamp !== undefined) return;
    const spec = claim.spec as ClaimSpec;
    if (spec.volumeName) {
      if (phaseOf(claim) !== 'Bound') {
        const volume = this.volumes?.get('', spec.volumeName);
        if (volume !== undefined && (volume.spec as VolumeSpec).claimRef?.uid === claim.metadata.uid)
          await this.markClaimBound(claim, volume);
      }
      return;
    }
    const matching = this.findVolume(claim);
    if (matching !== undefined) {
      await this.bind(claim, matching);
      return;
    }
    const className = claimClass(claim);
    const storageClass =
      className === '' ? undefined : await this.context?.client.tryGet({ ...SC, name: className });
    if (storageClass?.provisioner !== PROVISIONER) return;
    await this.provision(claim, storageClass);
  }

  /** The smallest Available volume of the claim's class that fits it. */
  private findVolume(claim: KubeObject): KubeObject | undefined {
    const spec = claim.spec as ClaimSpec;
    const wanted = tryParseQuantity(spec.resources?.requests?.storage);
    let best: KubeObject | undefined;
    for (const volume of this.volumes?.list() ?? []) {
      const v = volume.spec as VolumeSpec;
      if (phaseOf(volume) !== 'Available' || volume.metadata.deletionTimestamp !== undefined) continue;
      if (v.claimRef !== undefined && v.claimRef.uid !== claim.metadata.uid) continue;
      if ((v.storageClassName ?? '') !== claimClass(claim)) continue;
      if (!(spec.accessModes ?? []).every((mode) => (v.accessModes ?? []).includes(mode))) continue;
      const size = tryParseQuantity(v.capacity?.storage);
      if (wanted !== undefined && (size === undefined || compare(size, wanted) < 0)) continue;
      const bestSize = tryParseQuantity((best?.spec as VolumeSpec | undefined)?.capacity?.storage);
      if (best === undefined || (size !== undefined && bestSize !== undefined && compare(size, bestSize) < 0))
        best = volume;
    }
    return best;
  }

  private async provision(claim: KubeObject, storageClass: KubeObject): Promise<void> {
    const client = (this.context as ControllerContext).client;
    const name = `pvc-${claim.metadata.uid ?? ''}`;
    if (this.volumes?.get('', name) !== undefined) return;
    const claimName = `${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`;
    if (claim.metadata.annotations?.['volume.kubernetes.io/storage-provisioner'] === undefined) {
      await client.patch(
        { ...PVC, namespace: claim.metadata.namespace ?? '', name: claim.metadata.name ?? '' },
        'merge',
        {
          metadata: {
            annotations: {
              'volume.beta.kubernetes.io/storage-provisioner': PROVISIONER,
              'volume.kubernetes.io/storage-provisioner': PROVISIONER,
            },
          },
        },
      );
      void this.controllerEvents?.event(
        claim,
        'Normal',
        'ExternalProvisioning',
        `Waiting for a volume to be created either by the external provisioner '${PROVISIONER}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
    }
    void this.provisionerEvents?.event(
      claim,
      'Normal',
      'Provisioning',
      `External provisioner is provisioning volume for claim "${claimName}"`,
    );
    const spec = claim.spec as ClaimSpec;
    const volume = await client.create({
      ...PV,
      metadata: { name, annotations: { 'pv.kubernetes.io/provisioned-by': PROVISIONER } },
      spec: {
        accessModes: spec.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          namespace: claim.metadata.namespace,
          name: claim.metadata.name,
          uid: claim.metadata.uid,
          resourceVersion: claim.metadata.resourceVersion,
        },
        hostPath: {
          path: `/var/local-path-provisioner/${name}_${claim.metadata.namespace ?? ''}_${claim.metadata.name ?? ''}`,
          type: 'DirectoryOrCreate',
        },
        persistentVolumeReclaimPolicy: (storageClass.reclaimPolicy as string | undefined) ?? 'Delete',
        storageClassName: storageClass.metadata.name,
        volumeMode: spec.volumeMode ?? 'Filesystem',
      },
    });
    void this.provisionerEvents?.event(
      claim,
      'Normal',
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${volume.metadata.name ?? name}`,
    );
  }

  /** Binds a pre-existing volume: claimRef on the volume first, then the claim. */
  private async bind(claim: KubeObject, volume: KubeObject): Promise<void> {
    const client = (this.context as ControllerContext).client;
    const updated = structuredClone(volume);
    (updated.spec as VolumeSpec & Record<string, unknown>).claimRef = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      namespace: claim.metadata.namespace,
      name: claim.metadata.name,
      uid: claim.metadata.uid,
      resourceVersion: claim.metadata.resourceVersion,
    } as VolumeSpec['claimRef'];
    updated.metadata.annotations = {
      ...(volume.metadata.annotations ?? {}),
      'pv.kubernetes.io/bound-by-controller': 'yes',
    };
    await client.update(updated);
  }

  private async syncVolume(name: string): Promise<void> {
    const client = (this.context as ControllerContext).client;
    const volume = this.volumes?.get('', name);
    if (volume === undefined || volume.metadata.deletionTimestamp !== undefined) return;
    const spec = volume.spec as VolumeSpec;
    const ref = spec.claimRef;
    const claim = ref?.name === undefined ? undefined : this.claims?.get(ref.namespace ?? '', ref.name);
    const claimGone = ref?.uid !== undefined && (claim === undefined || claim.metadata.uid !== ref.uid);
    let phase = ref === undefined ? 'Available' : claimGone ? 'Released' : 'Bound';
    if (phase === 'Released' && spec.persistentVolumeReclaimPolicy === 'Delete') {
      // Released first, so pv-protection lets the volume go once it is deleted.
      if (phaseOf(volume) !== 'Released') await this.setPhase(volume, 'Released');
      await client.delete({ ...PV, name });
      return;
    }
    if (phase === 'Bound' && claim !== undefined && (claim.spec as ClaimSpec).volumeName !== name) {
      await this.markClaimBound(claim, volume);
      phase = 'Bound';
    }
    if (phaseOf(volume) !== phase) await this.setPhase(volume, phase);
  }

  private async setPhase(
    object: KubeObject,
    phase: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const client = (this.context as ControllerContext).client;
    const updated = structuredClone(object);
    updated.status = {
      ...(object.status as object),
      phase,
      lastPhaseTransitionTime: timestamp((this.context as ControllerContext).clock.now()),
      ...extra,
    };
    await client.updateStatus(updated);
  }

  /** The claim's half of a bind: volumeName and annotations, then the Bound status. */
  private async markClaimBound(claim: KubeObject, volume: KubeObject): Promise<void> {
    const client = (this.context as ControllerContext).client;
    let current = claim;
    if (
      (claim.spec as ClaimSpec).volumeName !== volume.metadata.name ||
      claim.metadata.annotations?.['pv.kubernetes.io/bind-completed'] !== 'yes'
    ) {
      const updated = structuredClone(claim);
      (updated.spec as ClaimSpec).volumeName = volume.metadata.name ?? '';
      updated.metadata.annotations = {
        ...(claim.metadata.annotations ?? {}),
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
      };
      current = await client.update(updated);
    }
    if (phaseOf(current) === 'Bound') return;
    const v = volume.spec as VolumeSpec;
    const updated = structuredClone(current);
    updated.status = {
      ...(current.status as object),
      phase: 'Bound',
      accessModes: v.accessModes ?? [],
      capacity: { storage: v.capacity?.storage ?? '' },
    };
    await client.updateStatus(updated);
  }
}
