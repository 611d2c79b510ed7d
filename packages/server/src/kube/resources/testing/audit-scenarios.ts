import type { FastifyInstance } from 'fastify';
import { call } from '../../../testing/http.ts';

interface Scenario {
  run(): Promise<string>;
}

/**
 * Successful changes through the resource API and the kubectl proxy, for the audit test that
 * walks every mutating route: each returns the target id its audit record must carry.
 */
export function dataPlaneAuditScenarios(
  app: () => FastifyInstance,
  token: () => string,
  registeredCluster: () => Promise<string>,
): Record<string, Scenario> {
  let cluster: Promise<string> | null = null;
  const inCluster = () => (cluster ??= registeredCluster());
  const send = async (
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    type?: string,
  ) => {
    const options = type
      ? {
          token: token(),
          rawBody: typeof body === 'string' ? body : JSON.stringify(body),
          headers: { 'content-type': type },
        }
      : { token: token(), ...(body !== undefined && { body }) };
    const response = await call(app(), method, url, options);
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${response.text}`);
    return response.json;
  };
  const name = () => `audited-${Math.random().toString(36).slice(2, 10)}`;
  const configMap = (n: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: n, namespace: 'default' },
    data: { a: '1' },
  });
  const api = async () => `/api/v1/clusters/${await inCluster()}/resources/core/v1/configmaps`;
  const native = async () => `/k8s/clusters/${await inCluster()}/api/v1/namespaces/default/configmaps`;
  /** Creates a ConfigMap through `base`, changes it with `change`, returns its audit target. */
  const scenario = (
    through: () => Promise<string>,
    change?: (url: string, n: string) => Promise<unknown>,
  ) => ({
    run: async () => {
      const n = name();
      const base = await through();
      await send('POST', base, configMap(n));
      const item = base.includes('/resources/') ? `${base}/default/${n}` : `${base}/${n}`;
      if (change) await change(item, n);
      return `default/configmaps/${n}`;
    },
  });
  const replace = async (url: string, n: string) => send('PUT', url, { ...configMap(n), data: { a: '2' } });
  const patch = async (url: string) =>
    send('PATCH', url, { data: { a: '3' } }, 'application/merge-patch+json');
  const remove = async (url: string) => send('DELETE', url);
  const KIND = '/api/v1/clusters/:cluster/resources/:group/:version/:resource';
  return {
    [`POST ${KIND}`]: scenario(api),
    [`PUT ${KIND}/:namespace/:name`]: scenario(api, replace),
    [`PATCH ${KIND}/:namespace/:name`]: scenario(api, patch),
    [`DELETE ${KIND}/:namespace/:name`]: scenario(api, remove),
    'POST /api/v1/clusters/:cluster/apply': {
      run: async () => {
        const n = name();
        const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${n}\ndata:\n  a: "1"\n`;
        await send(
          'POST',
          `/api/v1/clusters/${await inCluster()}/apply?namespace=default`,
          yaml,
          'application/yaml',
        );
        return `default/configmaps/${n}`;
      },
    },
    'POST /k8s/clusters/:cluster/apis/authorization.k8s.io/v1/selfsubjectaccessreviews': {
      run: async () => {
        const review = {
          spec: { resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } },
        };
        const url = `/k8s/clusters/${await inCluster()}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`;
        const answer = await send('POST', url, review);
        if (answer.status?.allowed !== true) throw new Error(`not allowed: ${JSON.stringify(answer)}`);
        return 'default/pods/*';
      },
    },
    'POST /k8s/clusters/:cluster/apis/authentication.k8s.io/v1/selfsubjectreviews': {
      run: async () => {
        const url = `/k8s/clusters/${await inCluster()}/apis/authentication.k8s.io/v1/selfsubjectreviews`;
        return (await send('POST', url, {})).status.userInfo.username;
      },
    },
    'POST /k8s/clusters/:cluster/*': scenario(native),
    'PUT /k8s/clusters/:cluster/*': scenario(native, replace),
    'PATCH /k8s/clusters/:cluster/*': scenario(native, patch),
    'DELETE /k8s/clusters/:cluster/*': scenario(native, remove),
  };
}
