import type { PermissionSet, ScopeType } from '../api/types';

export const ALL_SCOPES: readonly ScopeType[] = ['platform', 'project', 'workspace'];

export const EMPTY_PERMISSIONS: PermissionSet = { platform: [], projects: {}, workspaces: {} };

/** Whether the user holds `code` in at least one scope of the given types. */
export function holdsCode(
  permissions: PermissionSet,
  code: string,
  scopes: readonly ScopeType[] = ['platform'],
): boolean {
  return scopes.some((scope) => {
    if (scope === 'platform') return permissions.platform.includes(code);
    const byId = scope === 'project' ? permissions.projects : permissions.workspaces;
    return Object.values(byId).some((codes) => codes.includes(code));
  });
}

/** Whether the user holds `code` in one particular project or workspace (platform grants count too). */
export function holdsCodeIn(
  permissions: PermissionSet,
  code: string,
  scope: { type: ScopeType; id?: string | null },
): boolean {
  if (permissions.platform.includes(code)) return true;
  if (scope.type === 'platform' || !scope.id) return false;
  const byId = scope.type === 'project' ? permissions.projects : permissions.workspaces;
  return byId[scope.id]?.includes(code) ?? false;
}

/** Every code the user holds anywhere, sorted: what an API token may at most be scoped to. */
export function allHeldCodes(permissions: PermissionSet): string[] {
  const codes = new Set(permissions.platform);
  for (const group of [permissions.projects, permissions.workspaces]) {
    for (const list of Object.values(group)) list.forEach((code) => codes.add(code));
  }
  return [...codes].sort();
}
