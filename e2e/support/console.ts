import type { Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';

/**
 * What a user does and sees in the Atrium console, by data-testid: signing in, the side menu,
 * Element Plus selects, the permission tree. Each helper waits for the state it needs.
 */

export const POLL = { timeout: 30_000, interval: 200 } as const;

/** Fills the sign-in form and submits it; the caller decides where that should lead. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Opens the sign-in page from a signed-out browser and signs in. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/login(\?|$)/);
  await submitSignIn(page, username, password);
}

/** Waits until the address bar shows `pathname` (query ignored). */
export async function expectPath(page: Page, pathname: string): Promise<void> {
  await expect.poll(() => new URL(page.url()).pathname, POLL).toBe(pathname);
}

/** The test ids of the side-menu pages the user can see (`menu-<route name>`), in menu order. */
export async function menuEntries(page: Page): Promise<string[]> {
  const items = page.getByTestId('side-menu').locator('li[data-testid^="menu-"]:not(.el-sub-menu)');
  return items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid') ?? ''));
}

/** Waits for the side menu to show exactly these entries. */
export async function expectMenu(page: Page, entries: string[]): Promise<void> {
  await page.getByTestId('side-menu').waitFor();
  await expect.poll(() => menuEntries(page), POLL).toEqual(entries);
}

export async function openMenu(page: Page, name: string, pathname: string): Promise<void> {
  await page.getByTestId(`menu-${name}`).click();
  await expectPath(page, pathname);
}

/** Runs `action` and returns the response to `method path` it caused, checking its status. */
export async function responseTo(
  page: Page,
  method: string,
  path: RegExp,
  status: number,
  action: () => Promise<void>,
): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname)),
    action(),
  ]);
  if (response.status() !== status) {
    throw new Error(
      `${method} ${response.url()} answered ${response.status()}, expected ${status}: ${await response.text()}`,
    );
  }
  return response;
}

/**
 * Picks an option of an Element Plus select: opens it, optionally types to filter (remote
 * selects search the server), then clicks the option's test id in the pop-up.
 */
export async function pickOption(
  page: Page,
  selectTestId: string,
  optionTestId: string,
  typed?: string,
): Promise<void> {
  const select = page.getByTestId(selectTestId);
  await select.click();
  if (typed !== undefined) await select.locator('input').pressSequentially(typed);
  const option = page.getByTestId(optionTestId);
  await option.click();
  await expect.poll(() => option.isVisible(), POLL).toBe(false);
}

function permissionNode(page: Page, code: string): Locator {
  return page.getByTestId(`perm-node-${code}`);
}

export async function isPermissionChecked(page: Page, code: string): Promise<boolean> {
  return (await permissionNode(page, code).getAttribute('data-checked')) === 'true';
}

/**
 * Ticks a code in the role editor's permission tree. Ticking a code also ticks its menu and a
 * click toggles, so a code already ticked is left alone.
 */
export async function checkPermission(page: Page, code: string): Promise<void> {
  if (await isPermissionChecked(page, code)) return;
  await permissionNode(page, code).click();
  await expect.poll(() => isPermissionChecked(page, code), POLL).toBe(true);
}

/** A table row (`tr`) holding the element with this test id. */
export function rowOf(page: Page, testId: string): Locator {
  return page.locator('tr.el-table__row', { has: page.getByTestId(testId) });
}
