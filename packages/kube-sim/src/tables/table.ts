/**
 * Server-side tables (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`), what
 * `kubectl get` prints: the printer of each built-in kind, CRD printer columns for custom
 * resources, NAME/AGE for anything else. Every column is filled in (the server prints wide);
 * kubectl hides priority > 0 columns unless `-o wide`.
 */
import type { ResourceKind } from '../registry/builtin-kinds.ts';
import type { KubeObject, Table, TableRow } from '../types.ts';
import { timestampSince } from './human-duration.ts';
import {
  componentStatusPrinter,
  createdAtPrinter,
  eventPrinter,
  leasePrinter,
  namespacePrinter,
  nodePrinter,
} from './cluster-printers.ts';
import {
  configMapPrinter,
  horizontalPodAutoscalerPrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  podDisruptionBudgetPrinter,
  resourceQuotaPrinter,
  roleBindingPrinter,
  secretPrinter,
  serviceAccountPrinter,
  storageClassPrinter,
} from './config-printers.ts';
import { customColumnsPrinter, type PrinterColumn } from './custom-columns.ts';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from './network-printers.ts';
import { podPrinter } from './pod-printer.ts';
import { ageColumn, nameColumn, type Printer } from './printer.ts';
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from './workload-printers.ts';

export type { PrinterColumn } from './custom-columns.ts';

export interface TableOptions {
  now: Date;
  /** What each row carries besides its cells; the real server defaults to Metadata. */
  includeObject?: 'None' | 'Metadata' | 'Object';
  /** A CRD version's additionalPrinterColumns. */
  printerColumns?: PrinterColumn[];
}

/** Printers by `group/Kind` (core kinds as `/Kind`). */
const PRINTERS: Record<string, () => Printer> = {
  '/Pod': podPrinter,
  '/Service': servicePrinter,
  '/Endpoints': endpointsPrinter,
  '/Node': nodePrinter,
  '/Namespace': namespacePrinter,
  '/ConfigMap': configMapPrinter,
  '/Secret': secretPrinter,
  '/ServiceAccount': serviceAccountPrinter,
  '/PersistentVolume': persistentVolumePrinter,
  '/PersistentVolumeClaim': persistentVolumeClaimPrinter,
  '/Event': eventPrinter,
  '/ResourceQuota': resourceQuotaPrinter,
  '/LimitRange': createdAtPrinter,
  '/ComponentStatus': componentStatusPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'apps/StatefulSet': statefulSetPrinter,
  'apps/DaemonSet': daemonSetPrinter,
  'apps/ControllerRevision': controllerRevisionPrinter,
  'batch/Job': jobPrinter,
  'batch/CronJob': cronJobPrinter,
  'autoscaling/HorizontalPodAutoscaler': horizontalPodAutoscalerPrinter,
  'networking.k8s.io/Ingress': ingressPrinter,
  'networking.k8s.io/IngressClass': ingressClassPrinter,
  'networking.k8s.io/NetworkPolicy': networkPolicyPrinter,
  'discovery.k8s.io/EndpointSlice': endpointSlicePrinter,
  'events.k8s.io/Event': eventPrinter,
  'policy/PodDisruptionBudget': podDisruptionBudgetPrinter,
  'rbac.authorization.k8s.io/Role': createdAtPrinter,
  'rbac.authorization.k8s.io/ClusterRole': createdAtPrinter,
  'rbac.authorization.k8s.io/RoleBinding': roleBindingPrinter,
  'rbac.authorization.k8s.io/ClusterRoleBinding': roleBindingPrinter,
  'coordination.k8s.io/Lease': leasePrinter,
  'storage.k8s.io/StorageClass': storageClassPrinter,
  'apiextensions.k8s.io/CustomResourceDefinition': createdAtPrinter,
};

const genericPrinter = (): Printer => ({
  columns: [nameColumn(), ageColumn()],
  cells: (obj, now) => [obj.metadata.name, timestampSince(obj.metadata.creationTimestamp, now)],
});

const cache = new Map<string, Printer>();

function printerFor(
  kind: Pick<ResourceKind, 'group' | 'kind'>,
  printerColumns: PrinterColumn[] | undefined,
): Printer {
  if (printerColumns) return customColumnsPrinter(printerColumns);
  const key = `${kind.group}/${kind.kind}`;
  let printer = cache.get(key);
  if (!printer) {
    printer = (PRINTERS[key] ?? genericPrinter)();
    cache.set(key, printer);
  }
  return printer;
}

/** Whether `kind` has a printer of its own (custom resources go through printerColumns). */
export function hasBuiltinPrinter(kind: Pick<ResourceKind, 'group' | 'kind'>): boolean {
  return `${kind.group}/${kind.kind}` in PRINTERS;
}

function rowObject(obj: KubeObject, includeObject: TableOptions['includeObject']): unknown {
  switch (includeObject ?? 'Metadata') {
    case 'None':
      return undefined;
    case 'Object':
      return obj;
    default:
      return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  }
}

export function toTable(
  kind: Pick<ResourceKind, 'group' | 'kind'>,
  objects: KubeObject[],
  opts: TableOptions,
): Table {
  const printer = printerFor(kind, opts.printerColumns);
  const rows: TableRow[] = objects.map((obj) => {
    const row: TableRow = { cells: printer.cells(obj, opts.now) };
    const object = rowObject(obj, opts.includeObject);
    if (object !== undefined) row.object = object;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: printer.columns,
    rows,
  };
}
