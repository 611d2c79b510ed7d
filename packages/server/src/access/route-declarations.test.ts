import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, routeCollector, type TestApp } from '../testing/test-app.ts';
import { createPermissionRegistry } from './permissions/catalog.ts';
import type { RouteAccess } from './route-access.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function methodsOf(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

function label(route: RouteOptions): string {
  return `${methodsOf(route).join(',')} ${route.url}`;
}

/** Why a route's access declaration is unacceptable, or null. */
function accessProblem(route: RouteOptions): string | null {
  const access = route.config?.access as RouteAccess | undefined;
  if (!access) return 'declares no config.access';
  if ('public' in access) return access.public === true ? null : 'public must be true';
  if ('authenticated' in access) return access.authenticated === true ? null : 'authenticated must be true';
  if (!createPermissionRegistry().has(access.permission)) return `unknown permission ${access.permission}`;
  if (access.scope !== 'platform' && !route.url.includes(`:${access.scope.param}`)) {
    return `scope param :${access.scope.param} is not in the path`;
  }
  return null;
}

describe('route declarations', () => {
  let t: TestApp;
  const collector = routeCollector();
  beforeAll(async () => {
    t = await createTestApp({ onRoute: collector.onRoute });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sees the routes of every feature', () => {
    const urls = collector.routes.map((r) => r.url);
    for (const url of [
      '/healthz',
      '/api/v1/auth/login',
      '/api/v1/users/:id',
      '/api/v1/audit',
      '/api/docs/json',
    ]) {
      expect(urls).toContain(url);
    }
  });

  it('every route declares who may call it', () => {
    const problems = collector.routes
      .map((route) => [label(route), accessProblem(route)] as const)
      .filter(([, problem]) => problem !== null);
    expect(problems).toEqual([]);
  });

  it('every mutating route declares its audit action', () => {
    const missing = collector.routes
      .filter((route) => methodsOf(route).some((m) => !READ_METHODS.has(m)))
      .filter((route) => !route.config?.audit?.action || !route.config.audit.targetType)
      .map(label);
    expect(missing).toEqual([]);
  });

  it('every API route has a tag, a summary and response schemas for the OpenAPI document', () => {
    const undocumented = collector.routes
      .filter(
        (route) => route.url.startsWith('/api/v1') || route.url === '/healthz' || route.url === '/readyz',
      )
      .filter((route) => {
        const schema = route.schema as { tags?: string[]; summary?: string; response?: object } | undefined;
        return !schema?.tags?.length || !schema.summary || !schema.response;
      })
      .map(label);
    expect(undocumented).toEqual([]);
  });
});
