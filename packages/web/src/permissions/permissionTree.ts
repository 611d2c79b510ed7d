import type { Permission, PermissionKind, ScopeType } from '../api/types';

export interface PermissionNode {
  code: string;
  kind: PermissionKind;
  label: string;
  children: PermissionNode[];
}

// Within a menu, list what can be seen and done (api) before the extra buttons.
const KIND_ORDER: Record<PermissionKind, number> = { menu: 0, api: 1, button: 2 };

/**
 * The codes a role of the given scope type may hold. Platform roles may hold every code (a
 * platform binding applies everywhere); a catalogue without scope information is taken whole.
 */
export function grantableAt(items: Permission[], scopeType: ScopeType): Permission[] {
  if (scopeType === 'platform') return items;
  return items.filter((item) => !item.scopes || item.scopes.includes(scopeType));
}

export function permissionLabel(permission: Permission, locale: string): string {
  return permission.labels[locale] ?? permission.labels.en ?? permission.code;
}

/**
 * Groups the flat permission catalogue into the tree a role editor shows: each menu with the
 * button and API codes whose `parent` is that menu, labelled in the current language.
 */
export function buildPermissionTree(items: Permission[], locale: string): PermissionNode[] {
  const nodes = new Map<string, PermissionNode>();
  for (const item of items) {
    nodes.set(item.code, {
      code: item.code,
      kind: item.kind,
      label: permissionLabel(item, locale),
      children: [],
    });
  }
  const roots: PermissionNode[] = [];
  for (const item of items) {
    const node = nodes.get(item.code)!;
    const parent = item.parent ? nodes.get(item.parent) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const order = new Map(items.map((item, index) => [item.code, index]));
  const sort = (list: PermissionNode[]) => {
    list.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || order.get(a.code)! - order.get(b.code)!);
    list.forEach((node) => sort(node.children));
  };
  sort(roots);
  return roots;
}

function indexTree(tree: PermissionNode[]) {
  const parents = new Map<string, string | null>();
  const byCode = new Map<string, PermissionNode>();
  const walk = (list: PermissionNode[], parent: string | null) => {
    for (const node of list) {
      parents.set(node.code, parent);
      byCode.set(node.code, node);
      walk(node.children, node.code);
    }
  };
  walk(tree, null);
  return { parents, byCode };
}

function descendants(node: PermissionNode): string[] {
  return node.children.flatMap((child) => [child.code, ...descendants(child)]);
}

/**
 * The selection after the user ticks or unticks one code. A button or API code is useless without
 * the menu that leads to it, so ticking a code ticks its menu; unticking a menu unticks what is
 * under it.
 */
export function toggleCode(
  selected: readonly string[],
  code: string,
  checked: boolean,
  tree: PermissionNode[],
): string[] {
  const { parents, byCode } = indexTree(tree);
  const next = new Set(selected);
  if (checked) {
    for (let current: string | null | undefined = code; current; current = parents.get(current)) {
      next.add(current);
    }
  } else {
    next.delete(code);
    const node = byCode.get(code);
    if (node) descendants(node).forEach((child) => next.delete(child));
  }
  return [...next];
}

export function allCodes(tree: PermissionNode[]): string[] {
  return tree.flatMap((node) => [node.code, ...allCodes(node.children)]);
}
