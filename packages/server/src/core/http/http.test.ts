import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, loginAsAdmin } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

describe('HTTP plumbing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports liveness and readiness', async () => {
    expect((await call(t.app, 'GET', '/healthz')).json).toEqual({ status: 'ok' });
    expect((await call(t.app, 'GET', '/readyz')).json).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok' },
    });
  });

  it('honours a sane x-request-id and makes one up otherwise', async () => {
    const given = await call(t.app, 'GET', '/healthz', { headers: { 'x-request-id': 'trace-123.abc' } });
    expect(given.headers['x-request-id']).toBe('trace-123.abc');
    expect(t.logs.some((line) => line.includes('"reqId":"trace-123.abc"'))).toBe(true);
    const made = await call(t.app, 'GET', '/healthz');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await call(t.app, 'GET', '/healthz', {
      headers: { 'x-request-id': 'evil\tlog"injection' },
    });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a CSP that lets the console run and nothing more', async () => {
    const response = await call(t.app, 'GET', '/healthz');
    const csp = String(response.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "worker-src 'self' blob:",
      "connect-src 'self' ws: wss:",
      "font-src 'self' data:",
      "script-src 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves Swagger UI and an OpenAPI document built from the route schemas', async () => {
    const ui = await call(t.app, 'GET', '/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = (await call(t.app, 'GET', '/api/docs/json')).json;
    expect(doc.openapi).toMatch(/^3\./);
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.tags).toEqual(['auth']);
    expect(login.security).toBeUndefined();
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const users = doc.paths['/api/v1/users'].get;
    expect(users.security).toEqual([{ bearerAuth: [] }]);
    expect(users.responses['200']).toBeDefined();
    expect(Object.keys(doc.paths)).toContain('/api/v1/users/{id}');
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/docs'))).toBe(false);
  });

  it('answers unknown API routes with a JSON 404 and malformed JSON with INVALID_JSON', async () => {
    const missing = await call(t.app, 'GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
    const admin = await loginAsAdmin(t.app);
    const malformed = await call(t.app, 'POST', '/api/v1/roles', {
      token: admin.accessToken,
      rawBody: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('INVALID_JSON');
  });

  it('keeps internals out of 500 responses', async () => {
    const admin = await loginAsAdmin(t.app);
    // A schema broken behind the server's back makes every query on the table fail.
    await sql`alter table users rename to users_gone`.execute(t.app.atrium.db);
    try {
      const response = await call(t.app, 'GET', '/api/v1/users', { token: admin.accessToken });
      expect(response.status).toBe(500);
      expect(response.json).toEqual({
        error: { code: 'INTERNAL', message: 'Internal server error', details: {} },
      });
      expect(t.logs.some((line) => line.includes('no such table: users'))).toBe(true);
    } finally {
      await sql`alter table users_gone rename to users`.execute(t.app.atrium.db);
    }
  });
});

describe('readiness without a database', () => {
  it('answers 503 naming the problem', async () => {
    const t = await createTestApp();
    try {
      await t.app.atrium.db.destroy();
      const response = await call(t.app, 'GET', '/readyz');
      expect(response.status).toBe(503);
      expect(response.json.status).toBe('not ready');
      expect(response.json.checks.database).toMatch(/^unreachable/);
      expect((await call(t.app, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
