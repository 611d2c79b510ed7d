import type { ChangeContext } from '../../audit/audit-entry.ts';
import type { AuditRecorder } from '../../audit/recorder.ts';
import type { Executor } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { validationFailed } from '../../core/errors/errors.ts';
import type { ClusterConnections } from '../connections/cluster-connections.ts';
import type { DrainTracker } from './drain-tracker.ts';
import { drainBlockers, drainNode, type DrainBlocker, type DrainSettings } from './node-drainer.ts';
import { nodeApi } from './node-api.ts';
import { podRow, podsByNode, summarizeNode } from './node-summary.ts';
import type { NodeObject } from './resources.ts';
import type { DrainBody, DrainStatus, NodeSummary, TaintsBody } from './schemas.ts';

export interface NodeServiceDeps {
  db: Executor;
  connections: ClusterConnections;
  audit: AuditRecorder;
  drains: DrainTracker;
  /** Retry and poll intervals of drains (the timeout comes with each request). */
  drainPacing: Pick<DrainSettings, 'retryIntervalMs' | 'pollIntervalMs'>;
}

const DEFAULT_DRAIN_TIMEOUT_SECONDS = 300;

const BLOCKED_BECAUSE = {
  force: 'no controller manages them, so nothing would recreate them',
  deleteEmptyDirData: 'their emptyDir data would be lost',
};

function drainBlocked(node: string, blockers: DrainBlocker[]): AppError {
  const reasons = (['force', 'deleteEmptyDirData'] as const).flatMap((option) => {
    const pods = blockers.filter((b) => b.option === option).map((b) => b.pod);
    return pods.length
      ? [`${pods.join(', ')}: ${BLOCKED_BECAUSE[option]} (set ${option} to evict them)`]
      : [];
  });
  return new AppError('DRAIN_BLOCKED', 409, `Node ${node} was not drained. ${reasons.join('; ')}`, {
    field: blockers[0]!.option,
    pods: blockers,
  });
}

/** Node views for the console and the node operations: cordon, uncordon, drain, taints. */
export class NodeService {
  readonly #d: NodeServiceDeps;

  constructor(deps: NodeServiceDeps) {
    this.#d = deps;
  }

  async list(cluster: string): Promise<NodeSummary[]> {
    const connection = this.#d.connections.get(cluster);
    const [nodes, pods, usage] = await Promise.all([
      nodeApi.listNodes(connection),
      nodeApi.listPods(connection),
      nodeApi.nodeUsage(connection),
    ]);
    const byNode = podsByNode(pods);
    return nodes
      .map((node) =>
        summarizeNode(node, byNode.get(node.metadata.name) ?? [], usage?.get(node.metadata.name) ?? null),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(cluster: string, name: string) {
    const connection = this.#d.connections.get(cluster);
    const [node, pods, usage] = await Promise.all([
      nodeApi.getNode(connection, name),
      nodeApi.listPods(connection, name),
      nodeApi.nodeUsage(connection),
    ]);
    return {
      summary: summarizeNode(node, pods, usage?.get(name) ?? null),
      node: node as unknown as Record<string, unknown>,
      pods: pods
        .map(podRow)
        .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`)),
    };
  }

  /** Cordon (`unschedulable` true) or uncordon a node. */
  async setSchedulable(
    ctx: ChangeContext,
    cluster: string,
    name: string,
    schedulable: boolean,
  ): Promise<NodeSummary> {
    const connection = this.#d.connections.get(cluster);
    const before = await nodeApi.getNode(connection, name);
    const after = await nodeApi.patchNode(connection, name, {
      spec: { unschedulable: schedulable ? null : true },
    });
    await this.#record(
      ctx,
      cluster,
      name,
      { unschedulable: before.spec?.unschedulable === true },
      { unschedulable: !schedulable },
    );
    return this.#summary(cluster, after);
  }

  /** Replaces the node's taints; a change made meanwhile by someone else is a conflict. */
  async setTaints(ctx: ChangeContext, cluster: string, name: string, body: TaintsBody): Promise<NodeSummary> {
    const seen = new Set<string>();
    body.taints.forEach((taint, index) => {
      const id = `${taint.key}:${taint.effect}`;
      if (seen.has(id)) {
        throw validationFailed(
          `taints[${index}]`,
          `taints[${index}] repeats key "${taint.key}" with effect ${taint.effect}`,
        );
      }
      seen.add(id);
    });
    const taints = body.taints.map((t) => ({
      key: t.key,
      ...(t.value && { value: t.value }),
      effect: t.effect,
    }));
    const connection = this.#d.connections.get(cluster);
    const before = await nodeApi.getNode(connection, name);
    const after = await nodeApi.patchNode(connection, name, {
      metadata: { resourceVersion: (before.metadata as { resourceVersion?: string }).resourceVersion },
      spec: { taints: taints.length ? taints : null },
    });
    await this.#record(ctx, cluster, name, { taints: before.spec?.taints ?? [] }, { taints });
    return this.#summary(cluster, after);
  }

  /** Cordons the node, then evicts its pods in the background; answers with the operation. */
  async startDrain(
    ctx: ChangeContext,
    cluster: string,
    name: string,
    options: DrainBody,
  ): Promise<DrainStatus> {
    const connection = this.#d.connections.get(cluster);
    const before = await nodeApi.getNode(connection, name);
    // Refused before the cordon, so a blocked drain changes nothing.
    const blockers = drainBlockers(await nodeApi.listPods(connection, name), options);
    if (blockers.length > 0) throw drainBlocked(name, blockers);
    await nodeApi.patchNode(connection, name, { spec: { unschedulable: true } });
    const settings: DrainSettings = {
      ...this.#d.drainPacing,
      timeoutMs: (options.timeoutSeconds ?? DEFAULT_DRAIN_TIMEOUT_SECONDS) * 1000,
      ...(options.gracePeriodSeconds !== undefined && { gracePeriodSeconds: options.gracePeriodSeconds }),
    };
    const status = this.#d.drains.start(cluster, name, (progress) =>
      drainNode(connection, name, progress, settings),
    );
    await this.#record(
      ctx,
      cluster,
      name,
      { unschedulable: before.spec?.unschedulable === true },
      { unschedulable: true, drain: status.id },
    );
    return status;
  }

  drainStatus(cluster: string, name: string): DrainStatus {
    this.#d.connections.get(cluster);
    return this.#d.drains.latest(cluster, name);
  }

  async #summary(cluster: string, node: NodeObject): Promise<NodeSummary> {
    const connection = this.#d.connections.get(cluster);
    const pods = await nodeApi.listPods(connection, node.metadata.name);
    return summarizeNode(node, pods, null);
  }

  /** The change is in the cluster already; the audit record has its own transaction. */
  async #record(
    ctx: ChangeContext,
    cluster: string,
    node: string,
    before: object,
    after: object,
  ): Promise<void> {
    ctx.scope = { ...ctx.scope, clusterId: cluster };
    await inTransaction(this.#d.db, (tx) =>
      this.#d.audit.recordChange(tx, ctx, {
        targetId: node,
        diff: { before: { ...before }, after: { ...after } },
      }),
    );
  }
}
