import { auditPermissions } from '../../audit/permissions.ts';
import { userPermissions } from '../../auth/users/permissions.ts';
import { clusterPermissions } from '../../kube/permissions.ts';
import { resourcePermissions } from '../../kube/resource-permissions.ts';
import { bindingPermissions } from '../bindings/permissions.ts';
import { rolePermissions } from '../roles/permissions.ts';
import { EVERY_SCOPE, type PermissionDefinition } from './definition.ts';
import { PermissionRegistry } from './registry.ts';

const overviewPermissions: PermissionDefinition[] = [
  { code: 'menu:overview', kind: 'menu', labels: { 'zh-CN': '概览', en: 'Overview' }, scopes: EVERY_SCOPE },
];

/**
 * Every feature's codes. A new feature adds its `permissions.ts` here; built-in roles pick
 * the new codes up at the next start.
 */
export function createPermissionRegistry(): PermissionRegistry {
  return new PermissionRegistry([
    ...overviewPermissions,
    ...userPermissions,
    ...rolePermissions,
    ...bindingPermissions,
    ...auditPermissions,
    ...clusterPermissions,
    ...resourcePermissions,
  ]);
}
