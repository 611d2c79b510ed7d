import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';
import { menuItems } from '../menu/buildMenu';
import { clusterMenuTable } from '../menu/clusterMenuTable';
import { ALL_SCOPES } from '../permissions/access';
import type { Crumb } from './meta';
import './meta';

const PLATFORM = ['platform'] as const;

/** The trail above every cluster page: Clusters › <cluster>. */
function clusterTrail(route: RouteLocationNormalized): Crumb[] {
  const cluster = String(route.params.cluster);
  return [
    { key: 'menu.clusters', to: { name: 'clusters' } },
    { text: cluster, to: { name: 'cluster-overview', params: { cluster } } },
  ];
}

/** A kind's crumb: its menu title (Deployments) when the menu has it, else its plural. */
function kindCrumb(route: RouteLocationNormalized): Crumb {
  const { group, resource } = route.params;
  const entry = menuItems(clusterMenuTable).find(
    (item) =>
      'resource' in item.target &&
      item.target.resource.group === group &&
      item.target.resource.resource === resource,
  );
  return entry ? { key: entry.titleKey } : { text: String(resource) };
}

/**
 * `/clusters/register` and everything inside one cluster (`/clusters/:cluster/…`): the cluster
 * layout with its own navigation, the overview, nodes and the resource browser for any kind.
 */
export const clusterRoutes: RouteRecordRaw[] = [
  {
    path: 'clusters/register',
    name: 'cluster-register',
    component: () => import('../views/clusters/register/RegisterClusterView.vue'),
    meta: {
      titleKey: 'clusters.register.title',
      breadcrumbs: ['menu.clusters', 'clusters.register.title'],
      access: { code: 'clusters:create', scopes: PLATFORM },
      menuName: 'clusters',
    },
  },
  {
    path: 'clusters/search',
    name: 'cluster-search',
    component: () => import('../views/cluster-search/ClusterSearchView.vue'),
    meta: {
      titleKey: 'clusters.search.title',
      breadcrumbs: ['menu.clusters', 'clusters.search.title'],
      access: { code: 'clusters:view', scopes: PLATFORM },
      menuName: 'clusters',
    },
  },
  {
    path: 'clusters/:cluster',
    component: () => import('../views/cluster-layout/ClusterLayout.vue'),
    meta: {
      menuName: 'clusters',
      compactSidebar: true,
      access: { code: 'menu:cluster-resources', scopes: ALL_SCOPES },
    },
    children: [
      { path: '', redirect: (to) => ({ name: 'cluster-overview', params: to.params }) },
      {
        path: 'overview',
        name: 'cluster-overview',
        component: () => import('../views/cluster-overview/ClusterOverviewView.vue'),
        meta: {
          titleKey: 'clusterMenu.overview',
          access: { code: 'clusters:view', scopes: PLATFORM },
          menuName: 'clusters',
          crumbs: (route) => [...clusterTrail(route), { key: 'clusterMenu.overview' }],
        },
      },
      {
        path: 'nodes',
        name: 'cluster-nodes',
        component: () => import('../views/nodes/NodesView.vue'),
        meta: {
          titleKey: 'clusterMenu.nodes',
          access: { code: 'nodes:view', scopes: PLATFORM },
          menuName: 'clusters',
          crumbs: (route) => [...clusterTrail(route), { key: 'clusterMenu.nodes' }],
        },
      },
      {
        path: 'nodes/:node',
        name: 'cluster-node',
        component: () => import('../views/nodes/NodeDetailView.vue'),
        meta: {
          titleKey: 'nodes.detailTitle',
          access: { code: 'nodes:view', scopes: PLATFORM },
          menuName: 'clusters',
          crumbs: (route) => [
            ...clusterTrail(route),
            {
              key: 'clusterMenu.nodes',
              to: { name: 'cluster-nodes', params: { cluster: route.params.cluster } },
            },
            { text: String(route.params.node) },
          ],
        },
      },
      {
        path: 'resources/:group/:version/:resource',
        name: 'cluster-resources',
        component: () => import('../views/resources/ResourceListView.vue'),
        meta: {
          titleKey: 'resources.listTitle',
          menuName: 'clusters',
          crumbs: (route) => [...clusterTrail(route), kindCrumb(route)],
        },
      },
      {
        path: 'resources/:group/:version/:resource/:namespace/:name',
        name: 'cluster-resource',
        component: () => import('../views/resources/ResourceDetailView.vue'),
        meta: {
          titleKey: 'resources.detailTitle',
          menuName: 'clusters',
          crumbs: (route) => [
            ...clusterTrail(route),
            {
              ...kindCrumb(route),
              to: {
                name: 'cluster-resources',
                params: { ...route.params, namespace: undefined, name: undefined },
                query: route.params.namespace !== '_' ? { namespace: route.params.namespace } : {},
              },
            },
            { text: String(route.params.name) },
          ],
        },
      },
    ],
  },
];
