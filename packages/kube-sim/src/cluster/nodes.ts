/**
 * Node objects as a kubelet registers them: capacity/allocatable (8 CPUs, 32Gi, 110 pods),
 * the standard labels, the control-plane role on the first node, a Ready condition, addresses
 * and nodeInfo carrying the server's version.
 */
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../types.ts';
import { microTimestamp, timestamp } from '../api/request-context.ts';

export interface NodeOptions {
  clusterName: string;
  index: number;
  /** Total nodes in the cluster (the control plane is tainted only when there are workers). */
  count: number;
  kubeletVersion: string;
  now: Date;
}

/** kind-style names: <cluster>-control-plane, <cluster>-worker, <cluster>-worker2… */
export function nodeName(clusterName: string, index: number): string {
  if (index === 0) return `${clusterName}-control-plane`;
  return index === 1 ? `${clusterName}-worker` : `${clusterName}-worker${index}`;
}

function internalIp(index: number): string {
  const n = index + 2;
  return n < 255 ? `172.18.0.${n}` : `172.18.${Math.floor(n / 254)}.${(n % 254) + 1}`;
}

export function nodeObject(options: NodeOptions): KubeObject {
  const { index, clusterName } = options;
  const name = nodeName(clusterName, index);
  const controlPlane = index === 0;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const spec: Record<string, unknown> = {
    podCIDR: `10.244.${index % 256}.0/24`,
    podCIDRs: [`10.244.${index % 256}.0/24`],
    providerID: `kube-sim://${clusterName}/${name}`,
  };
  if (controlPlane && options.count > 1) {
    spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  }
  const now = timestamp(options.now);
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  const resources = {
    cpu: '8',
    'ephemeral-storage': '102400Mi',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: '32Gi',
    pods: '110',
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
    status: {
      capacity: resources,
      allocatable: { ...resources },
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: internalIp(index) },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: randomUUID().replace(/-/g, ''),
        systemUUID: randomUUID(),
        bootID: randomUUID(),
        kernelVersion: '6.8.0-sim',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: options.kubeletVersion,
        kubeProxyVersion: options.kubeletVersion,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: [],
    },
  };
}

/** The node's heartbeat Lease in kube-node-lease, as the kubelet keeps it (owned by the Node). */
export function nodeLease(node: KubeObject, now: Date): KubeObject {
  const name = node.metadata.name ?? '';
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? '' }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTimestamp(now) },
  };
}
