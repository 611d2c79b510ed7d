import type { Kysely, Transaction } from 'kysely';

/**
 * Table types. Portable conventions: ids are app-made UUIDs (varchar 36), times are epoch
 * milliseconds (bigint), booleans are 0/1 integers, JSON is text.
 */

export type ScopeType = 'platform' | 'project' | 'workspace';
export type UserStatus = 'active' | 'disabled';

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string;
  phone: string;
  password_hash: string;
  status: UserStatus;
  must_change_password: number;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface RolesTable {
  id: string;
  name: string;
  display_name: string;
  description: string;
  scope_type: ScopeType;
  builtin: number;
  created_at: number;
  updated_at: number;
}

export interface RolePermissionsTable {
  role_id: string;
  permission: string;
}

export interface RoleBindingsTable {
  id: string;
  user_id: string;
  role_id: string;
  scope_type: ScopeType;
  /** Empty for platform bindings. */
  scope_id: string;
  created_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  /** JSON array of permission codes, or null for "all of the user's". */
  scopes: string | null;
  expires_at: number;
  last_used_at: number | null;
  created_at: number;
}

export interface RefreshSessionsTable {
  id: string;
  /** The session family: every rotation of one sign-in shares it; it is the JWT `sid`. */
  family_id: string;
  user_id: string;
  token_hash: string;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
  created_at: number;
}

export interface LoginAttemptsTable {
  id: string;
  username: string;
  source_ip: string;
  succeeded: number;
  attempted_at: number;
}

export interface AuditEventsTable {
  id: string;
  occurred_at: number;
  actor_type: 'user' | 'token' | 'system';
  actor_id: string;
  actor_name: string;
  source_ip: string;
  action: string;
  target_type: string;
  target_id: string;
  cluster_id: string;
  project_id: string;
  workspace_id: string;
  application_id: string;
  status_code: number;
  error_code: string;
  outcome: 'success' | 'failure';
  diff: string | null;
}

export interface SettingsTable {
  name: string;
  value: string;
  updated_at: number;
}

export interface ClustersTable {
  id: string;
  /** DNS-1123 label; the cluster's id in URLs. */
  name: string;
  display_name: string;
  description: string;
  environment: string;
  region: string;
  credential_type: 'kubeconfig' | 'token' | 'certificate' | 'in-cluster';
  /** API server URL, shown to users; the credential itself is only in `credential`. */
  server: string;
  insecure_skip_tls_verify: number;
  /** The credential sealed with the secret box (purpose bound to the cluster name). */
  credential: string;
  /** Bumped on every credential rotation: connection holders restart their watches. */
  credential_version: number;
  created_at: number;
  updated_at: number;
}

/** A single row (id 1): see migrations/0003-grant-generation.ts. */
export interface GrantGenerationTable {
  id: number;
  generation: number;
}

export interface DB {
  users: UsersTable;
  roles: RolesTable;
  role_permissions: RolePermissionsTable;
  role_bindings: RoleBindingsTable;
  api_tokens: ApiTokensTable;
  refresh_sessions: RefreshSessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_events: AuditEventsTable;
  settings: SettingsTable;
  clusters: ClustersTable;
  grant_generation: GrantGenerationTable;
}

/** What stores and services accept, so a caller can run several of them in one transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;
