import { PLATFORM_ONLY, type PermissionDefinition } from '../access/permissions/definition.ts';

export const auditPermissions: PermissionDefinition[] = [
  {
    code: 'menu:audit',
    kind: 'menu',
    labels: { 'zh-CN': '审计日志', en: 'Audit log' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'audit:view',
    kind: 'api',
    parent: 'menu:audit',
    labels: { 'zh-CN': '查看审计日志', en: 'View the audit log' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'audit:export',
    kind: 'button',
    parent: 'menu:audit',
    labels: { 'zh-CN': '导出审计日志', en: 'Export the audit log' },
    scopes: PLATFORM_ONLY,
  },
];
