import type { ScopeType } from '../../core/db/schema.ts';
import type { PermissionDefinition, PermissionLevel } from './definition.ts';

const CODE_PATTERN = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;

export interface RegisteredPermission extends PermissionDefinition {
  level: PermissionLevel;
}

function defaultLevel(definition: PermissionDefinition): PermissionLevel {
  if (definition.level) return definition.level;
  return definition.kind === 'menu' || definition.code.endsWith(':view') ? 'view' : 'admin';
}

/** The one list of permission codes; each feature contributes its own definitions. */
export class PermissionRegistry {
  readonly #byCode = new Map<string, RegisteredPermission>();

  constructor(definitions: readonly PermissionDefinition[]) {
    for (const definition of definitions) {
      if (!CODE_PATTERN.test(definition.code)) {
        throw new Error(`permission code "${definition.code}" must look like "area:action"`);
      }
      if (this.#byCode.has(definition.code)) {
        throw new Error(`permission code "${definition.code}" is defined twice`);
      }
      this.#byCode.set(definition.code, { ...definition, level: defaultLevel(definition) });
    }
    for (const permission of this.#byCode.values()) {
      if (permission.parent !== undefined && this.#byCode.get(permission.parent)?.kind !== 'menu') {
        throw new Error(
          `permission "${permission.code}" has parent "${permission.parent}", which is not a menu`,
        );
      }
    }
  }

  has(code: string): boolean {
    return this.#byCode.has(code);
  }

  get(code: string): RegisteredPermission | undefined {
    return this.#byCode.get(code);
  }

  all(): RegisteredPermission[] {
    return [...this.#byCode.values()];
  }

  /** Codes a role bound at `scopeType` may hold; platform bindings apply everywhere, so all. */
  grantableAt(scopeType: ScopeType): RegisteredPermission[] {
    return this.all().filter((p) => scopeType === 'platform' || p.scopes.includes(scopeType));
  }
}
