import { describe, expect, it } from 'vitest';
import { createPermissionRegistry } from './catalog.ts';
import { PLATFORM_ONLY } from './definition.ts';
import { PermissionRegistry } from './registry.ts';

const labels = { 'zh-CN': '测试', en: 'Test' };

describe('PermissionRegistry', () => {
  it('holds every foundation code with both labels', () => {
    const registry = createPermissionRegistry();
    for (const code of [
      'menu:overview',
      'menu:users',
      'menu:roles',
      'menu:role-bindings',
      'menu:audit',
      'users:view',
      'users:create',
      'users:update',
      'users:delete',
      'users:reset-password',
      'roles:view',
      'roles:create',
      'roles:update',
      'roles:delete',
      'role-bindings:view',
      'role-bindings:create',
      'role-bindings:delete',
      'audit:view',
      'audit:export',
    ]) {
      const permission = registry.get(code);
      expect(permission, code).toBeDefined();
      expect(permission?.labels['zh-CN']).not.toBe('');
      expect(permission?.labels.en).not.toBe('');
    }
    expect(registry.get('audit:export')).toMatchObject({ kind: 'button', parent: 'menu:audit' });
    expect(registry.get('users:view')).toMatchObject({ kind: 'api', parent: 'menu:users', level: 'view' });
    expect(registry.get('users:delete')?.level).toBe('admin');
  });

  it('refuses duplicate codes, malformed codes and parents that are not menus', () => {
    const users = { code: 'users:view', kind: 'api' as const, labels, scopes: PLATFORM_ONLY };
    expect(() => new PermissionRegistry([users, users])).toThrow(/defined twice/);
    expect(() => new PermissionRegistry([{ ...users, code: 'Users View' }])).toThrow(/area:action/);
    expect(() => new PermissionRegistry([{ ...users, parent: 'menu:missing' }])).toThrow(/not a menu/);
  });
});
