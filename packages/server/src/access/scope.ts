import type { ScopeType } from '../core/db/schema.ts';

/** Where a permission is exercised: the platform (id ''), a project or a workspace. */
export interface ScopeRef {
  type: ScopeType;
  id: string;
}

export const PLATFORM_SCOPE: ScopeRef = { type: 'platform', id: '' };
