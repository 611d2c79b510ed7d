import { describe, expect, it } from 'vitest';
import { createPermissionRegistry } from '../../access/permissions/catalog.ts';
import { CLUSTER_CODES, permissionFor } from './kind-permissions.ts';

describe('kind → permission table', () => {
  it('maps built-in kinds by group and verb, and everything unknown to custom resources', () => {
    expect(permissionFor({ group: 'apps', resource: 'deployments' }, 'list')).toBe('workloads:view');
    expect(permissionFor({ group: 'apps', resource: 'deployments' }, 'patch')).toBe('workloads:update');
    expect(permissionFor({ group: '', resource: 'pods' }, 'deletecollection')).toBe('workloads:delete');
    expect(permissionFor({ group: '', resource: 'services' }, 'create')).toBe('networking:manage');
    expect(permissionFor({ group: '', resource: 'secrets' }, 'get')).toBe('secrets:view');
    expect(permissionFor({ group: 'coordination.k8s.io', resource: 'leases' }, 'update')).toBe(
      'config:manage',
    );
    expect(permissionFor({ group: 'storage.k8s.io', resource: 'storageclasses' }, 'delete')).toBe(
      'storage:manage',
    );
    expect(permissionFor({ group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }, 'watch')).toBe(
      'rbac:view',
    );
    expect(
      permissionFor({ group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }, 'create'),
    ).toBe('custom-resources:manage');
    expect(permissionFor({ group: 'example.com', resource: 'deployments' }, 'get')).toBe(
      'custom-resources:view',
    );
    expect(permissionFor({ group: '', resource: 'events' }, 'list')).toBe('events:view');
    expect(permissionFor({ group: '', resource: 'events' }, 'create')).toBeNull();
  });

  it('gives exec, attach and port-forward their own code, and logs and scale their kind’s', () => {
    for (const sub of ['exec', 'attach', 'portforward']) {
      expect(permissionFor({ group: '', resource: 'pods', subresource: sub }, 'create')).toBe('pods:exec');
    }
    expect(permissionFor({ group: '', resource: 'pods', subresource: 'log' }, 'get')).toBe('workloads:view');
    expect(permissionFor({ group: 'apps', resource: 'deployments', subresource: 'scale' }, 'patch')).toBe(
      'workloads:update',
    );
    expect(permissionFor({ group: '', resource: 'pods', subresource: 'eviction' }, 'create')).toBe(
      'workloads:delete',
    );
  });

  it('uses only registered codes', () => {
    const registry = createPermissionRegistry();
    expect([...CLUSTER_CODES].filter((code) => !registry.has(code))).toEqual([]);
  });
});
