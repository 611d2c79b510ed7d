/**
 * The Deployment controller: one ReplicaSet per pod template (`<deployment>-<pod-template-hash>`),
 * revisions in `deployment.kubernetes.io/revision`, RollingUpdate or Recreate rollouts, scaling
 * shared out across ReplicaSets, paused Deployments only scaled, old ReplicaSets trimmed to
 * revisionHistoryLimit, and the Available / Progressing conditions kubectl rollout status reads.
 * A rollback (kubectl rollout undo) is a template change back to an old ReplicaSet's template:
 * that ReplicaSet becomes the new one again and takes the next revision.
 */
import type { KubeObject } from '../../types.ts';
import { controllerRefOf } from './indexed-cache.ts';
import { claimChildren } from './owner-references.ts';
import { isPaused, strategyOf } from './deployment-util.ts';
import { DeploymentSync, type DeploymentEnvironment } from './deployment-sync.ts';
import { rolloutRecreate, rolloutRolling } from './deployment-rollout.ts';
import { cleanupDeployment, isScalingEvent, scaleDeployment } from './deployment-scaling.ts';
import { checkPausedConditions, syncDeploymentStatus } from './deployment-status.ts';
import { selects, selectsEverything } from './selectors.ts';
import type { WorkloadKind } from './shared-informers.ts';
import { WorkloadController, splitKey } from './workload-controller.ts';

export class DeploymentController extends WorkloadController {
  readonly name = 'deployment-controller';
  protected readonly component = 'deployment-controller';
  protected readonly primary: WorkloadKind = 'deployments';
  protected readonly kinds: WorkloadKind[] = ['deployments', 'replicaSets', 'pods'];

  protected registerHandlers(): void {
    this.cache('deployments').on({
      add: (d) => this.enqueue(d),
      update: (d) => this.enqueue(d),
      delete: (d) => this.enqueue(d),
    });
    this.cache('replicaSets').on({
      add: (rs) => this.replicaSetChanged(rs),
      update: (rs, old) => {
        if (controllerRefOf(old)?.uid !== controllerRefOf(rs)?.uid) this.replicaSetChanged(old);
        this.replicaSetChanged(rs);
      },
      delete: (rs) => this.replicaSetChanged(rs),
    });
    this.cache('pods').on({ delete: (pod) => this.podDeleted(pod) });
  }

  private ownerOf(rs: KubeObject): KubeObject | undefined {
    const ref = controllerRefOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    return this.cache('deployments').resolve(rs.metadata.namespace ?? '', ref);
  }

  private replicaSetChanged(rs: KubeObject): void {
    const owner = this.ownerOf(rs);
    if (owner !== undefined) return this.enqueue(owner);
    if (controllerRefOf(rs) !== undefined) return;
    for (const d of this.cache('deployments').inNamespace(rs.metadata.namespace ?? '')) {
      if (selects(d, rs)) this.enqueue(d);
    }
  }

  /** A Recreate rollout waits for the old pods to be gone: their deletion moves it on. */
  private podDeleted(pod: KubeObject): void {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.cache('replicaSets').resolve(pod.metadata.namespace ?? '', ref);
    const d = rs === undefined ? undefined : this.ownerOf(rs);
    if (d !== undefined && strategyOf(d).type === 'Recreate') this.enqueue(d);
  }

  private environment(): DeploymentEnvironment {
    return {
      client: this.client,
      recorder: this.recorder,
      now: () => this.now(),
      getReplicaSet: (namespace, name) => this.cache('replicaSets').get(namespace, name),
    };
  }

  protected async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const d = this.cache('deployments').get(namespace, name);
    if (d === undefined) return;
    if (selectsEverything(d)) {
      void this.recorder.event(
        d,
        'Warning',
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
      );
      return;
    }
    const replicaSets = this.cache('replicaSets');
    const owned = await claimChildren(
      this.client,
      d,
      { owned: replicaSets.controlledBy(d.metadata.uid), orphans: replicaSets.orphansIn(namespace) },
      (rs) => selects(d, rs),
    );
    const sync = new DeploymentSync(this.environment(), d, owned);
    if (d.metadata.deletionTimestamp !== undefined) {
      const { newRS, oldRSs } = await sync.replicaSetsWithRevision(false);
      return syncDeploymentStatus(sync, [...oldRSs, newRS], newRS);
    }
    await checkPausedConditions(sync);
    if (isPaused(d)) return this.scale(sync);
    const { newRS, oldRSs } = await sync.replicaSetsWithRevision(false);
    if (isScalingEvent(sync.deployment, [newRS, ...oldRSs])) return this.scale(sync);
    const pods = this.cache('pods');
    const requeue =
      strategyOf(d).type === 'Recreate'
        ? await rolloutRecreate(sync, (rs) => pods.controlledBy(rs.metadata.uid))
        : await rolloutRolling(sync);
    if (requeue !== undefined) this.enqueueAfter(key, requeue);
  }

  /** dc.sync: scaling (or a paused Deployment) only — no rollout progress. */
  private async scale(sync: DeploymentSync): Promise<void> {
    const { newRS, oldRSs } = await sync.replicaSetsWithRevision(false);
    await scaleDeployment(sync, newRS, oldRSs);
    if (isPaused(sync.deployment))
      await cleanupDeployment(
        sync,
        oldRSs.map((rs) => sync.latest(rs)),
      );
    await syncDeploymentStatus(
      sync,
      sync.allReplicaSets(newRS),
      newRS === undefined ? undefined : sync.latest(newRS),
    );
  }
}
