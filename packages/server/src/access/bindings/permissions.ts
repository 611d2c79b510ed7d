import { PLATFORM_ONLY, type PermissionDefinition } from '../permissions/definition.ts';

export const bindingPermissions: PermissionDefinition[] = [
  {
    code: 'menu:role-bindings',
    kind: 'menu',
    labels: { 'zh-CN': '角色绑定', en: 'Role bindings' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'role-bindings:view',
    kind: 'api',
    parent: 'menu:role-bindings',
    labels: { 'zh-CN': '查看角色绑定', en: 'View role bindings' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'role-bindings:create',
    kind: 'api',
    parent: 'menu:role-bindings',
    labels: { 'zh-CN': '创建角色绑定', en: 'Create role bindings' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'role-bindings:delete',
    kind: 'api',
    parent: 'menu:role-bindings',
    labels: { 'zh-CN': '删除角色绑定', en: 'Delete role bindings' },
    scopes: PLATFORM_ONLY,
  },
];
