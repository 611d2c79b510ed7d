import { http } from './client';
import type { ItemList, RoleBinding, ScopeType } from './types';

export interface RoleBindingQuery {
  userId?: string;
  roleId?: string;
  scopeType?: ScopeType | '';
  scopeId?: string;
}

export interface NewRoleBinding {
  userId: string;
  roleId: string;
  scopeType: ScopeType;
  scopeId?: string;
}

export function listRoleBindings(query: RoleBindingQuery = {}): Promise<ItemList<RoleBinding>> {
  return http.get('/api/v1/role-bindings', { ...query });
}

export function createRoleBinding(input: NewRoleBinding): Promise<RoleBinding> {
  return http.post('/api/v1/role-bindings', input);
}

export function deleteRoleBinding(id: string): Promise<void> {
  return http.delete(`/api/v1/role-bindings/${encodeURIComponent(id)}`);
}
