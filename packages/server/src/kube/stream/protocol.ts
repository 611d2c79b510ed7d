/**
 * The multiplexed stream (`GET /api/v1/stream`, one WebSocket per browser tab). Messages are
 * JSON objects with a `type`.
 *
 * Client → server:
 * - `{type:'auth', token}` first (within 10 s), and again whenever the console refreshes its
 *   access token: browsers cannot set Authorization on a WebSocket, and a token in the URL
 *   would end up in access logs. An API token (`atr_…`) works too.
 * - `{type:'subscribe', id, cluster, group, version, resource, namespace?, labelSelector?, resourceVersion?}`
 *   (`group` is `core` or `` for the legacy group). With `resourceVersion` — from the list the
 *   console loaded, or the last event it saw — the server first replays what happened since.
 * - `{type:'unsubscribe', id}`
 *
 * Server → client:
 * - `{type:'authenticated', userId, username}`
 * - `{type:'subscribed', id, resourceVersion}` once events flow
 * - `{type:'event', id, event: 'ADDED'|'MODIFIED'|'DELETED', object, resourceVersion}`
 * - `{type:'resync', id, resourceVersion}`: the changes since the given version are no longer
 *   known; reload the list, then subscribe again from its resourceVersion
 * - `{type:'error', id?, code, message}`: a subscription refused (NOT_FOUND for a hidden
 *   namespace, exactly like a missing one; FORBIDDEN naming the permission; CLUSTER_…) or a
 *   protocol error
 * - `{type:'cluster-status', cluster, status}` and `{type:'drain', drain}`
 *
 * Close codes: 4401 not authenticated / token expired or revoked, 4408 no auth in time,
 * 4429 the client fell too far behind (reconnect and resume).
 */

export interface AuthMessage {
  type: 'auth';
  token: string;
}

export interface SubscribeMessage {
  type: 'subscribe';
  id: string;
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  labelSelector?: string;
  resourceVersion?: string;
}

export interface UnsubscribeMessage {
  type: 'unsubscribe';
  id: string;
}

export type ClientMessage = AuthMessage | SubscribeMessage | UnsubscribeMessage;

export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_AUTH_TIMEOUT = 4408;
export const CLOSE_TOO_SLOW = 4429;

export class ProtocolError extends Error {}

function text(value: unknown, field: string, max = 253, optional = false): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || (!optional && value === '') || value.length > max) {
    throw new ProtocolError(`${field} must be a string of at most ${max} characters`);
  }
  return value;
}

/** Parses and checks one client message; throws ProtocolError naming what is wrong. */
export function parseClientMessage(raw: string): ClientMessage {
  let message: Record<string, unknown>;
  try {
    message = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new ProtocolError('messages are JSON objects');
  }
  if (message === null || typeof message !== 'object') throw new ProtocolError('messages are JSON objects');
  switch (message['type']) {
    case 'auth':
      return { type: 'auth', token: text(message['token'], 'token', 4096)! };
    case 'unsubscribe':
      return { type: 'unsubscribe', id: text(message['id'], 'id', 128)! };
    case 'subscribe': {
      const optional = (field: string, max = 253) => text(message[field], field, max, true);
      const namespace = optional('namespace', 63);
      const labelSelector = optional('labelSelector', 4096);
      const resourceVersion = optional('resourceVersion', 64);
      return {
        type: 'subscribe',
        id: text(message['id'], 'id', 128)!,
        cluster: text(message['cluster'], 'cluster')!,
        group: text(message['group'], 'group', 253, true) ?? '',
        version: text(message['version'], 'version', 63)!,
        resource: text(message['resource'], 'resource')!,
        ...(namespace && { namespace }),
        ...(labelSelector && { labelSelector }),
        ...(resourceVersion && { resourceVersion }),
      };
    }
    default:
      throw new ProtocolError('type must be auth, subscribe or unsubscribe');
  }
}
