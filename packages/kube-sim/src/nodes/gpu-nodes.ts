/**
 * GPU worker nodes: the first N worker nodes to register (ClusterCore.gpuNodes) get what the
 * NVIDIA device plugin and GPU feature discovery would add — nvidia.com/gpu capacity and
 * allocatable, and the nvidia.com/gpu.* labels — so GPU requests can be scheduled and quotas
 * tested. Done as node admission, so nodes are created that way (also by --scale seeding).
 */
import type { AdmissionPlugin } from '../api/admission.ts';

export const GPU_RESOURCE = 'nvidia.com/gpu';
export const GPUS_PER_NODE = 8;

export function gpuNodePlugin(gpuNodes: () => number): AdmissionPlugin {
  let assigned = 0;
  return {
    name: 'SimulatedGPUNodes',
    mutate: (request) => {
      if (request.operation !== 'CREATE' || request.kind.kind !== 'Node' || request.kind.group !== '') return;
      const node = request.object;
      if (node === undefined) return;
      const labels = node.metadata.labels ?? {};
      if ('node-role.kubernetes.io/control-plane' in labels || assigned >= gpuNodes()) return;
      assigned++;
      node.metadata.labels = {
        ...labels,
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/gpu.count': String(GPUS_PER_NODE),
        'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
        'nvidia.com/gpu.memory': '81920',
      };
      const status = (node.status ?? {}) as {
        capacity?: Record<string, string>;
        allocatable?: Record<string, string>;
      };
      status.capacity = { ...status.capacity, [GPU_RESOURCE]: String(GPUS_PER_NODE) };
      status.allocatable = { ...status.allocatable, [GPU_RESOURCE]: String(GPUS_PER_NODE) };
      node.status = status;
    },
  };
}
