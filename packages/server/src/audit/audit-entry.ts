import type { AuditDiff } from './diff.ts';

export type ActorType = 'user' | 'token' | 'system';

export interface Actor {
  type: ActorType;
  /** User id, or the API token's id when type is `token`. */
  id: string;
  /** The username, or `system`. */
  name: string;
  /** The user acting, directly or through their API token; absent for system and anonymous. */
  userId?: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: '', name: 'system' };
export const ANONYMOUS_ACTOR: Actor = { type: 'user', id: '', name: '' };

export interface AuditScope {
  clusterId?: string;
  projectId?: string;
  workspaceId?: string;
  applicationId?: string;
}

export interface AuditEntry {
  actor: Actor;
  sourceIp: string;
  action: string;
  targetType: string;
  targetId: string;
  scope: AuditScope;
  statusCode: number;
  /** Empty on success. */
  errorCode: string;
  diff: AuditDiff | null;
}

/**
 * What a service needs to audit the change it is making for one request. The route layer
 * builds it from the request; the service adds the target and diff when it writes.
 */
export interface ChangeContext {
  actor: Actor;
  sourceIp: string;
  action: string;
  targetType: string;
  scope: AuditScope;
  /** Status of the successful response, recorded with the change. */
  statusCode: number;
  /** Set once the change's audit record has been written in its transaction. */
  recorded: boolean;
}

export function systemChange(action: string, targetType: string): ChangeContext {
  return {
    actor: SYSTEM_ACTOR,
    sourceIp: '',
    action,
    targetType,
    scope: {},
    statusCode: 200,
    recorded: false,
  };
}
