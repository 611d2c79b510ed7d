import { http } from './client';
import type { Page, User } from './types';

export interface UserQuery {
  search?: string;
  status?: User['status'] | '';
  limit?: number;
  offset?: number;
}

export interface NewUser {
  username: string;
  displayName?: string;
  email?: string;
  phone?: string;
  password: string;
}

export type UserPatch = Partial<Pick<User, 'displayName' | 'email' | 'phone' | 'status'>>;

const path = (id: string) => `/api/v1/users/${encodeURIComponent(id)}`;

export function listUsers(query: UserQuery = {}): Promise<Page<User>> {
  return http.get('/api/v1/users', { ...query });
}

export function createUser(input: NewUser): Promise<User> {
  return http.post('/api/v1/users', input);
}

export function updateUser(id: string, patch: UserPatch): Promise<User> {
  return http.patch(path(id), patch);
}

export function deleteUser(id: string): Promise<void> {
  return http.delete(path(id));
}

export function resetUserPassword(id: string, password: string): Promise<void> {
  return http.post(`${path(id)}/reset-password`, { password });
}
