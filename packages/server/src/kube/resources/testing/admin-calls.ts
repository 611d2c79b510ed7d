import { call } from '../../../testing/http.ts';
import type { DataPlaneTestApp } from '../../cache/testing/data-plane-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The resource API called as the administrator, and the audit events it left; `env` once started. */
export function adminCalls(env: () => DataPlaneTestApp) {
  const api = (method: Method, url: string, options = {}) =>
    call(env().t.app, method, url, { token: env().adminToken, ...options });

  const yaml = (method: 'POST' | 'PATCH', url: string, text: string, type = 'application/yaml') =>
    api(method, url, { rawBody: text, headers: { 'content-type': type } });

  async function auditOf(action: string) {
    await env().t.app.atrium.auditQueue.drain();
    const response = await api('GET', `/api/v1/audit?action=${action}&limit=100`);
    return response.json.items as {
      targetId: string;
      targetType: string;
      clusterId: string;
      diff: unknown;
      outcome: string;
    }[];
  }

  return { api, yaml, auditOf };
}
