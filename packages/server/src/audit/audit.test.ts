import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../testing/rows.ts';
import { call, createUser, login, loginAsAdmin, type SignedIn } from '../testing/http.ts';
import { createTestApp, routeCollector, type TestApp } from '../testing/test-app.ts';
import { startSim, type Cluster } from '../kube/connections/testing/sim-clusters.ts';
import { dataPlaneAuditScenarios } from '../kube/resources/testing/audit-scenarios.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Scenario {
  /** Performs the change successfully; returns the target id the record must name. */
  run(): Promise<string>;
}

describe('audit log', () => {
  let t: TestApp;
  let admin: SignedIn;
  let sim: Cluster;
  const collector = routeCollector();
  beforeAll(async () => {
    t = await createTestApp({ onRoute: collector.onRoute });
    admin = await loginAsAdmin(t.app);
    sim = await startSim('audited', { nodes: 2 });
  });
  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  const as = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    call(t.app, method, url, { token: admin.accessToken, body });
  async function ok(response: Promise<{ status: number; text: string; json: { id?: string } }>) {
    const r = await response;
    if (r.status >= 300) throw new Error(`${r.status} ${r.text}`);
    return r.json;
  }
  async function freshUser(): Promise<string> {
    return createUser(t.app, admin.accessToken, `audited-${Math.random().toString(36).slice(2, 10)}`);
  }
  async function customRole(): Promise<string> {
    const name = `audited-${Math.random().toString(36).slice(2, 10)}`;
    return (await ok(as('POST', '/api/v1/roles', { name, scopeType: 'platform', permissions: [] }))).id!;
  }
  async function viewerBinding(): Promise<string> {
    const roles = (await call(t.app, 'GET', '/api/v1/roles', { token: admin.accessToken })).json.items;
    const viewer = roles.find((r: { name: string }) => r.name === 'platform-viewer');
    return (
      await ok(
        as('POST', '/api/v1/role-bindings', {
          userId: await freshUser(),
          roleId: viewer.id,
          scopeType: 'platform',
        }),
      )
    ).id!;
  }

  const simCredential = () => ({ type: 'token', server: sim.url, token: sim.adminToken, caData: sim.caPem });
  async function registeredCluster(): Promise<string> {
    const name = `audited-${Math.random().toString(36).slice(2, 10)}`;
    await ok(as('POST', '/api/v1/clusters', { name, credential: simCredential() }));
    return name;
  }
  /** A node operation on the `audited-worker` node of a registered cluster. */
  function nodeScenario(verb: string, method: 'POST' | 'PUT' = 'POST', body?: unknown): Scenario {
    return {
      run: async () => {
        const cluster = await registeredCluster();
        await ok(as(method, `/api/v1/clusters/${cluster}/nodes/audited-worker/${verb}`, body));
        return 'audited-worker';
      },
    };
  }

  const scenarios: Record<string, Scenario> = {
    ...dataPlaneAuditScenarios(
      () => t.app,
      () => admin.accessToken,
      registeredCluster,
    ),
    'POST /api/v1/clusters': { run: registeredCluster },
    'POST /api/v1/clusters/test-connection': {
      run: async () => {
        await ok(as('POST', '/api/v1/clusters/test-connection', { credential: simCredential() }));
        return '';
      },
    },
    'PATCH /api/v1/clusters/:cluster': {
      run: async () => {
        const name = await registeredCluster();
        await ok(as('PATCH', `/api/v1/clusters/${name}`, { region: 'eu-west-1' }));
        return name;
      },
    },
    'PUT /api/v1/clusters/:cluster/credential': {
      run: async () => {
        const name = await registeredCluster();
        await ok(as('PUT', `/api/v1/clusters/${name}/credential`, { credential: simCredential() }));
        return name;
      },
    },
    'DELETE /api/v1/clusters/:cluster': {
      run: async () => {
        const name = await registeredCluster();
        await ok(as('DELETE', `/api/v1/clusters/${name}?confirm=${name}`));
        return name;
      },
    },
    'POST /api/v1/clusters/:cluster/nodes/:node/cordon': nodeScenario('cordon'),
    'POST /api/v1/clusters/:cluster/nodes/:node/uncordon': nodeScenario('uncordon'),
    'POST /api/v1/clusters/:cluster/nodes/:node/drain': nodeScenario('drain'),
    'PUT /api/v1/clusters/:cluster/nodes/:node/taints': nodeScenario('taints', 'PUT', {
      taints: [{ key: 'audited', effect: 'NoSchedule' }],
    }),
    'POST /api/v1/auth/login': { run: async () => (await loginAsAdmin(t.app)).userId },
    'POST /api/v1/auth/refresh': {
      run: async () => {
        const session = await loginAsAdmin(t.app);
        await ok(
          call(t.app, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } }),
        );
        return session.userId;
      },
    },
    'POST /api/v1/auth/logout': {
      run: async () => {
        const session = await loginAsAdmin(t.app);
        await ok(call(t.app, 'POST', '/api/v1/auth/logout', { token: session.accessToken }));
        return session.userId;
      },
    },
    'POST /api/v1/me/password': {
      run: async () => {
        const id = await freshUser();
        const username = (await call(t.app, 'GET', `/api/v1/users/${id}`, { token: admin.accessToken })).json
          .username;
        const session = await login(t.app, username, 'user-Passw0rd');
        await ok(
          call(t.app, 'POST', '/api/v1/me/password', {
            token: session.accessToken,
            body: { currentPassword: 'user-Passw0rd', newPassword: 'changed-Passw0rd1' },
          }),
        );
        return id;
      },
    },
    'POST /api/v1/me/tokens': {
      run: async () => (await ok(as('POST', '/api/v1/me/tokens', { name: `t-${Math.random()}` }))).id!,
    },
    'DELETE /api/v1/me/tokens/:id': {
      run: async () => {
        const id = (await ok(as('POST', '/api/v1/me/tokens', { name: `t-${Math.random()}` }))).id!;
        await ok(as('DELETE', `/api/v1/me/tokens/${id}`));
        return id;
      },
    },
    'POST /api/v1/users': { run: freshUser },
    'PATCH /api/v1/users/:id': {
      run: async () => {
        const id = await freshUser();
        await ok(as('PATCH', `/api/v1/users/${id}`, { displayName: 'Changed' }));
        return id;
      },
    },
    'DELETE /api/v1/users/:id': {
      run: async () => {
        const id = await freshUser();
        await ok(as('DELETE', `/api/v1/users/${id}`));
        return id;
      },
    },
    'POST /api/v1/users/:id/reset-password': {
      run: async () => {
        const id = await freshUser();
        await ok(as('POST', `/api/v1/users/${id}/reset-password`, { password: 'reset-Passw0rd1' }));
        return id;
      },
    },
    'POST /api/v1/roles': { run: customRole },
    'PATCH /api/v1/roles/:id': {
      run: async () => {
        const id = await customRole();
        await ok(as('PATCH', `/api/v1/roles/${id}`, { permissions: ['users:view'] }));
        return id;
      },
    },
    'DELETE /api/v1/roles/:id': {
      run: async () => {
        const id = await customRole();
        await ok(as('DELETE', `/api/v1/roles/${id}`));
        return id;
      },
    },
    'POST /api/v1/role-bindings': { run: viewerBinding },
    'DELETE /api/v1/role-bindings/:id': {
      run: async () => {
        const id = await viewerBinding();
        await ok(as('DELETE', `/api/v1/role-bindings/${id}`));
        return id;
      },
    },
  };

  function mutatingRoutes() {
    return collector.routes.flatMap((route) =>
      (Array.isArray(route.method) ? route.method : [route.method])
        .filter((method) => !READ_METHODS.has(method))
        .map((method) => ({ key: `${method} ${route.url}`, audit: route.config?.audit })),
    );
  }

  it('has a scenario for every mutating route', () => {
    expect(
      mutatingRoutes()
        .map((r) => r.key)
        .sort(),
    ).toEqual(Object.keys(scenarios).sort());
  });

  it('records every successful change with its action, actor, target and status', async () => {
    for (const route of mutatingRoutes()) {
      const targetId = await scenarios[route.key]!.run();
      const log = await call(
        t.app,
        'GET',
        `/api/v1/audit?action=${route.audit!.action}&outcome=success&limit=500`,
        { token: admin.accessToken },
      );
      const record = log.json.items.find((e: { targetId: string }) => e.targetId === targetId);
      expect(record, route.key).toMatchObject({
        action: route.audit!.action,
        targetType: route.audit!.targetType,
        outcome: 'success',
        errorCode: '',
        actorType: 'user',
        sourceIp: '127.0.0.1',
      });
      expect(record.actorName, route.key).not.toBe('');
      expect(record.statusCode, route.key).toBeLessThan(300);
    }
  });

  it('records sign-in failures under the name that was tried', async () => {
    await call(t.app, 'POST', '/api/v1/auth/login', { body: { username: 'mallory', password: 'guess-123' } });
    await t.app.atrium.auditQueue.drain();
    const log = await call(t.app, 'GET', '/api/v1/audit?actor=mallory', { token: admin.accessToken });
    expect(log.json.items[0]).toMatchObject({
      action: 'auth.login',
      outcome: 'failure',
      statusCode: 401,
      errorCode: 'INVALID_CREDENTIALS',
      actorId: '',
    });
  });

  it('keeps before/after of an edit without secrets', async () => {
    const id = await freshUser();
    await as('PATCH', `/api/v1/users/${id}`, { displayName: 'Before' });
    t.clock.advance(1000);
    await as('PATCH', `/api/v1/users/${id}`, { displayName: 'After', phone: '123' });
    const log = await call(t.app, 'GET', '/api/v1/audit?action=users.update', { token: admin.accessToken });
    const record = log.json.items.find((e: { targetId: string }) => e.targetId === id);
    expect(record.diff).toEqual({
      before: { displayName: 'Before', phone: '' },
      after: { displayName: 'After', phone: '123' },
    });
  });

  it('filters by time range and pages', async () => {
    t.clock.advance(60 * 60_000);
    admin = await loginAsAdmin(t.app);
    const from = new Date(t.clock.now()).toISOString();
    await freshUser();
    await freshUser();
    const page = await call(t.app, 'GET', `/api/v1/audit?from=${from}&action=users.create&limit=1`, {
      token: admin.accessToken,
    });
    expect(page.json.total).toBe(2);
    expect(page.json.items).toHaveLength(1);
    const before = await call(t.app, 'GET', `/api/v1/audit?to=${from}&action=users.create&limit=500`, {
      token: admin.accessToken,
    });
    expect(before.json.items.every((e: { time: string }) => e.time < from)).toBe(true);
    const bad = await call(t.app, 'GET', '/api/v1/audit?from=yesterday', { token: admin.accessToken });
    expect(bad.json.error.details.field).toBe('from');
  });

  it('exports CSV with quoting and spreadsheet formulas defused', async () => {
    await call(t.app, 'POST', '/api/v1/auth/login', {
      body: { username: '=HYPERLINK("http://evil.example","click")', password: 'x1' },
    });
    await t.app.atrium.auditQueue.drain();
    const response = await call(t.app, 'GET', '/api/v1/audit?format=csv&action=auth.login&outcome=failure', {
      token: admin.accessToken,
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="atrium-audit-.*\.csv"$/);
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'time,actorType,actorId,actorName,sourceIp,action,targetType,targetId,clusterId,projectId,workspaceId,applicationId,statusCode,errorCode,outcome,diff',
    );
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil.example"",""click"")"`))).toBe(true);
    expect(lines.some((l) => /,=/.test(l))).toBe(false);
  });

  it('writes a change and its record in one transaction; a failing audit write never blocks failures', async () => {
    // Make every audit insert fail, as a broken audit table would.
    await sql`create trigger audit_down before insert on audit_events begin select raise(abort, 'audit down'); end`.execute(
      t.app.atrium.db,
    );
    try {
      const users = await countRows(t.app.atrium.db, 'users');
      const change = await as('POST', '/api/v1/users', {
        username: 'not-without-audit',
        password: 'abc12345',
      });
      expect(change.status).toBe(500);
      expect(await countRows(t.app.atrium.db, 'users')).toBe(users);

      const failure = await as('DELETE', '/api/v1/users/does-not-exist');
      expect(failure.status).toBe(404);
      await t.app.atrium.auditQueue.drain();
      expect(t.logs.some((line) => line.includes('could not write audit record'))).toBe(true);
    } finally {
      await sql`drop trigger audit_down`.execute(t.app.atrium.db);
    }
  });
});
