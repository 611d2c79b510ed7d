import { describe, expect, it } from 'vitest';
import type { PermissionSet } from '../api/types';
import { buildMenu, menuItems } from './buildMenu';
import { activeEntryName, clusterMenuTable, clusterPageRoute, isCustomGroup } from './clusterMenuTable';

const none: PermissionSet = { platform: [], projects: {}, workspaces: {} };
const names = (permissions: PermissionSet) =>
  buildMenu(clusterMenuTable, permissions).map((entry) =>
    entry.kind === 'item' ? entry.name : `${entry.key}[${entry.children.map((c) => c.name).join(',')}]`,
  );

describe('the navigation inside a cluster', () => {
  it('shows a platform operator every page', () => {
    const codes = menuItems(clusterMenuTable).map((item) => item.code);
    expect(names({ ...none, platform: codes })).toEqual([
      'overview',
      'nodes',
      'namespaces',
      'workloads[pods,deployments,statefulsets,daemonsets,jobs,cronjobs]',
      'network[services,ingresses,networkpolicies,ingressclasses]',
      'config[configmaps,secrets]',
      'storage[pvcs,pvs,storageclasses]',
      'access[clusterroles,clusterrolebindings,roles,rolebindings,serviceaccounts]',
      'crds',
      'events',
    ]);
  });

  it('shows a workspace member only the namespaced kinds their codes cover', () => {
    const member: PermissionSet = {
      ...none,
      workspaces: { w1: ['workloads:view', 'networking:view', 'events:view', 'storage:view'] },
    };
    expect(names(member)).toEqual([
      'workloads[pods,deployments,statefulsets,daemonsets,jobs,cronjobs]',
      'network[services,ingresses,networkpolicies]',
      'storage[pvcs]',
      'events',
    ]);
  });

  it('leads to the page or the kind’s list, and knows which entry a route belongs to', () => {
    const pods = menuItems(clusterMenuTable).find((item) => item.name === 'pods')!;
    expect(clusterPageRoute('dev', pods.target)).toEqual({
      name: 'cluster-resources',
      params: { cluster: 'dev', group: 'core', version: 'v1', resource: 'pods' },
    });
    expect(activeEntryName(clusterMenuTable, 'resources', { group: 'apps', resource: 'deployments' })).toBe(
      'deployments',
    );
    expect(activeEntryName(clusterMenuTable, 'node', {})).toBe('');
    expect(
      activeEntryName(clusterMenuTable, 'resources', { group: 'demo.atrium.dev', resource: 'backups' }),
    ).toBe('crds');
    expect(isCustomGroup('networking.k8s.io')).toBe(false);
    expect(isCustomGroup('monitoring.coreos.com')).toBe(true);
  });
});
