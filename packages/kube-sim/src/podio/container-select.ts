/**
 * Which container a pods/log, exec or attach request means, with the API server's answers when
 * it cannot tell (validateContainer in pkg/registry/core/pod/strategy.go).
 */
import type { KubeObject, Status } from '../types.ts';

interface Named {
  name: string;
}

export function allContainerNames(pod: KubeObject): string[] {
  const spec = (pod.spec ?? {}) as {
    containers?: Named[];
    initContainers?: Named[];
    ephemeralContainers?: Named[];
  };
  return [
    ...(spec.initContainers ?? []).map((c) => c.name),
    ...(spec.containers ?? []).map((c) => c.name),
    ...(spec.ephemeralContainers ?? []).map((c) => c.name),
  ];
}

export function badRequestStatus(message: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'BadRequest',
    code: 400,
  };
}

/** The container name, or the 400 Status the API server answers. */
export function selectContainer(
  pod: KubeObject,
  requested: string | null,
): { name: string } | { error: Status } {
  const name = pod.metadata.name ?? '';
  const containers = ((pod.spec as { containers?: Named[] } | undefined)?.containers ?? []).map(
    (c) => c.name,
  );
  if (requested === null || requested === '') {
    if (containers.length === 1) return { name: containers[0] as string };
    if (containers.length === 0)
      return { error: badRequestStatus(`a container name must be specified for pod ${name}`) };
    return {
      error: badRequestStatus(
        `a container name must be specified for pod ${name}, choose one of: [${allContainerNames(pod).join(' ')}]`,
      ),
    };
  }
  if (!allContainerNames(pod).includes(requested)) {
    return { error: badRequestStatus(`container ${requested} is not valid for pod ${name}`) };
  }
  return { name: requested };
}
