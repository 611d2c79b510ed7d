/**
 * `--scale nodes=N,pods=M` as a cluster really looks at that size: the pods belong to
 * Deployments (through ReplicaSets named with their pod-template-hash) of varied sizes, spread
 * over team namespaces and worker nodes, already Running — so the workload controllers adopt
 * them as their own and the kubelet takes their containers over, with nothing to reconcile.
 * Each Deployment with its ReplicaSet and pods is written in one synchronous step, so no
 * controller ever sees a Deployment without its ReplicaSet.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { KubeObject } from '../types.ts';
import type { ClusterCore } from '../cluster/cluster-core.ts';
import { seedScale, type ScaleTarget } from '../cluster/scale-seed.ts';
import { namespaceObject } from '../cluster/bootstrap-objects.ts';
import { nodeName } from '../cluster/nodes.ts';
import { CONTROLLER_USER, newContext, timestamp } from '../api/request-context.ts';
import { templateHash } from '../controllers/workloads/deployment-util.ts';

const APPS = [
  'storefront',
  'checkout',
  'catalog',
  'search',
  'payments',
  'inventory',
  'orders',
  'notifications',
  'recommendations',
  'auth',
  'reporting',
  'gateway',
];
/** Deployment sizes, cycled: mostly small services, a few wide ones. */
const SIZES = [1, 2, 3, 3, 5, 8, 12, 20, 40];
const PODS_PER_NAMESPACE = 1000;

export interface ScaleResult {
  nodes: number;
  pods: number;
  deployments: number;
  namespaces: number;
}

function owner(object: KubeObject): NonNullable<KubeObject['metadata']['ownerReferences']>[number] {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name ?? '',
    uid: object.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

function podStatus(
  pod: KubeObject,
  index: number,
  node: string,
  hostIP: string,
  now: string,
): Record<string, unknown> {
  const containers = ((pod.spec as { containers: { name: string; image: string }[] }).containers ?? []).map(
    (c) => ({
      name: c.name,
      image: c.image,
      imageID: `${c.image.split(':')[0] ?? c.image}@sha256:${'0'.repeat(64)}`,
      containerID: `containerd://${(index + 1).toString(16).padStart(64, '0')}`,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: now } },
      lastState: {},
    }),
  );
  const condition = (type: string) => ({
    type,
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: now,
  });
  const podIP = `10.${244 + Math.floor(index / 65_000)}.${Math.floor(index / 250) % 256}.${(index % 250) + 2}`;
  return {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(
      condition,
    ),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: now,
    qosClass: 'Burstable',
    containerStatuses: containers,
  };
}

export async function seedScaleWorkloads(core: ClusterCore, target: ScaleTarget): Promise<ScaleResult> {
  const { nodes } = await seedScale(core, target.nodes === undefined ? {} : { nodes: target.nodes });
  const api = core.api;
  const args = { ctx: newContext(CONTROLLER_USER), options: { fieldManager: 'kube-sim-scale' } };
  const kinds = {
    namespace: api.kind('', 'v1', 'namespaces'),
    deployment: api.kind('apps', 'v1', 'deployments'),
    replicaSet: api.kind('apps', 'v1', 'replicasets'),
    pod: api.kind('', 'v1', 'pods'),
    node: api.kind('', 'v1', 'nodes'),
  };
  const workers = Math.max(1, nodes - (nodes > 1 ? 1 : 0));
  const hostIPs = new Map<string, string>();
  for (const node of api.deps.store.list(kinds.node.storageKey)) {
    const ip = (node.status as { addresses?: { type: string; address: string }[] }).addresses?.find(
      (a) => a.type === 'InternalIP',
    )?.address;
    if (ip !== undefined) hostIPs.set(node.metadata.name ?? '', ip);
  }
  const total = target.pods ?? 0;
  let placed = 0;
  let deployments = 0;
  let namespaces = 0;
  while (placed < total) {
    const namespace = `team-${namespaces++}`;
    api.create(kinds.namespace, '', namespaceObject(namespace), args);
    let inNamespace = 0;
    for (let d = 0; inNamespace < PODS_PER_NAMESPACE && placed < total; d++) {
      const replicas = Math.min(
        SIZES[deployments % SIZES.length] as number,
        total - placed,
        PODS_PER_NAMESPACE - inNamespace,
      );
      const app = `${APPS[d % APPS.length] as string}${d < APPS.length ? '' : `-${Math.floor(d / APPS.length)}`}`;
      const now = timestamp(core.clock.now());
      const deployment = api.create(
        kinds.deployment,
        namespace,
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: app, namespace, labels: { app } },
          spec: {
            replicas,
            selector: { matchLabels: { app } },
            template: {
              metadata: { labels: { app, tier: d % 3 === 0 ? 'frontend' : 'backend' } },
              spec: {
                containers: [
                  {
                    name: app,
                    image:
                      d % 3 === 0
                        ? 'nginx:1.27'
                        : `ghcr.io/atrium-demo/${APPS[d % APPS.length] as string}:1.${d % 7}.0`,
                    resources: {
                      requests: { cpu: '10m', memory: '16Mi' },
                      limits: { cpu: '100m', memory: '64Mi' },
                    },
                  },
                ],
              },
            },
          },
        },
        args,
      );
      const hash = templateHash(deployment);
      const template = structuredClone((deployment.spec as { template: KubeObject }).template);
      template.metadata.labels = { ...(template.metadata.labels ?? {}), 'pod-template-hash': hash };
      const rsName = `${app}-${hash}`;
      const replicaSet = api.create(
        kinds.replicaSet,
        namespace,
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: rsName,
            namespace,
            labels: template.metadata.labels,
            annotations: {
              'deployment.kubernetes.io/desired-replicas': String(replicas),
              'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)),
              'deployment.kubernetes.io/revision': '1',
            },
            ownerReferences: [owner(deployment)],
          },
          spec: { replicas, selector: { matchLabels: { app, 'pod-template-hash': hash } }, template },
        },
        args,
      );
      for (let r = 0; r < replicas; r++) {
        const node = nodeName(core.name, nodes > 1 ? 1 + ((placed + r) % workers) : 0);
        const pod = api.create(
          kinds.pod,
          namespace,
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              generateName: `${rsName}-`,
              namespace,
              labels: template.metadata.labels,
              ownerReferences: [owner(replicaSet)],
            },
            spec: { ...(template.spec as object), nodeName: node },
          },
          args,
        );
        api.updateStatus(
          kinds.pod,
          namespace,
          pod.metadata.name ?? '',
          {
            ...structuredClone(pod),
            status: podStatus(pod, placed + r, node, hostIPs.get(node) ?? '172.18.0.3', now),
          },
          args,
        );
      }
      const counts = {
        replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        observedGeneration: 1,
      };
      api.updateStatus(
        kinds.replicaSet,
        namespace,
        rsName,
        { ...structuredClone(replicaSet), status: { ...counts, fullyLabeledReplicas: replicas } },
        args,
      );
      const condition = (type: string, reason: string, message: string) => ({
        type,
        status: 'True',
        lastUpdateTime: now,
        lastTransitionTime: now,
        reason,
        message,
      });
      api.updateStatus(
        kinds.deployment,
        namespace,
        app,
        {
          ...structuredClone(deployment),
          status: {
            ...counts,
            updatedReplicas: replicas,
            conditions: [
              condition('Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
              condition(
                'Progressing',
                'NewReplicaSetAvailable',
                `ReplicaSet "${rsName}" has successfully progressed.`,
              ),
            ],
          },
        },
        args,
      );
      placed += replicas;
      inNamespace += replicas;
      deployments++;
      if (deployments % 20 === 0) await yieldToEventLoop();
    }
  }
  return { nodes, pods: placed, deployments, namespaces };
}
