import { describe, expect, it } from 'vitest';
import { parseRequestInfo } from './request-info.ts';

const info = (method: string, url: string) => {
  const [path, query = ''] = url.split('?') as [string, string?];
  return parseRequestInfo(method, path, new URLSearchParams(query));
};

describe('parseRequestInfo', () => {
  it('reads resource requests like the API server does', () => {
    expect(info('GET', '/api/v1/namespaces/shop/pods/web/log?follow=true')).toMatchObject({
      verb: 'get',
      group: '',
      namespace: 'shop',
      resource: 'pods',
      name: 'web',
      subresource: 'log',
    });
    expect(info('GET', '/apis/apps/v1/deployments?watch=1')).toMatchObject({
      verb: 'watch',
      group: 'apps',
      namespace: '',
      name: '',
    });
    expect(info('GET', '/apis/apps/v1/watch/namespaces/shop/deployments')).toMatchObject({
      verb: 'watch',
      namespace: 'shop',
    });
    expect(info('GET', '/api/v1/namespaces/shop/configmaps')).toMatchObject({
      verb: 'list',
      namespace: 'shop',
    });
    expect(info('POST', '/api/v1/namespaces/shop/pods/web/exec?command=sh')).toMatchObject({
      verb: 'create',
      subresource: 'exec',
    });
    expect(info('DELETE', '/api/v1/namespaces/shop/pods')).toMatchObject({ verb: 'deletecollection' });
    expect(info('PATCH', '/apis/apps/v1/namespaces/shop/deployments/web/scale')).toMatchObject({
      verb: 'patch',
      subresource: 'scale',
    });
    expect(info('GET', '/api/v1/nodes/node-1')).toMatchObject({
      verb: 'get',
      resource: 'nodes',
      name: 'node-1',
      namespace: '',
    });
  });

  it('treats a namespace itself as a cluster-scoped object', () => {
    expect(info('GET', '/api/v1/namespaces/shop')).toMatchObject({
      resource: 'namespaces',
      name: 'shop',
      namespace: '',
    });
    expect(info('PUT', '/api/v1/namespaces/shop/finalize')).toMatchObject({
      resource: 'namespaces',
      name: 'shop',
      subresource: 'finalize',
    });
    expect(info('GET', '/api/v1/namespaces')).toMatchObject({ verb: 'list', resource: 'namespaces' });
  });

  it('leaves discovery, version and everything else as non-resource paths', () => {
    for (const path of [
      '/version',
      '/api',
      '/api/v1',
      '/apis',
      '/apis/apps',
      '/apis/apps/v1',
      '/openapi/v3',
      '/healthz',
    ]) {
      expect(info('GET', path).isResource, path).toBe(false);
    }
  });
});
