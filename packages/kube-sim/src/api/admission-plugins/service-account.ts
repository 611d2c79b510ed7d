/**
 * ServiceAccount admission for pods: defaults spec.serviceAccountName to "default" and mounts the
 * projected API-access volume (token, CA bundle, namespace) into every container, unless
 * automountServiceAccountToken is false — what `kubectl get pod -o yaml` shows on a real cluster.
 */
import type { KubeObject } from '../../types.ts';
import { randomSuffix } from '../../store/names.ts';
import type { AdmissionPlugin } from '../admission.ts';

const MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

interface Container {
  volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
}

export function serviceAccountPlugin(): AdmissionPlugin {
  return {
    name: 'ServiceAccount',
    mutate(request) {
      const { kind, object } = request;
      if (request.operation !== 'CREATE' || request.subresource !== undefined || object === undefined) return;
      if (kind.group !== '' || kind.kind !== 'Pod') return;
      addServiceAccount(object);
    },
  };
}

function addServiceAccount(pod: KubeObject): void {
  const spec = (pod.spec ?? {}) as Record<string, unknown>;
  pod.spec = spec;
  const account =
    (spec.serviceAccountName as string | undefined) ||
    (spec.serviceAccount as string | undefined) ||
    'default';
  spec.serviceAccountName = account;
  spec.serviceAccount = account;
  if (spec.automountServiceAccountToken === false) return;
  const containers = [
    ...((spec.containers as Container[] | undefined) ?? []),
    ...((spec.initContainers as Container[] | undefined) ?? []),
  ];
  if (containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === MOUNT_PATH))) return;
  const volumeName = `kube-api-access-${randomSuffix()}`;
  const volumes = (spec.volumes as unknown[] | undefined) ?? [];
  volumes.push({
    name: volumeName,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  });
  spec.volumes = volumes;
  for (const container of containers) {
    container.volumeMounts = [
      ...(container.volumeMounts ?? []),
      { name: volumeName, readOnly: true, mountPath: MOUNT_PATH },
    ];
  }
}
