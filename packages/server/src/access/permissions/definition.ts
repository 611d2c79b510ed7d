import type { ScopeType } from '../../core/db/schema.ts';

export type PermissionKind = 'menu' | 'button' | 'api';

/**
 * How much a code lets its holder do; built-in roles are derived from it: viewers get
 * `view`, members and operators `view` + `operate`, admins everything at their scope.
 */
export type PermissionLevel = 'view' | 'operate' | 'admin';

export interface PermissionLabels {
  'zh-CN': string;
  en: string;
}

export interface PermissionDefinition {
  code: string;
  kind: PermissionKind;
  /** The menu this code sits under in the console's permission tree. */
  parent?: string;
  labels: PermissionLabels;
  /**
   * Scopes at which a role holding this code can be bound. Platform roles may hold any code
   * (a platform binding applies everywhere), so this matters for project and workspace roles.
   */
  scopes: readonly ScopeType[];
  /** Defaults to `view` for menus and `*:view` codes, `admin` otherwise. */
  level?: PermissionLevel;
}

export const PLATFORM_ONLY: readonly ScopeType[] = ['platform'];
export const EVERY_SCOPE: readonly ScopeType[] = ['platform', 'project', 'workspace'];
