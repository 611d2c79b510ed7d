import type { KindRef } from '../api/kubeTypes';
import { ageColumn, type ColumnDef } from './columns';
import { configMapColumns } from './configMap';
import { cronJobColumns } from './cronJob';
import { customResourceDefinitionColumns } from './customResourceDefinition';
import { daemonSetColumns } from './daemonSet';
import { deploymentColumns } from './deployment';
import { eventColumns } from './event';
import { ingressColumns } from './ingress';
import { ingressClassColumns } from './ingressClass';
import { jobColumns } from './job';
import { namespaceColumns } from './namespace';
import { networkPolicyColumns } from './networkPolicy';
import { persistentVolumeColumns } from './persistentVolume';
import { persistentVolumeClaimColumns } from './persistentVolumeClaim';
import { podColumns } from './pod';
import { replicaSetColumns } from './replicaSet';
import { roleColumns } from './role';
import { roleBindingColumns } from './roleBinding';
import { secretColumns } from './secret';
import { serviceColumns } from './service';
import { serviceAccountColumns } from './serviceAccount';
import { statefulSetColumns } from './statefulSet';
import { storageClassColumns } from './storageClass';

/** `group/resource` (the core group is empty) → the columns kubectl shows for the kind. */
const COLUMNS: Record<string, ColumnDef[]> = {
  '/pods': podColumns,
  'apps/deployments': deploymentColumns,
  'apps/statefulsets': statefulSetColumns,
  'apps/daemonsets': daemonSetColumns,
  'apps/replicasets': replicaSetColumns,
  'batch/jobs': jobColumns,
  'batch/cronjobs': cronJobColumns,
  '/services': serviceColumns,
  'networking.k8s.io/ingresses': ingressColumns,
  'networking.k8s.io/ingressclasses': ingressClassColumns,
  'networking.k8s.io/networkpolicies': networkPolicyColumns,
  '/configmaps': configMapColumns,
  '/secrets': secretColumns,
  '/serviceaccounts': serviceAccountColumns,
  '/persistentvolumeclaims': persistentVolumeClaimColumns,
  '/persistentvolumes': persistentVolumeColumns,
  'storage.k8s.io/storageclasses': storageClassColumns,
  'rbac.authorization.k8s.io/roles': roleColumns,
  'rbac.authorization.k8s.io/clusterroles': roleColumns,
  'rbac.authorization.k8s.io/rolebindings': roleBindingColumns,
  'rbac.authorization.k8s.io/clusterrolebindings': roleBindingColumns,
  '/namespaces': namespaceColumns,
  '/events': eventColumns,
  'events.k8s.io/events': eventColumns,
  'apiextensions.k8s.io/customresourcedefinitions': customResourceDefinitionColumns,
};

/** The legacy group is `core` in URLs and '' in discovery; the models use ''. */
export function normalGroup(group: string): string {
  return group === 'core' ? '' : group;
}

export function kindKey(kind: Pick<KindRef, 'group' | 'resource'>): string {
  return `${normalGroup(kind.group)}/${kind.resource}`;
}

/** Columns between NAME (and NAMESPACE) for a built-in kind; undefined for custom resources. */
export function builtinColumns(kind: Pick<KindRef, 'group' | 'resource'>): ColumnDef[] | undefined {
  return COLUMNS[kindKey(kind)];
}

/** What kubectl shows for a kind it knows nothing about: NAME and AGE. */
export const genericColumns: ColumnDef[] = [ageColumn];
