/**
 * Impersonation (`kubectl --as`, `--as-group`, Impersonate-* headers): the requester must be
 * allowed to `impersonate` each requested user, group, uid and extra; the request then runs as
 * the impersonated identity (plus system:authenticated), as on the real server.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { forbidden } from '../api/errors.ts';
import type { UserInfo } from '../api/request-context.ts';
import { AUTHENTICATED_GROUP } from './authenticator.ts';
import { forbiddenMessage, type RbacAuthorizer, type RequestAttributes } from './rbac-authorizer.ts';

const SERVICE_ACCOUNT = /^system:serviceaccount:([^:]+):([^:]+)$/;

function headerValues(headers: IncomingHttpHeaders, name: string): string[] {
  const value = headers[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The identity to act as, or `requester` itself when no impersonation is asked for. */
export function impersonatedUser(
  requester: UserInfo,
  headers: IncomingHttpHeaders,
  authorizer: RbacAuthorizer,
): UserInfo {
  const username = headerValues(headers, 'impersonate-user')[0];
  const groups = headerValues(headers, 'impersonate-group');
  const uid = headerValues(headers, 'impersonate-uid')[0];
  const extraHeaders = Object.keys(headers).filter((h) => h.startsWith('impersonate-extra-'));
  if (username === undefined) {
    if (groups.length > 0 || uid !== undefined || extraHeaders.length > 0) {
      throw forbidden('requested [groups] without impersonating a user');
    }
    return requester;
  }
  const check = (
    attributes: Omit<RequestAttributes, 'user' | 'verb' | 'resourceRequest' | 'subresource' | 'path'>,
  ): void => {
    const full: RequestAttributes = {
      ...attributes,
      user: requester,
      verb: 'impersonate',
      resourceRequest: true,
      subresource: '',
      path: '',
    };
    if (!authorizer.authorize(full)) {
      throw forbidden(forbiddenMessage(full), {
        group: attributes.apiGroup,
        resource: attributes.resource,
        name: attributes.name,
      });
    }
  };
  const sa = SERVICE_ACCOUNT.exec(username);
  if (sa !== null)
    check({ apiGroup: '', resource: 'serviceaccounts', namespace: sa[1] as string, name: sa[2] as string });
  else check({ apiGroup: '', resource: 'users', namespace: '', name: username });
  for (const group of groups) check({ apiGroup: '', resource: 'groups', namespace: '', name: group });
  if (uid !== undefined)
    check({ apiGroup: 'authentication.k8s.io', resource: 'uids', namespace: '', name: uid });
  const extra: Record<string, string[]> = {};
  for (const header of extraHeaders) {
    const key = decodeURIComponent(header.slice('impersonate-extra-'.length));
    const values = headerValues(headers, header);
    for (const value of values)
      check({ apiGroup: 'authentication.k8s.io', resource: `userextras/${key}`, namespace: '', name: value });
    extra[key] = values;
  }
  const allGroups = [...groups];
  if (sa !== null) allGroups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1] as string}`);
  if (!allGroups.includes(AUTHENTICATED_GROUP)) allGroups.push(AUTHENTICATED_GROUP);
  const user: UserInfo = { username, groups: allGroups };
  if (uid !== undefined) user.uid = uid;
  if (Object.keys(extra).length > 0) user.extra = extra;
  return user;
}
