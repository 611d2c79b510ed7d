import type { ScopeType } from '../../core/db/schema.ts';
import type { RegisteredPermission, PermissionRegistry } from '../permissions/registry.ts';

export interface BuiltinRole {
  name: string;
  scopeType: ScopeType;
  displayName: string;
  description: string;
  /** Whether this role holds the code; evaluated against the registry at every start. */
  grants(permission: RegisteredPermission): boolean;
}

const at = (scope: ScopeType) => (p: RegisteredPermission) => p.scopes.includes(scope);

export const BUILTIN_ROLES: readonly BuiltinRole[] = [
  {
    name: 'platform-admin',
    scopeType: 'platform',
    displayName: 'Platform administrator',
    description: 'Everything, everywhere.',
    grants: () => true,
  },
  {
    name: 'platform-viewer',
    scopeType: 'platform',
    displayName: 'Platform viewer',
    description: 'Read-only access to the whole platform.',
    grants: (p) => p.level === 'view',
  },
  {
    name: 'project-admin',
    scopeType: 'project',
    displayName: 'Project administrator',
    description: 'Manages a project: members, quotas, workspaces and everything in them.',
    grants: at('project'),
  },
  {
    name: 'project-member',
    scopeType: 'project',
    displayName: 'Project member',
    description: 'Deploys and operates workloads in the project.',
    grants: (p) => at('project')(p) && p.level !== 'admin',
  },
  {
    name: 'project-viewer',
    scopeType: 'project',
    displayName: 'Project viewer',
    description: 'Read-only access to the project.',
    grants: (p) => at('project')(p) && p.level === 'view',
  },
  {
    name: 'workspace-admin',
    scopeType: 'workspace',
    displayName: 'Workspace administrator',
    description: 'Manages a workspace and its members.',
    grants: at('workspace'),
  },
  {
    name: 'workspace-operator',
    scopeType: 'workspace',
    displayName: 'Workspace operator',
    description: 'Deploys and operates workloads in the workspace.',
    grants: (p) => at('workspace')(p) && p.level !== 'admin',
  },
  {
    name: 'workspace-viewer',
    scopeType: 'workspace',
    displayName: 'Workspace viewer',
    description: 'Read-only access to the workspace.',
    grants: (p) => at('workspace')(p) && p.level === 'view',
  },
];

export function builtinRolePermissions(role: BuiltinRole, registry: PermissionRegistry): string[] {
  return registry
    .all()
    .filter((p) => role.grants(p))
    .map((p) => p.code)
    .sort();
}
