/**
 * Columns of configuration, storage, policy and access objects: config maps, secrets, service
 * accounts, volumes and claims, storage classes, quotas, autoscalers, disruption budgets and
 * role bindings.
 */
import type { KubeObject } from '../types.ts';
import { timestampSince } from './human-duration.ts';
import { ageColumn, at, column, doc, int, list, nameColumn, str, type Printer } from './printer.ts';

const age = (obj: KubeObject, now: Date) => timestampSince(obj.metadata.creationTimestamp, now);
const count = (map: unknown) => (map && typeof map === 'object' ? Object.keys(map).length : 0);

export const configMapPrinter = (): Printer => ({
  columns: [nameColumn(), column('Data', 'string', doc('V1ConfigMap', 'data')), ageColumn()],
  cells: (obj, now) => [obj.metadata.name, count(obj.data) + count(obj.binaryData), age(obj, now)],
});

export const secretPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Type', 'string', doc('V1Secret', 'type')),
    column('Data', 'string', doc('V1Secret', 'data')),
    ageColumn(),
  ],
  cells: (obj, now) => [obj.metadata.name, str(obj.type), count(obj.data), age(obj, now)],
});

export const serviceAccountPrinter = (): Printer => ({
  columns: [nameColumn(), column('Secrets', 'string', doc('V1ServiceAccount', 'secrets')), ageColumn()],
  cells: (obj, now) => [obj.metadata.name, list(obj.secrets).length, age(obj, now)],
});

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

function accessModes(modes: unknown): string {
  const given = new Set(list(modes).map(str));
  return Object.keys(ACCESS_MODES)
    .filter((m) => given.has(m))
    .map((m) => ACCESS_MODES[m])
    .join(',');
}

function storageClassOf(obj: KubeObject): string {
  return (
    str(at(obj, 'spec', 'storageClassName')) ||
    str(obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'])
  );
}

export const persistentVolumePrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Capacity', 'string', doc('V1PersistentVolumeSpec', 'capacity')),
    column('Access Modes', 'string', doc('V1PersistentVolumeSpec', 'accessModes')),
    column('Reclaim Policy', 'string', doc('V1PersistentVolumeSpec', 'persistentVolumeReclaimPolicy')),
    column('Status', 'string', doc('V1PersistentVolumeStatus', 'phase')),
    column('Claim', 'string', doc('V1PersistentVolumeSpec', 'claimRef')),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', doc('V1PersistentVolumeSpec', 'volumeAttributesClassName')),
    column('Reason', 'string', doc('V1PersistentVolumeStatus', 'reason')),
    ageColumn(),
    column('VolumeMode', 'string', doc('V1PersistentVolumeSpec', 'volumeMode'), { priority: 1 }),
  ],
  cells: (obj, now) => {
    const claim = at(obj, 'spec', 'claimRef');
    return [
      obj.metadata.name,
      str(at(obj, 'spec', 'capacity', 'storage')) || '0',
      accessModes(at(obj, 'spec', 'accessModes')),
      str(at(obj, 'spec', 'persistentVolumeReclaimPolicy')),
      str(at(obj, 'status', 'phase')),
      claim ? `${str(at(claim, 'namespace'))}/${str(at(claim, 'name'))}` : '',
      storageClassOf(obj),
      str(at(obj, 'spec', 'volumeAttributesClassName')) || '<unset>',
      str(at(obj, 'status', 'reason')),
      age(obj, now),
      str(at(obj, 'spec', 'volumeMode')) || '<unset>',
    ];
  },
});

export const persistentVolumeClaimPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Status', 'string', doc('V1PersistentVolumeClaimStatus', 'phase')),
    column('Volume', 'string', doc('V1PersistentVolumeClaimSpec', 'volumeName')),
    column('Capacity', 'string', doc('V1PersistentVolumeClaimStatus', 'capacity')),
    column('Access Modes', 'string', doc('V1PersistentVolumeClaimStatus', 'accessModes')),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column(
      'VolumeAttributesClass',
      'string',
      doc('V1PersistentVolumeClaimSpec', 'volumeAttributesClassName'),
    ),
    ageColumn(),
    column('VolumeMode', 'string', doc('V1PersistentVolumeClaimSpec', 'volumeMode'), { priority: 1 }),
  ],
  cells: (obj, now) => {
    const bound = str(at(obj, 'spec', 'volumeName'));
    return [
      obj.metadata.name,
      obj.metadata.deletionTimestamp ? 'Terminating' : str(at(obj, 'status', 'phase')),
      bound,
      bound ? str(at(obj, 'status', 'capacity', 'storage')) || '0' : '',
      bound ? accessModes(at(obj, 'status', 'accessModes')) : '',
      storageClassOf(obj),
      str(at(obj, 'spec', 'volumeAttributesClassName')) || '<unset>',
      age(obj, now),
      str(at(obj, 'spec', 'volumeMode')) || '<unset>',
    ];
  },
});

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export const storageClassPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Provisioner', 'string', doc('V1StorageClass', 'provisioner')),
    column('ReclaimPolicy', 'string', doc('V1StorageClass', 'reclaimPolicy')),
    column('VolumeBindingMode', 'string', doc('V1StorageClass', 'volumeBindingMode')),
    column('AllowVolumeExpansion', 'string', doc('V1StorageClass', 'allowVolumeExpansion')),
    ageColumn(),
  ],
  cells: (obj, now) => {
    const isDefault = DEFAULT_CLASS_ANNOTATIONS.some((a) => obj.metadata.annotations?.[a] === 'true');
    return [
      isDefault ? `${obj.metadata.name} (default)` : obj.metadata.name,
      str(obj.provisioner),
      str(obj.reclaimPolicy) || 'Delete',
      str(obj.volumeBindingMode) || 'Immediate',
      obj.allowVolumeExpansion === true,
      age(obj, now),
    ];
  },
});

/** `requests.cpu: 500m/2, pods: 3/10` — used/hard per resource, limits.* in their own column. */
export const resourceQuotaPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    ageColumn(),
    column(
      'Request',
      'string',
      'Request represents a minimum amount of cpu/memory that a container may consume.',
    ),
    column(
      'Limit',
      'string',
      'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
    ),
  ],
  cells: (obj, now) => {
    const hard = (at(obj, 'status', 'hard') ?? {}) as Record<string, string>;
    const used = (at(obj, 'status', 'used') ?? {}) as Record<string, string>;
    const requests: string[] = [];
    const limits: string[] = [];
    for (const resource of Object.keys(hard).sort()) {
      const entry = `${resource}: ${used[resource] ?? '0'}/${hard[resource]}`;
      (resource.startsWith('limits.') ? limits : requests).push(entry);
    }
    return [obj.metadata.name, age(obj, now), requests.join(', '), limits.join(', ')];
  },
});

function hpaTargets(obj: KubeObject): string {
  const specs = list(at(obj, 'spec', 'metrics'));
  if (specs.length === 0) return '<none>';
  const statuses = list(at(obj, 'status', 'currentMetrics'));
  const texts = specs.map((spec, i) => {
    const status = statuses[i];
    const type = str(at(spec, 'type'));
    const key = type.charAt(0).toLowerCase() + type.slice(1);
    const source = at(spec, key);
    const target = at(source, 'target');
    const current = at(status, key, 'current');
    if (type === 'Resource' || type === 'ContainerResource') {
      if (at(target, 'averageValue') !== undefined) {
        return `${str(at(current, 'averageValue')) || '<unknown>'}/${str(at(target, 'averageValue'))}`;
      }
      const now = at(current, 'averageUtilization');
      const goal = at(target, 'averageUtilization');
      return `${str(at(source, 'name'))}: ${typeof now === 'number' ? `${now}%` : '<unknown>'}/${typeof goal === 'number' ? `${goal}%` : '<auto>'}`;
    }
    if (type === 'Pods' || type === 'Object' || type === 'External') {
      const goal = str(at(target, 'averageValue')) || str(at(target, 'value'));
      const got = str(at(current, 'averageValue')) || str(at(current, 'value')) || '<unknown>';
      return `${got}/${goal}${type === 'Pods' || !at(target, 'averageValue') ? '' : ' (avg)'}`;
    }
    return '<unknown type>';
  });
  const max = 2;
  return texts.length > max
    ? `${texts.slice(0, max).join(', ')} + ${texts.length - max} more...`
    : texts.join(', ');
}

export const horizontalPodAutoscalerPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Reference', 'string', doc('V2HorizontalPodAutoscalerSpec', 'scaleTargetRef')),
    column('Targets', 'string', doc('V2HorizontalPodAutoscalerSpec', 'metrics')),
    column('MinPods', 'string', doc('V2HorizontalPodAutoscalerSpec', 'minReplicas')),
    column('MaxPods', 'string', doc('V2HorizontalPodAutoscalerSpec', 'maxReplicas')),
    column('Replicas', 'string', doc('V2HorizontalPodAutoscalerStatus', 'currentReplicas')),
    ageColumn(),
  ],
  cells: (obj, now) => {
    const ref = at(obj, 'spec', 'scaleTargetRef');
    const min = at(obj, 'spec', 'minReplicas');
    return [
      obj.metadata.name,
      `${str(at(ref, 'kind'))}/${str(at(ref, 'name'))}`,
      hpaTargets(obj),
      typeof min === 'number' ? min : '<unset>',
      int(at(obj, 'spec', 'maxReplicas')),
      int(at(obj, 'status', 'currentReplicas')),
      age(obj, now),
    ];
  },
});

export const podDisruptionBudgetPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageColumn(),
  ],
  cells: (obj, now) => {
    const text = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));
    return [
      obj.metadata.name,
      text(at(obj, 'spec', 'minAvailable')),
      text(at(obj, 'spec', 'maxUnavailable')),
      int(at(obj, 'status', 'disruptionsAllowed')),
      age(obj, now),
    ];
  },
});

export const roleBindingPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Role', 'string', doc('V1RoleBinding', 'roleRef')),
    ageColumn(),
    column('Users', 'string', 'Users in the roleBinding', { priority: 1 }),
    column('Groups', 'string', 'Groups in the roleBinding', { priority: 1 }),
    column('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', { priority: 1 }),
  ],
  cells: (obj, now) => {
    const subjects = list(obj.subjects);
    const names = (kind: string) =>
      subjects
        .filter((s) => at(s, 'kind') === kind)
        .map((s) =>
          kind === 'ServiceAccount' ? `${str(at(s, 'namespace'))}/${str(at(s, 'name'))}` : str(at(s, 'name')),
        )
        .join(', ');
    return [
      obj.metadata.name,
      `${str(at(obj, 'roleRef', 'kind'))}/${str(at(obj, 'roleRef', 'name'))}`,
      age(obj, now),
      names('User'),
      names('Group'),
      names('ServiceAccount'),
    ];
  },
});
