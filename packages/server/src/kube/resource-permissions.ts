import { EVERY_SCOPE, PLATFORM_ONLY, type PermissionDefinition } from '../access/permissions/definition.ts';

const MENU = 'menu:cluster-resources';

function api(
  code: string,
  zh: string,
  en: string,
  options: Partial<Pick<PermissionDefinition, 'level' | 'scopes' | 'kind'>> = {},
): PermissionDefinition {
  return { code, kind: 'api', parent: MENU, labels: { 'zh-CN': zh, en }, scopes: EVERY_SCOPE, ...options };
}

/**
 * What a user may do with the objects inside clusters (the generic resource API, the stream,
 * kubectl through Atrium). A platform binding grants a code in every namespace and for
 * cluster-scoped kinds; a workspace (or project) binding grants it in the workspace's
 * namespaces. `src/kube/access/kind-permissions.ts` says which code each kind and verb needs.
 */
export const resourcePermissions: PermissionDefinition[] = [
  { code: MENU, kind: 'menu', labels: { 'zh-CN': '集群资源', en: 'Cluster resources' }, scopes: EVERY_SCOPE },
  api('workloads:view', '查看工作负载与容器组', 'View workloads and pods'),
  api('workloads:create', '创建工作负载', 'Create workloads', { level: 'operate' }),
  api('workloads:update', '编辑工作负载', 'Edit workloads', { level: 'operate' }),
  api('workloads:delete', '删除工作负载', 'Delete workloads', { level: 'operate' }),
  api('pods:exec', '容器终端与端口转发', 'Exec into, attach to and port-forward pods', {
    kind: 'button',
    level: 'operate',
  }),
  api('networking:view', '查看服务与网络', 'View services and networking'),
  api('networking:manage', '管理服务与网络', 'Manage services and networking', { level: 'operate' }),
  api('config:view', '查看配置', 'View configuration'),
  api('config:manage', '管理配置', 'Manage configuration', { level: 'operate' }),
  // Reading a Secret reveals it: viewers do not get it, operators do.
  api('secrets:view', '查看保密字典', 'View secrets', { level: 'operate' }),
  api('secrets:manage', '管理保密字典', 'Manage secrets', { level: 'operate' }),
  api('storage:view', '查看存储', 'View storage'),
  api('storage:manage', '管理存储', 'Manage storage', { level: 'operate' }),
  api('namespaces:view', '查看命名空间', 'View namespaces'),
  api('namespaces:manage', '管理命名空间', 'Manage namespaces', { scopes: PLATFORM_ONLY }),
  api('rbac:view', '查看集群角色与绑定', 'View Kubernetes roles and bindings'),
  api('rbac:manage', '管理集群角色与绑定', 'Manage Kubernetes roles and bindings'),
  api('custom-resources:view', '查看自定义资源', 'View custom resources'),
  api('custom-resources:manage', '管理自定义资源', 'Manage custom resources', { level: 'operate' }),
  api('events:view', '查看事件', 'View events'),
  api('kubeconfig:download', '下载 kubeconfig', 'Download a kubeconfig (kubectl through Atrium)', {
    kind: 'button',
    level: 'view',
  }),
];

/** Every code above but the menu: what a kubeconfig's API token may carry. */
export const RESOURCE_CODES: readonly string[] = resourcePermissions
  .filter((p) => p.kind !== 'menu')
  .map((p) => p.code);
