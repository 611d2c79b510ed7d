import { describe, expect, it } from 'vitest';
import type { Permission } from '../api/types';
import { allCodes, buildPermissionTree, grantableAt, toggleCode } from './permissionTree';

const p = (
  code: string,
  kind: Permission['kind'],
  parent: string | null,
  zh: string,
  en: string,
): Permission => ({
  code,
  kind,
  parent,
  labels: { 'zh-CN': zh, en },
});

// In the order a server might list them: not grouped, buttons before the API codes.
const catalogue: Permission[] = [
  p('menu:overview', 'menu', null, '概览', 'Overview'),
  p('menu:users', 'menu', null, '用户', 'Users'),
  p('menu:audit', 'menu', null, '审计日志', 'Audit log'),
  p('audit:export', 'button', 'menu:audit', '导出审计日志', 'Export audit log'),
  p('users:view', 'api', 'menu:users', '查看用户', 'View users'),
  p('users:create', 'api', 'menu:users', '创建用户', 'Create users'),
  p('audit:view', 'api', 'menu:audit', '查看审计日志', 'View audit log'),
];

describe('buildPermissionTree', () => {
  it('groups the button and API codes under their menu', () => {
    const tree = buildPermissionTree(catalogue, 'en');
    expect(tree.map((node) => [node.code, node.children.map((c) => c.code)])).toEqual([
      ['menu:overview', []],
      ['menu:users', ['users:view', 'users:create']],
      ['menu:audit', ['audit:view', 'audit:export']],
    ]);
  });

  it('labels nodes in the current language', () => {
    expect(buildPermissionTree(catalogue, 'zh-CN')[1]?.label).toBe('用户');
    expect(buildPermissionTree(catalogue, 'en')[1]?.children[1]?.label).toBe('Create users');
  });

  it('falls back to English, then to the code, for a missing label', () => {
    const tree = buildPermissionTree(
      [
        { code: 'menu:x', kind: 'menu', parent: null, labels: { en: 'X' } },
        { ...catalogue[0]!, labels: {} },
      ],
      'zh-CN',
    );
    expect(tree.map((node) => node.label)).toEqual(['X', 'menu:overview']);
  });

  it('keeps a code whose parent is unknown at the top level instead of losing it', () => {
    const tree = buildPermissionTree([p('clusters:view', 'api', 'menu:clusters', '', 'View clusters')], 'en');
    expect(allCodes(tree)).toEqual(['clusters:view']);
  });
});

describe('toggleCode', () => {
  const tree = buildPermissionTree(catalogue, 'en');

  it('ticks the menu along with a code under it', () => {
    expect(toggleCode([], 'users:create', true, tree).sort()).toEqual(['menu:users', 'users:create']);
  });

  it('unticks everything under a menu with the menu', () => {
    const selected = ['menu:users', 'users:view', 'users:create', 'menu:overview'];
    expect(toggleCode(selected, 'menu:users', false, tree)).toEqual(['menu:overview']);
  });

  it('leaves the menu ticked when one code under it is unticked', () => {
    expect(toggleCode(['menu:audit', 'audit:view', 'audit:export'], 'audit:export', false, tree)).toEqual([
      'menu:audit',
      'audit:view',
    ]);
  });
});

describe('grantableAt', () => {
  const scoped: Permission[] = [
    { ...catalogue[0]!, scopes: ['platform', 'project', 'workspace'] },
    { ...catalogue[1]!, scopes: ['platform'] },
    { ...catalogue[4]!, scopes: ['platform'] },
  ];

  it('offers a project role only the codes that apply in projects', () => {
    expect(grantableAt(scoped, 'project').map((p) => p.code)).toEqual(['menu:overview']);
  });

  it('offers a platform role every code', () => {
    expect(grantableAt(scoped, 'platform')).toHaveLength(3);
  });
});
