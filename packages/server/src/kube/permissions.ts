import { PLATFORM_ONLY, type PermissionDefinition } from '../access/permissions/definition.ts';

/** The cluster registry and node operations: platform-wide, held by platform roles only. */
export const clusterPermissions: PermissionDefinition[] = [
  {
    code: 'menu:clusters',
    kind: 'menu',
    labels: { 'zh-CN': '集群管理', en: 'Clusters' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'clusters:view',
    kind: 'api',
    parent: 'menu:clusters',
    labels: { 'zh-CN': '查看集群', en: 'View clusters' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'clusters:create',
    kind: 'api',
    parent: 'menu:clusters',
    labels: { 'zh-CN': '接入集群', en: 'Connect clusters' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'clusters:update',
    kind: 'api',
    parent: 'menu:clusters',
    labels: { 'zh-CN': '编辑集群与轮换凭据', en: 'Edit clusters and rotate their credentials' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'clusters:delete',
    kind: 'api',
    parent: 'menu:clusters',
    labels: { 'zh-CN': '移除集群', en: 'Remove clusters' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'nodes:view',
    kind: 'api',
    parent: 'menu:clusters',
    labels: { 'zh-CN': '查看节点', en: 'View nodes' },
    scopes: PLATFORM_ONLY,
  },
  {
    code: 'nodes:manage',
    kind: 'api',
    parent: 'menu:clusters',
    labels: {
      'zh-CN': '管理节点（封锁、解封、排空、污点、标签）',
      en: 'Manage nodes (cordon, uncordon, drain, taints, labels)',
    },
    scopes: PLATFORM_ONLY,
  },
];
