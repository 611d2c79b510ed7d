/** The pod QoS class the API server stamps into status.qosClass on create. */

type Resources = { requests?: Record<string, unknown>; limits?: Record<string, unknown> };

const COMPUTE = ['cpu', 'memory'];

export function podQosClass(spec: Record<string, unknown>): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [
    ...((spec.containers as Array<{ resources?: Resources }> | undefined) ?? []),
    ...((spec.initContainers as Array<{ resources?: Resources }> | undefined) ?? []),
  ];
  let anySet = false;
  let guaranteed = containers.length > 0;
  for (const container of containers) {
    const requests = container.resources?.requests ?? {};
    const limits = container.resources?.limits ?? {};
    for (const name of COMPUTE) {
      if (requests[name] !== undefined || limits[name] !== undefined) anySet = true;
      const limit = limits[name];
      const request = requests[name] ?? limit;
      if (limit === undefined || String(request) !== String(limit)) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
