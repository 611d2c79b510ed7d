import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { DEFAULT_CONSOLE_DIR, isServerPath } from './console.ts';

describe('the built console', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), 'atrium-dist-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><div id="app">console</div>');
    await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("hi")');
    t = await createTestApp({ consoleDir: dist });
  });
  afterAll(async () => {
    await t.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('is served at / with assets cached forever and index.html revalidated', async () => {
    const index = await call(t.app, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('id="app"');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await call(t.app, 'GET', '/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answers deep links with index.html so the SPA router can take over', async () => {
    for (const url of ['/users', '/clusters/c1/workloads?tab=pods', '/api-keys', '/healthzz']) {
      const response = await call(t.app, 'GET', url);
      expect(response.status, url).toBe(200);
      expect(response.text, url).toContain('id="app"');
    }
  });

  it('never answers server paths or non-GET requests with the console', async () => {
    for (const url of ['/api/v1/nope', '/api', '/readyz/extra']) {
      const response = await call(t.app, 'GET', url);
      expect(response.status, url).toBe(404);
      expect(response.json.error.code, url).toBe('NOT_FOUND');
    }
    // kubectl through Atrium answers /k8s/… itself, as Kubernetes does: a Status, never the console.
    const proxied = await call(t.app, 'GET', '/k8s/clusters/x/api/v1/pods');
    expect(proxied.status).toBe(401);
    expect(proxied.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
    expect((await call(t.app, 'POST', '/users', { body: {} })).status).toBe(404);
  });
});

describe('a missing console build', () => {
  it('warns and serves a page saying how to build it', async () => {
    const t = await createTestApp();
    try {
      expect(t.logs.some((line) => line.includes('"level":40') && line.includes('console not built'))).toBe(
        true,
      );
      for (const url of ['/', '/users/42']) {
        const response = await call(t.app, 'GET', url);
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toContain('text/html');
        expect(response.text).toContain('console not built: run npm run build');
      }
    } finally {
      await t.close();
    }
  });
});

describe('console location', () => {
  it('is packages/web/dist, found from the server package rather than the working directory', () => {
    expect(path.isAbsolute(DEFAULT_CONSOLE_DIR)).toBe(true);
    expect(DEFAULT_CONSOLE_DIR.endsWith(`${path.sep}packages${path.sep}web${path.sep}dist${path.sep}`)).toBe(
      true,
    );
  });

  it('tells server paths from console paths', () => {
    expect(isServerPath('/api/v1/users')).toBe(true);
    expect(isServerPath('/healthz')).toBe(true);
    expect(isServerPath('/k8s')).toBe(true);
    expect(isServerPath('/apis-overview')).toBe(false);
    expect(isServerPath('/')).toBe(false);
  });
});
