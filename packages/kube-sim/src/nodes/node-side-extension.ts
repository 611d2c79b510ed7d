/**
 * The node side of a simulated cluster as one extension: node agents (leases, node status),
 * the node lifecycle controller, default-scheduler, the kubelets and their pod IO. Installing
 * it turns on graceful pod deletion, since a kubelet now finishes what a delete starts.
 * `nodeSimulation(core)` gives tests and fault injection a handle on the running parts.
 */
import type { ClusterCore } from '../cluster/cluster-core.ts';
import type { ClusterExtension } from '../cluster/extensions.ts';
import { Scheduler, type SchedulerOptions } from '../scheduler/scheduler.ts';
import { Kubelet } from '../kubelet/kubelet.ts';
import type { KubeletSettings } from '../kubelet/kubelet-settings.ts';
import { podIOHandler } from '../podio/pod-io-handler.ts';
import { NodeFleet } from './node-fleet.ts';
import { NodeHeartbeat, type HeartbeatSettings } from './node-heartbeat.ts';
import { NodeLifecycleController, type LifecycleSettings } from './node-lifecycle.ts';
import { gpuNodePlugin } from './gpu-nodes.ts';

export interface NodeSideOptions {
  kubelet?: Partial<KubeletSettings>;
  heartbeat?: Partial<HeartbeatSettings>;
  lifecycle?: Partial<LifecycleSettings>;
  scheduler?: SchedulerOptions;
}

export interface NodeSimulation {
  fleet: NodeFleet;
  heartbeat: NodeHeartbeat;
  lifecycle: NodeLifecycleController;
  scheduler: Scheduler;
  kubelet: Kubelet;
  /**
   * Fault: stops (false) or restarts (true) a node's kubelet. A stopped kubelet renews no lease
   * and posts nothing; after the grace period the node lifecycle controller marks it Unknown.
   */
  setKubeletRunning(nodeName: string, running: boolean): void;
  /** Resolves when the scheduler, kubelets and heartbeats have nothing left to do right now. */
  settle(): Promise<void>;
}

const simulations = new WeakMap<ClusterCore, NodeSimulation>();

/** The node side of a cluster, when the extension is installed. */
export function nodeSimulation(core: ClusterCore): NodeSimulation | undefined {
  return simulations.get(core);
}

export function nodeSideExtension(options: NodeSideOptions = {}): ClusterExtension {
  return {
    name: 'node-side',
    install: async (core) => {
      const fleet = new NodeFleet();
      const heartbeat = new NodeHeartbeat(fleet, options.heartbeat);
      const lifecycle = new NodeLifecycleController(options.lifecycle);
      const scheduler = new Scheduler(options.scheduler);
      const kubelet = new Kubelet(fleet, options.kubelet);
      core.admission.register(gpuNodePlugin(() => core.gpuNodes));
      await core.controllers.add(heartbeat);
      await core.controllers.add(lifecycle);
      await core.controllers.add(scheduler);
      await core.controllers.add(kubelet);
      core.podIO = podIOHandler(kubelet);
      core.api.deps.settings.gracefulPodDeletion = true;
      simulations.set(core, {
        fleet,
        heartbeat,
        lifecycle,
        scheduler,
        kubelet,
        setKubeletRunning: (nodeName, running) => fleet.setUp(nodeName, running),
        settle: async () => {
          for (let round = 0; round < 3; round++) {
            await scheduler.idle();
            await kubelet.idle();
            await heartbeat.idle();
            await new Promise((resolve) => setImmediate(resolve));
          }
        },
      });
    },
  };
}
