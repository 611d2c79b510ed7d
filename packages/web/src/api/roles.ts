import { http } from './client';
import type { ItemList, Permission, Role, ScopeType } from './types';

export interface RoleInput {
  name: string;
  displayName?: string;
  description?: string;
  scopeType: ScopeType;
  permissions: string[];
}

export type RolePatch = Partial<Omit<RoleInput, 'name' | 'scopeType'>>;

const path = (id: string) => `/api/v1/roles/${encodeURIComponent(id)}`;

export function listRoles(scopeType?: ScopeType): Promise<ItemList<Role>> {
  return http.get('/api/v1/roles', { scopeType });
}

export function createRole(input: RoleInput): Promise<Role> {
  return http.post('/api/v1/roles', input);
}

export function updateRole(id: string, patch: RolePatch): Promise<Role> {
  return http.patch(path(id), patch);
}

export function deleteRole(id: string): Promise<void> {
  return http.delete(path(id));
}

export function listPermissions(): Promise<ItemList<Permission>> {
  return http.get('/api/v1/permissions');
}
