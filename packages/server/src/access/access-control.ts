import type { Principal } from '../auth/principal.ts';
import type { Executor } from '../core/db/schema.ts';
import { forbidden } from '../core/errors/errors.ts';
import type { BindingStore, ScopedGrant } from './bindings/store.ts';
import { GrantCache } from './grant-cache.ts';
import { PLATFORM_SCOPE, type ScopeRef } from './scope.ts';
import type { WorkspaceLocator } from './workspace-locator.ts';

/** Effective codes per scope, as GET /me reports them. */
export interface PermissionSummary {
  platform: string[];
  projects: Record<string, string[]>;
  workspaces: Record<string, string[]>;
}

function restrictToToken(codes: Set<string>, principal: Principal): Set<string> {
  if (principal.tokenScopes === null) return codes;
  const allowed = new Set(principal.tokenScopes);
  return new Set([...codes].filter((code) => allowed.has(code)));
}

function sorted(codes: Iterable<string>): string[] {
  return [...new Set(codes)].sort();
}

/**
 * Answers "may this principal do X here?". Platform bindings apply everywhere, project
 * bindings to the project and its workspaces, workspace bindings to that workspace; an API
 * token narrows the result to its scopes.
 */
export class AccessControl {
  readonly #db: Executor;
  readonly #grants: GrantCache;
  readonly #workspaces: WorkspaceLocator;

  constructor(db: Executor, bindings: BindingStore, workspaces: WorkspaceLocator) {
    this.#db = db;
    this.#grants = new GrantCache(bindings);
    this.#workspaces = workspaces;
  }

  async permissionsAt(principal: Principal, scope: ScopeRef): Promise<Set<string>> {
    const scopes: ScopeRef[] = [PLATFORM_SCOPE];
    if (scope.type !== 'platform') scopes.push(scope);
    if (scope.type === 'workspace') {
      const project = await this.#workspaces.projectOf(scope.id);
      if (project !== null) scopes.push({ type: 'project', id: project });
    }
    const grants = await this.#grants.grantsOf(this.#db, principal.userId);
    const codes = grants
      .filter((g) => scopes.some((s) => s.type === g.scope_type && s.id === g.scope_id))
      .map((g) => g.permission);
    return restrictToToken(new Set(codes), principal);
  }

  async can(principal: Principal, permission: string, scope: ScopeRef): Promise<boolean> {
    return (await this.permissionsAt(principal, scope)).has(permission);
  }

  /** Throws FORBIDDEN naming the missing permission and the scope. */
  async assert(principal: Principal, permission: string, scope: ScopeRef): Promise<void> {
    if (!(await this.can(principal, permission, scope))) throw forbidden(permission, scope);
  }

  async summary(principal: Principal): Promise<PermissionSummary> {
    const grants = await this.#grants.grantsOf(this.#db, principal.userId);
    const at = (type: ScopedGrant['scope_type'], id: string) =>
      grants.filter((g) => g.scope_type === type && g.scope_id === id).map((g) => g.permission);
    const ids = (type: ScopedGrant['scope_type']) =>
      new Set(grants.filter((g) => g.scope_type === type).map((g) => g.scope_id));
    const effective = (codes: string[]) => sorted(restrictToToken(new Set(codes), principal));

    const platform = at('platform', '');
    const projects: Record<string, string[]> = {};
    for (const id of ids('project')) projects[id] = effective([...platform, ...at('project', id)]);
    const workspaces: Record<string, string[]> = {};
    for (const id of ids('workspace')) {
      const project = await this.#workspaces.projectOf(id);
      const inherited = project === null ? [] : at('project', project);
      workspaces[id] = effective([...platform, ...inherited, ...at('workspace', id)]);
    }
    return { platform: effective(platform), projects, workspaces };
  }
}
