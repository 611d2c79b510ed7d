import type { PermissionSet } from '../api/types';
import { holdsCode } from '../permissions/access';
import type { MenuEntryDef, MenuGroupDef, MenuItemDef } from './menuTable';

export function canOpen(item: Pick<MenuItemDef, 'code' | 'scopes'>, permissions: PermissionSet): boolean {
  return holdsCode(permissions, item.code, item.scopes);
}

/** The menu a user sees: entries whose code they hold; groups left empty disappear. */
export function buildMenu(table: MenuEntryDef[], permissions: PermissionSet): MenuEntryDef[] {
  const visible: MenuEntryDef[] = [];
  for (const entry of table) {
    if (entry.kind === 'item') {
      if (canOpen(entry, permissions)) visible.push(entry);
      continue;
    }
    const children = entry.children.filter((child) => canOpen(child, permissions));
    if (children.length > 0) visible.push({ ...entry, children });
  }
  return visible;
}

export function menuItems(table: MenuEntryDef[]): MenuItemDef[] {
  return table.flatMap((entry) => (entry.kind === 'item' ? [entry] : entry.children));
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
