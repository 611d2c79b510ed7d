import type { Component } from 'vue';
import type { RouteLocationRaw } from 'vue-router';
import {
  Bell,
  Box,
  Collection,
  Connection,
  Coin,
  Cpu,
  FolderOpened,
  Lock,
  Odometer,
  Tickets,
} from '@element-plus/icons-vue';
import type { KindRef } from '../api/kubeTypes';
import type { ScopeType } from '../api/types';
import { ALL_SCOPES } from '../permissions/access';
import type { GatedGroup, GatedItem } from './buildMenu';

/** Where a cluster menu entry leads: one of the cluster's own pages, or the list of a kind. */
export type ClusterPage = { page: 'overview' | 'nodes' } | { resource: KindRef };

/**
 * One entry of the navigation inside a cluster. Like the platform menu, the entries are data:
 * a kind added here gets its menu entry, its list (the generic resource browser) and its check.
 */
export interface ClusterMenuItemDef extends GatedItem {
  kind: 'item';
  /** Also the entry's test id: `cluster-menu-<name>`. */
  name: string;
  icon?: Component;
  titleKey: string;
  code: string;
  scopes: readonly ScopeType[];
  target: ClusterPage;
}

export interface ClusterMenuGroupDef extends GatedGroup<ClusterMenuItemDef> {
  kind: 'group';
  key: string;
  icon: Component;
  titleKey: string;
  children: ClusterMenuItemDef[];
}

export type ClusterMenuEntryDef = ClusterMenuItemDef | ClusterMenuGroupDef;

const PLATFORM: readonly ScopeType[] = ['platform'];

function kind(
  name: string,
  titleKey: string,
  code: string,
  group: string,
  version: string,
  resource: string,
  scopes: readonly ScopeType[] = ALL_SCOPES,
): ClusterMenuItemDef {
  return { kind: 'item', name, titleKey, code, scopes, target: { resource: { group, version, resource } } };
}

export const clusterMenuTable: ClusterMenuEntryDef[] = [
  {
    kind: 'item',
    name: 'overview',
    icon: Odometer,
    titleKey: 'clusterMenu.overview',
    code: 'clusters:view',
    scopes: PLATFORM,
    target: { page: 'overview' },
  },
  {
    kind: 'item',
    name: 'nodes',
    icon: Cpu,
    titleKey: 'clusterMenu.nodes',
    code: 'nodes:view',
    scopes: PLATFORM,
    target: { page: 'nodes' },
  },
  {
    ...kind('namespaces', 'clusterMenu.namespaces', 'namespaces:view', 'core', 'v1', 'namespaces'),
    icon: FolderOpened,
  },
  {
    kind: 'group',
    key: 'workloads',
    icon: Box,
    titleKey: 'clusterMenu.workloads',
    children: [
      kind('pods', 'clusterMenu.pods', 'workloads:view', 'core', 'v1', 'pods'),
      kind('deployments', 'clusterMenu.deployments', 'workloads:view', 'apps', 'v1', 'deployments'),
      kind('statefulsets', 'clusterMenu.statefulSets', 'workloads:view', 'apps', 'v1', 'statefulsets'),
      kind('daemonsets', 'clusterMenu.daemonSets', 'workloads:view', 'apps', 'v1', 'daemonsets'),
      kind('jobs', 'clusterMenu.jobs', 'workloads:view', 'batch', 'v1', 'jobs'),
      kind('cronjobs', 'clusterMenu.cronJobs', 'workloads:view', 'batch', 'v1', 'cronjobs'),
    ],
  },
  {
    kind: 'group',
    key: 'network',
    icon: Connection,
    titleKey: 'clusterMenu.network',
    children: [
      kind('services', 'clusterMenu.services', 'networking:view', 'core', 'v1', 'services'),
      kind('ingresses', 'clusterMenu.ingresses', 'networking:view', 'networking.k8s.io', 'v1', 'ingresses'),
      kind(
        'networkpolicies',
        'clusterMenu.networkPolicies',
        'networking:view',
        'networking.k8s.io',
        'v1',
        'networkpolicies',
      ),
      kind(
        'ingressclasses',
        'clusterMenu.ingressClasses',
        'networking:view',
        'networking.k8s.io',
        'v1',
        'ingressclasses',
        PLATFORM,
      ),
    ],
  },
  {
    kind: 'group',
    key: 'config',
    icon: Tickets,
    titleKey: 'clusterMenu.config',
    children: [
      kind('configmaps', 'clusterMenu.configMaps', 'config:view', 'core', 'v1', 'configmaps'),
      kind('secrets', 'clusterMenu.secrets', 'secrets:view', 'core', 'v1', 'secrets'),
    ],
  },
  {
    kind: 'group',
    key: 'storage',
    icon: Coin,
    titleKey: 'clusterMenu.storage',
    children: [
      kind(
        'pvcs',
        'clusterMenu.persistentVolumeClaims',
        'storage:view',
        'core',
        'v1',
        'persistentvolumeclaims',
      ),
      kind(
        'pvs',
        'clusterMenu.persistentVolumes',
        'storage:view',
        'core',
        'v1',
        'persistentvolumes',
        PLATFORM,
      ),
      kind(
        'storageclasses',
        'clusterMenu.storageClasses',
        'storage:view',
        'storage.k8s.io',
        'v1',
        'storageclasses',
        PLATFORM,
      ),
    ],
  },
  {
    kind: 'group',
    key: 'access',
    icon: Lock,
    titleKey: 'clusterMenu.access',
    children: [
      kind(
        'clusterroles',
        'clusterMenu.clusterRoles',
        'rbac:view',
        'rbac.authorization.k8s.io',
        'v1',
        'clusterroles',
        PLATFORM,
      ),
      kind(
        'clusterrolebindings',
        'clusterMenu.clusterRoleBindings',
        'rbac:view',
        'rbac.authorization.k8s.io',
        'v1',
        'clusterrolebindings',
        PLATFORM,
      ),
      kind('roles', 'clusterMenu.roles', 'rbac:view', 'rbac.authorization.k8s.io', 'v1', 'roles'),
      kind(
        'rolebindings',
        'clusterMenu.roleBindings',
        'rbac:view',
        'rbac.authorization.k8s.io',
        'v1',
        'rolebindings',
      ),
      kind('serviceaccounts', 'clusterMenu.serviceAccounts', 'config:view', 'core', 'v1', 'serviceaccounts'),
    ],
  },
  {
    ...kind(
      'crds',
      'clusterMenu.customResources',
      'custom-resources:view',
      'apiextensions.k8s.io',
      'v1',
      'customresourcedefinitions',
      PLATFORM,
    ),
    icon: Collection,
  },
  { ...kind('events', 'clusterMenu.events', 'events:view', 'core', 'v1', 'events'), icon: Bell },
];

/** The route of a cluster page. */
export function clusterPageRoute(cluster: string, target: ClusterPage): RouteLocationRaw {
  if ('page' in target) return { name: `cluster-${target.page}`, params: { cluster } };
  const { group, version, resource } = target.resource;
  return { name: 'cluster-resources', params: { cluster, group, version, resource } };
}

/** The entry to highlight for a route's params: the kind being browsed, or the page. */
export function activeEntryName(
  table: ClusterMenuEntryDef[],
  page: string,
  kindParams: { group?: string; resource?: string },
): string {
  for (const entry of table.flatMap((e) => (e.kind === 'item' ? [e] : e.children))) {
    const { target } = entry;
    const matches =
      'page' in target
        ? target.page === page
        : target.resource.resource === kindParams.resource && target.resource.group === kindParams.group;
    if (matches) return entry.name;
  }
  // A custom resource's own list belongs under the CRD entry; other built-in kinds (ReplicaSets
  // reached from a Deployment…) highlight nothing.
  return page === 'resources' && isCustomGroup(kindParams.group ?? '') ? 'crds' : '';
}

const BUILTIN_GROUPS = new Set(['core', '', 'apps', 'batch', 'policy', 'autoscaling']);

export function isCustomGroup(group: string): boolean {
  return !BUILTIN_GROUPS.has(group) && !/(^|\.)k8s\.io$/.test(group);
}
