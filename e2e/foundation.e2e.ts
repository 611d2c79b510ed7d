import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSecrets } from '@atrium/server/testing/secret-scan';
import { launchBrowser, openSession } from './support/browser.ts';
import {
  checkPermission,
  expectMenu,
  expectPath,
  isPermissionChecked,
  openMenu,
  pickOption,
  POLL,
  responseTo,
  rowOf,
  signIn,
  submitSignIn,
} from './support/console.ts';
import { afterBanner, issuedSecrets, scanResponses, scanText } from './support/leak-scan.ts';
import { ResponseRecorder } from './support/response-recorder.ts';
import { screenshots } from './support/screenshots.ts';
import { startAtriumServer, type AtriumServer } from './support/server.ts';
import { readStoredSecrets } from './support/stored-secrets.ts';

/** Letters and digits, ≥ 12 characters (the secret scan ignores shorter values), new every run. */
const password = (tag: string) => `${tag}-${randomBytes(6).toString('hex')}-7`;

const ADMIN = { username: 'admin', password: password('Admin') };
const AUDITOR = {
  username: 'mei.chen',
  displayName: 'Mei Chen',
  email: 'mei.chen@example.com',
  password: password('Mei'),
  /** Set by the administrator's reset. */
  resetPassword: password('Reset'),
  /** Chosen by Mei at the forced password change. */
  ownPassword: password('Own'),
};
const ROLE = {
  name: 'audit-reader',
  displayName: 'Audit reader',
  granted: ['menu:audit', 'audit:view', 'menu:users', 'users:view'],
  notGranted: ['menu:overview', 'users:create', 'users:update', 'menu:roles', 'roles:view', 'audit:export'],
};
const TOKEN_NAME = 'ci-pipeline';

describe('foundation: a platform administrator hands out access, and it holds', () => {
  const shots = screenshots('foundation');
  let server: AtriumServer;
  let browser: Browser;
  let recorder: ResponseRecorder;
  let admin: Page;
  let auditor: Page;
  const pages = new Map<string, Page>();
  const ids = { user: '', role: '', binding: '' };
  let apiToken = '';

  let brokenAt = '';

  /**
   * One step of the story. Each builds on the ones before, so after a failure the rest are
   * skipped rather than failing for the same reason; the failure photographs every open page.
   */
  function step(name: string, body: () => Promise<void>) {
    it(name, async (context) => {
      if (brokenAt) context.skip(`an earlier step failed: ${brokenAt}`);
      try {
        await body();
      } catch (error) {
        brokenAt = name;
        for (const [session, page] of pages) {
          const file = `FAILED-${name.replace(/\W+/g, '-').slice(0, 60)}-${session}`;
          await shots.take(page, file).catch(() => undefined);
        }
        throw error;
      }
    });
  }

  beforeAll(async () => {
    await shots.clear();
    server = await startAtriumServer({ adminPassword: ADMIN.password });
    browser = await launchBrowser();
    recorder = new ResponseRecorder(server.url);
    const session = await openSession(browser, { baseURL: server.url });
    recorder.attach(session.context, 'admin');
    admin = session.page;
    pages.set('admin', admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose(shots.dir);
  });

  step('the administrator signs in and sees the platform administration menu', async () => {
    await admin.goto('/');
    await expectPath(admin, '/login');
    await admin.getByTestId('login-username').waitFor();
    await expect.poll(() => admin.title(), POLL).toContain('Sign in');
    await shots.take(admin, 'login');

    await submitSignIn(admin, ADMIN.username, ADMIN.password);
    await expectPath(admin, '/overview');
    await expectMenu(admin, [
      'menu-overview',
      'menu-clusters',
      'menu-users',
      'menu-roles',
      'menu-role-bindings',
      'menu-audit',
    ]);
    await expect.poll(() => admin.getByTestId('menu-group-platform').innerText(), POLL).toContain('Platform');
    await expect.poll(() => admin.getByTestId('user-menu-name').innerText(), POLL).toBe('Administrator');
    // The overview's counters come from the API: one user (admin), and the sign-in in the audit log.
    const usersCard = admin.getByTestId('overview-users-count');
    await expect.poll(() => usersCard.innerText(), POLL).toMatch(/Users\s+1\b/);
    await admin.getByTestId('overview-recent-audit').getByText('auth.login').first().waitFor();
    await shots.take(admin, 'overview');
  });

  step('the administrator creates a user in the Users page dialog', async () => {
    await openMenu(admin, 'users', '/platform/users');
    await admin.getByTestId('user-row-admin').waitFor();
    await admin.getByTestId('users-create').click();
    await admin.getByTestId('user-form-dialog').waitFor();
    await admin.getByTestId('user-form-username').fill(AUDITOR.username);
    await admin.getByTestId('user-form-display-name').fill(AUDITOR.displayName);
    await admin.getByTestId('user-form-email').fill(AUDITOR.email);
    await admin.getByTestId('user-form-password').fill(AUDITOR.password);
    await admin.getByTestId('user-form-confirm-password').fill(AUDITOR.password);
    const created = await responseTo(admin, 'POST', /^\/api\/v1\/users$/, 201, () =>
      admin.getByTestId('user-form-submit').click(),
    );
    ids.user = ((await created.json()) as { id: string }).id;

    await admin.getByTestId('user-form-dialog').waitFor({ state: 'hidden' });
    const row = rowOf(admin, `user-row-${AUDITOR.username}`);
    await row.waitFor();
    await expect.poll(() => row.innerText(), POLL).toContain(AUDITOR.displayName);
    await expect.poll(() => row.innerText(), POLL).toContain(AUDITOR.email);
    await expect.poll(() => row.innerText(), POLL).toContain('Never');
    await shots.take(admin, 'users');
  });

  step('the administrator creates a platform role granting only the users and audit views', async () => {
    await openMenu(admin, 'roles', '/platform/roles');
    await admin.getByTestId('role-row-platform-admin').waitFor();
    await admin.getByTestId('roles-create').click();
    await admin.getByTestId('role-form-dialog').waitFor();
    await admin.getByTestId('role-form-name').fill(ROLE.name);
    await admin.getByTestId('role-form-display-name').fill(ROLE.displayName);
    await admin.getByTestId('role-form-scope-platform').click();
    await admin.getByTestId('perm-node-menu:users').waitFor();
    // Ticking an API code ticks its menu too: the four codes take two clicks to reach.
    await checkPermission(admin, 'audit:view');
    await expect.poll(() => isPermissionChecked(admin, 'menu:audit'), POLL).toBe(true);
    for (const code of ROLE.granted) await checkPermission(admin, code);
    for (const code of ROLE.notGranted) expect(await isPermissionChecked(admin, code), code).toBe(false);
    await expect.poll(() => admin.getByTestId('permission-count').innerText(), POLL).toMatch(/^4\D/);
    await shots.take(admin, 'roles-permission-tree');
    await admin.getByTestId('perm-node-audit:export').scrollIntoViewIfNeeded();
    await shots.take(admin, 'roles-permission-tree-audit');

    const created = await responseTo(admin, 'POST', /^\/api\/v1\/roles$/, 201, () =>
      admin.getByTestId('role-form-submit').click(),
    );
    const role = (await created.json()) as { id: string; permissions: string[]; scopeType: string };
    ids.role = role.id;
    expect(role.scopeType).toBe('platform');
    expect([...role.permissions].sort()).toEqual([...ROLE.granted].sort());

    await admin.getByTestId('role-form-dialog').waitFor({ state: 'hidden' });
    const row = rowOf(admin, `role-row-${ROLE.name}`);
    await expect.poll(() => row.innerText(), POLL).toContain(ROLE.displayName);
    await expect.poll(() => row.innerText(), POLL).toMatch(/Platform[\s\S]*\b4\b/);
    await row.scrollIntoViewIfNeeded();
    await shots.take(admin, 'roles');
  });

  step('the administrator binds the role to the user at platform scope', async () => {
    await openMenu(admin, 'role-bindings', '/platform/role-bindings');
    await admin.getByTestId('binding-row-admin-platform-admin').waitFor();
    await admin.getByTestId('bindings-create').click();
    await admin.getByTestId('binding-form-dialog').waitFor();
    await admin.getByTestId('binding-form-scope-platform').click();
    await pickOption(
      admin,
      'binding-form-user',
      `binding-form-user-option-${AUDITOR.username}`,
      AUDITOR.username,
    );
    await pickOption(admin, 'binding-form-role', `binding-form-role-option-${ROLE.name}`);
    const created = await responseTo(admin, 'POST', /^\/api\/v1\/role-bindings$/, 201, () =>
      admin.getByTestId('binding-form-submit').click(),
    );
    ids.binding = ((await created.json()) as { id: string }).id;

    await admin.getByTestId('binding-form-dialog').waitFor({ state: 'hidden' });
    const row = rowOf(admin, `binding-row-${AUDITOR.username}-${ROLE.name}`);
    await expect.poll(() => row.innerText(), POLL).toContain('Platform');
    await shots.take(admin, 'bindings');
  });

  step('the administrator creates an API token, shown exactly once', async () => {
    await admin.getByTestId('user-menu').click();
    await admin.getByTestId('user-menu-api-tokens').click();
    await expectPath(admin, '/account/api-tokens');
    await admin.getByTestId('tokens-table').waitFor();
    await admin.getByTestId('tokens-create').click();
    await admin.getByTestId('token-create-dialog').waitFor();
    await admin.getByTestId('token-form-name').fill(TOKEN_NAME);
    const created = await responseTo(admin, 'POST', /^\/api\/v1\/me\/tokens$/, 201, () =>
      admin.getByTestId('token-form-submit').click(),
    );
    apiToken = ((await created.json()) as { token: string }).token;
    await admin.getByTestId('token-create-dialog').waitFor({ state: 'hidden' });
    expect(apiToken).toMatch(/^atr_/);
    await expect.poll(() => admin.getByTestId('token-value').innerText(), POLL).toBe(apiToken);
    await shots.take(admin, 'api-token-shown-once');

    await admin.getByTestId('token-reveal-done').click();
    await admin.getByTestId('token-reveal-dialog').waitFor({ state: 'hidden' });
    await admin.getByTestId(`token-row-${TOKEN_NAME}`).waitFor();
    expect(await admin.locator('body').innerText()).not.toContain(apiToken);
    // The token is real: it authenticates as its owner.
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('admin');
  });

  step('the new user sees exactly what the role grants, in a browser of their own', async () => {
    const session = await openSession(browser, { baseURL: server.url });
    recorder.attach(session.context, 'mei');
    auditor = session.page;
    pages.set('mei', auditor);

    await signIn(auditor, AUDITOR.username, AUDITOR.password);
    // No menu:overview in the role, so "/" leads to the first page the user may open.
    await expectPath(auditor, '/platform/users');
    await expectMenu(auditor, ['menu-users', 'menu-audit']);
    await expect
      .poll(() => auditor.getByTestId('user-menu-name').innerText(), POLL)
      .toBe(AUDITOR.displayName);
    await auditor.getByTestId(`user-row-${AUDITOR.username}`).waitFor();
    await auditor.getByTestId('user-row-admin').waitFor();
    // users:view only: no Create button and no row actions.
    expect(await auditor.getByTestId('users-create').count()).toBe(0);
    expect(await auditor.getByTestId(`user-reset-password-${AUDITOR.username}`).count()).toBe(0);
    expect(await auditor.getByTestId('user-edit-admin').count()).toBe(0);
    await shots.take(auditor, 'restricted-user-menu');

    await openMenu(auditor, 'audit', '/platform/audit');
    await auditor.getByTestId('audit-table').waitFor();
    await auditor.getByTestId('audit-row-action').first().waitFor();
    expect(await auditor.getByTestId('audit-export').count()).toBe(0);

    // Typing the address of a page the role does not open shows the 403 page.
    await auditor.goto('/platform/roles');
    await auditor.getByTestId('forbidden-page').waitFor();
    await expectPath(auditor, '/403');
    await expect
      .poll(() => auditor.getByTestId('forbidden-page').innerText(), POLL)
      .toContain('/platform/roles');
    expect(await auditor.getByTestId('roles-table').count()).toBe(0);
    await expectMenu(auditor, ['menu-users', 'menu-audit']);
    await shots.take(auditor, 'restricted-user-forbidden');
  });

  step('the user switches the console to Chinese, and it stays Chinese after a reload', async () => {
    await openMenu(auditor, 'audit', '/platform/audit');
    await expect.poll(() => auditor.getByTestId('page-title').innerText(), POLL).toBe('Audit log');
    await auditor.getByTestId('language-switch').click();
    await auditor.getByTestId('language-zh-CN').click();

    const chinese = async () => {
      await expect.poll(() => auditor.getByTestId('menu-users').innerText(), POLL).toBe('用户管理');
      await expect.poll(() => auditor.getByTestId('menu-audit').innerText(), POLL).toBe('审计日志');
      await expect
        .poll(() => auditor.getByTestId('menu-group-platform').innerText(), POLL)
        .toContain('平台管理');
      await expect.poll(() => auditor.getByTestId('page-title').innerText(), POLL).toBe('审计日志');
      await expect.poll(() => auditor.getByTestId('language-switch').innerText(), POLL).toBe('中文');
      await expect.poll(() => auditor.title(), POLL).toBe('审计日志 · Atrium');
      await expect.poll(() => auditor.evaluate(() => document.documentElement.lang), POLL).toBe('zh-CN');
    };
    await chinese();

    await auditor.reload();
    await auditor.getByTestId('audit-table').waitFor();
    await chinese();
    await auditor.getByTestId('audit-row-action').first().waitFor();
    await shots.take(auditor, 'chinese-ui');
  });

  step('the audit log shows every change of the story and exports it as CSV', async () => {
    await openMenu(admin, 'audit', '/platform/audit');
    await admin.getByTestId('audit-table').waitFor();

    const expectations = [
      { action: 'users.create', actor: 'admin', target: ids.user },
      { action: 'roles.create', actor: 'admin', target: ids.role },
      { action: 'role-bindings.create', actor: 'admin', target: ids.binding },
      { action: 'auth.login', actor: AUDITOR.username, target: ids.user },
    ];
    for (const { action, actor, target } of expectations) {
      await admin.getByTestId('audit-filter-action').fill(action);
      await admin.getByTestId('audit-filter-actor').fill(actor);
      await responseTo(admin, 'GET', /^\/api\/v1\/audit$/, 200, () =>
        admin.getByTestId('audit-filter-search').click(),
      );
      // The filtered table holds only that action, and a row of it names the expected target.
      const actions = () => admin.getByTestId('audit-row-action').allInnerTexts();
      await expect.poll(async () => [...new Set(await actions())], POLL).toEqual([action]);
      const row = admin.locator('tr.el-table__row', { hasText: target });
      await expect.poll(() => row.count(), POLL).toBeGreaterThan(0);
      const text = await row.first().innerText();
      expect(text).toContain(actor);
      expect(text).toContain('Success');
    }

    await responseTo(admin, 'GET', /^\/api\/v1\/audit$/, 200, () =>
      admin.getByTestId('audit-filter-reset').click(),
    );
    await admin.getByTestId('audit-row-action').first().waitFor();
    await shots.take(admin, 'audit');

    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByTestId('audit-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^atrium-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    for (const action of [
      'users.create',
      'roles.create',
      'role-bindings.create',
      'auth.login',
      'api-tokens.create',
    ]) {
      expect(csv, action).toContain(action);
    }
    for (const id of [ids.user, ids.role, ids.binding]) expect(csv).toContain(id);
    expect(csv).toContain(AUDITOR.username);
    expect(csv.split(/\r?\n/).length).toBeGreaterThan(8);
  });

  step('a reset password ends the user’s session; signing in again forces a new password', async () => {
    await openMenu(admin, 'users', '/platform/users');
    await admin.getByTestId(`user-reset-password-${AUDITOR.username}`).click();
    await admin.getByTestId('reset-password-dialog').waitFor();
    await admin.getByTestId('reset-password-new').fill(AUDITOR.resetPassword);
    await admin.getByTestId('reset-password-confirm').fill(AUDITOR.resetPassword);
    await responseTo(admin, 'POST', /^\/api\/v1\/users\/[^/]+\/reset-password$/, 204, () =>
      admin.getByTestId('reset-password-submit').click(),
    );
    await admin.getByTestId('reset-password-dialog').waitFor({ state: 'hidden' });
    const row = rowOf(admin, `user-row-${AUDITOR.username}`);
    await expect.poll(() => row.innerText(), POLL).toContain('Must change password');

    // Mei's console still shows the audit log; her next click reaches the server and is refused.
    await auditor.getByTestId('menu-users').click();
    await expectPath(auditor, '/login');
    expect(new URL(auditor.url()).searchParams.get('redirect')).toBe('/platform/users');
    await auditor.getByTestId('login-username').waitFor();
    // One notice says why (in Chinese, her language), as a warning and not as an error.
    const notice = auditor.locator('.el-message--warning');
    await expect.poll(() => notice.innerText(), POLL).toContain('会话已结束');
    expect(await auditor.locator('.el-message--error').count()).toBe(0);

    // The old password is gone; the one the administrator set leads to the forced change.
    await submitSignIn(auditor, AUDITOR.username, AUDITOR.password);
    await auditor.getByTestId('login-error').waitFor();
    await submitSignIn(auditor, AUDITOR.username, AUDITOR.resetPassword);
    await auditor.getByTestId('forced-password-step').waitFor();
    await auditor.getByTestId('forced-password-new').fill(AUDITOR.ownPassword);
    await auditor.getByTestId('forced-password-confirm').fill(AUDITOR.ownPassword);
    await shots.take(auditor, 'forced-password-change');
    await responseTo(auditor, 'POST', /^\/api\/v1\/me\/password$/, 204, () =>
      auditor.getByTestId('forced-password-submit').click(),
    );
    await expectPath(auditor, '/platform/users');
    await auditor.getByTestId(`user-row-${AUDITOR.username}`).waitFor();
    await expectMenu(auditor, ['menu-users', 'menu-audit']);
    await expect.poll(() => auditor.getByTestId('page-title').innerText(), POLL).toBe('用户管理');
  });

  step(
    'no response and no log line carries a stored secret or a token outside its own response',
    async () => {
      expect(await server.stop()).toBe(0);
      await recorder.settle();
      expect(recorder.unreadable()).toEqual([]);

      const stored = await readStoredSecrets(server.dataDir);
      const labels = stored.map((secret) => secret.label);
      expect(labels).toEqual(
        expect.arrayContaining([
          'password hash of admin',
          `password hash of ${AUDITOR.username}`,
          'refresh-token hash',
          'API-token hash',
          'setting auth.jwt-signing-key (hex)',
          'setting auth.jwt-signing-key (base64url)',
          'secret key (base64)',
        ]),
      );
      const passwords = [ADMIN.password, AUDITOR.password, AUDITOR.resetPassword, AUDITOR.ownPassword].map(
        (value, index) => ({ label: `plaintext password #${index + 1}`, value }),
      );
      const issued = issuedSecrets(recorder.responses);
      const tokenResponses = issued.filter((secret) => secret.label === 'API token');
      expect(tokenResponses.map((secret) => secret.value)).toEqual([apiToken]);
      expect(
        issued.filter((secret) => secret.label.startsWith('refreshToken')).length,
      ).toBeGreaterThanOrEqual(3);

      const scanned = recorder.responses.filter((r) => r.body !== undefined);
      const api = scanned.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
      expect(api.length).toBeGreaterThan(30);
      // The scan can see: the token's own response carries it, and a planted hash is caught.
      const tokenResponse = tokenResponses[0]!.issuedBy;
      expect(findSecrets(tokenResponse.body!, tokenResponses)).toEqual(['API token']);
      const planted = { ...tokenResponse, body: `{"hash":"${stored[0]!.value}"}` };
      expect(scanResponses([planted], stored, [])).not.toEqual([]);

      const leaks = scanResponses(recorder.responses, [...stored, ...passwords], issued);
      const output = afterBanner(server.stdout()) + server.stderr();
      expect(output).toContain('Atrium is listening');
      leaks.push(...scanText('server stdout/stderr', output, [...stored, ...passwords, ...issued]));
      await writeFile(
        path.join(shots.dir, 'secret-scan.txt'),
        [
          `response bodies scanned: ${scanned.length} (${api.length} from /api/)`,
          `known secrets: ${stored.length} stored, ${passwords.length} passwords, ${issued.length} issued tokens`,
          `server output scanned: ${output.length} characters`,
          `leaks: ${leaks.length ? JSON.stringify(leaks, null, 2) : 'none'}`,
          '',
        ].join('\n'),
      );
      expect(leaks).toEqual([]);
    },
  );
});
