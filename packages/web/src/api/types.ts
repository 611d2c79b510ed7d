// Shapes of the server's JSON, exactly as the API contract names them.

export type ScopeType = 'platform' | 'project' | 'workspace';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string;
  phone: string;
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token in seconds. */
  expiresIn: number;
  user: User;
}

/** The permission codes a user holds, per scope (`GET /api/v1/me`). */
export interface PermissionSet {
  platform: string[];
  projects: Record<string, string[]>;
  workspaces: Record<string, string[]>;
}

export interface Me {
  user: User;
  permissions: PermissionSet;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

export interface CreatedApiToken {
  token: string;
  id: string;
  name: string;
  scopes: string[];
  expiresAt: string | null;
  createdAt: string;
}

export type PermissionKind = 'menu' | 'button' | 'api';

export interface Permission {
  code: string;
  kind: PermissionKind;
  parent?: string | null;
  labels: Record<string, string>;
  /** Scopes at which a role may hold this code (platform roles may hold every code). */
  scopes?: ScopeType[];
}

export interface Role {
  id: string;
  name: string;
  displayName: string;
  description: string;
  scopeType: ScopeType;
  builtin: boolean;
  permissions: string[];
  createdAt: string;
  updatedAt: string;
}

export interface RoleBinding {
  id: string;
  userId: string;
  username: string;
  roleId: string;
  roleName: string;
  scopeType: ScopeType;
  /** Empty for a platform binding. */
  scopeId: string;
  createdAt: string;
}

export interface AuditEvent {
  id: string;
  time: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  sourceIp: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  clusterId: string | null;
  projectId: string | null;
  workspaceId: string | null;
  applicationId: string | null;
  statusCode: number | null;
  errorCode: string | null;
  outcome: 'success' | 'failure';
  diff: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ItemList<T> {
  items: T[];
}
