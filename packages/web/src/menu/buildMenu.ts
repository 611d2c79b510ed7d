import type { PermissionSet, ScopeType } from '../api/types';
import { holdsCode } from '../permissions/access';
import type { MenuEntryDef, MenuGroupDef, MenuItemDef } from './menuTable';

/** What every menu row carries to decide who sees it. */
export interface GatedItem {
  kind: 'item';
  name: string;
  code: string;
  scopes: readonly ScopeType[];
}

export interface GatedGroup<I extends GatedItem> {
  kind: 'group';
  key: string;
  children: I[];
}

export function canOpen(item: Pick<GatedItem, 'code' | 'scopes'>, permissions: PermissionSet): boolean {
  return holdsCode(permissions, item.code, item.scopes);
}

/**
 * The menu a user sees: entries whose code they hold; groups left empty disappear. Works for the
 * platform menu and for the cluster menu alike.
 */
type Entry = GatedItem | GatedGroup<GatedItem>;

/** The items of a menu's entries: an item itself, or a group's children. */
export type ItemOf<E> = E extends GatedGroup<infer I> ? I : E;

export function buildMenu<E extends Entry>(table: E[], permissions: PermissionSet): E[] {
  const visible: E[] = [];
  for (const entry of table) {
    if (entry.kind === 'item') {
      if (canOpen(entry, permissions)) visible.push(entry);
      continue;
    }
    const children = entry.children.filter((child) => canOpen(child, permissions));
    if (children.length > 0) visible.push({ ...entry, children } as E);
  }
  return visible;
}

export function menuItems<E extends Entry>(table: E[]): ItemOf<E>[] {
  return table.flatMap((entry): GatedItem[] =>
    entry.kind === 'item' ? [entry] : entry.children,
  ) as ItemOf<E>[];
}

/** The group an item belongs to (for breadcrumbs and for opening the right submenu). */
export function groupOf(table: MenuEntryDef[], name: string): MenuGroupDef | undefined {
  return table.find(
    (entry): entry is MenuGroupDef =>
      entry.kind === 'group' && entry.children.some((child) => child.name === name),
  );
}

/** Where "/" leads: the first page of the user's menu, or nothing when the menu is empty. */
export function firstVisibleItem(menu: MenuEntryDef[]): MenuItemDef | undefined {
  return menuItems(menu)[0];
}
