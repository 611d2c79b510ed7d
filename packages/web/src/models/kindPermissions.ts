import type { KindRef } from '../api/kubeTypes';
import { kindKey } from './registry';

/**
 * Which permission codes a kind needs, mirroring the server's table
 * (packages/server/src/kube/access/kind-permissions.ts) so the console shows only the buttons
 * that will work. The server still decides; a refusal there is shown as an error.
 */
type Area =
  | 'workloads'
  | 'networking'
  | 'config'
  | 'secrets'
  | 'storage'
  | 'namespaces'
  | 'rbac'
  | 'nodes'
  | 'custom-resources'
  | 'events';

const AREAS: Record<string, Area> = {
  '/pods': 'workloads',
  'apps/deployments': 'workloads',
  'apps/replicasets': 'workloads',
  'apps/statefulsets': 'workloads',
  'apps/daemonsets': 'workloads',
  'apps/controllerrevisions': 'workloads',
  'batch/jobs': 'workloads',
  'batch/cronjobs': 'workloads',
  'autoscaling/horizontalpodautoscalers': 'workloads',
  'policy/poddisruptionbudgets': 'workloads',
  '/replicationcontrollers': 'workloads',
  '/services': 'networking',
  '/endpoints': 'networking',
  'discovery.k8s.io/endpointslices': 'networking',
  'networking.k8s.io/ingresses': 'networking',
  'networking.k8s.io/ingressclasses': 'networking',
  'networking.k8s.io/networkpolicies': 'networking',
  '/configmaps': 'config',
  '/limitranges': 'config',
  '/resourcequotas': 'config',
  '/serviceaccounts': 'config',
  'coordination.k8s.io/leases': 'config',
  '/secrets': 'secrets',
  '/persistentvolumeclaims': 'storage',
  '/persistentvolumes': 'storage',
  'storage.k8s.io/storageclasses': 'storage',
  '/namespaces': 'namespaces',
  'rbac.authorization.k8s.io/roles': 'rbac',
  'rbac.authorization.k8s.io/rolebindings': 'rbac',
  'rbac.authorization.k8s.io/clusterroles': 'rbac',
  'rbac.authorization.k8s.io/clusterrolebindings': 'rbac',
  '/nodes': 'nodes',
  '/events': 'events',
  'events.k8s.io/events': 'events',
};

export type KindAction = 'view' | 'create' | 'update' | 'delete';

/** The code an action on a kind needs; null when nobody may do it through Atrium (events). */
export function kindPermission(kind: Pick<KindRef, 'group' | 'resource'>, action: KindAction): string | null {
  const area = AREAS[kindKey(kind)] ?? 'custom-resources';
  if (area === 'events') return action === 'view' ? 'events:view' : null;
  if (area === 'workloads') return `workloads:${action}`;
  return action === 'view' ? `${area}:view` : `${area}:manage`;
}
