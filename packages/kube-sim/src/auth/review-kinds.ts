/**
 * The review kinds, answered by the same authenticator and authorizer as real requests:
 * SelfSubjectAccessReview / SubjectAccessReview / LocalSubjectAccessReview (`kubectl auth
 * can-i`), SelfSubjectRulesReview (`can-i --list`), TokenReview and SelfSubjectReview
 * (`kubectl auth whoami`). Nothing is stored; the answer echoes the spec with a status.
 */
import type { KubeObject } from '../types.ts';
import type { ServedKind } from '../registry/served-kind.ts';
import { groupVersion } from '../registry/builtin-kinds.ts';
import { badRequest } from '../api/errors.ts';
import type { UserInfo } from '../api/request-context.ts';
import type { ResourceApi } from '../api/resource-api.ts';
import { storageKeyOf } from '../registry/served-kind.ts';
import type { Authenticator } from './authenticator.ts';
import {
  MASTERS_GROUP,
  type PolicyRule,
  type RbacAuthorizer,
  type RequestAttributes,
} from './rbac-authorizer.ts';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: { path?: string; verb?: string };
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

function body(kind: ServedKind, raw: unknown): KubeObject & { spec?: Record<string, unknown> } {
  if (raw === null || typeof raw !== 'object')
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(raw)}'`);
  const object = structuredClone(raw) as KubeObject;
  object.apiVersion = groupVersion(kind);
  object.kind = kind.kind;
  object.metadata = { ...(object.metadata ?? {}), creationTimestamp: null as unknown as string };
  return object as KubeObject & { spec?: Record<string, unknown> };
}

function accessAttributes(user: UserInfo, spec: AccessReviewSpec): RequestAttributes {
  const r = spec.resourceAttributes;
  if (r !== undefined) {
    return {
      user,
      verb: r.verb ?? '',
      resourceRequest: true,
      apiGroup: r.group ?? '',
      resource: r.resource ?? '',
      subresource: r.subresource ?? '',
      namespace: r.namespace ?? '',
      name: r.name ?? '',
      path: '',
    };
  }
  const n = spec.nonResourceAttributes ?? {};
  return {
    user,
    verb: n.verb ?? '',
    resourceRequest: false,
    apiGroup: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
    path: n.path ?? '',
  };
}

function accessStatus(authorizer: RbacAuthorizer, attributes: RequestAttributes): Record<string, unknown> {
  if (attributes.user.groups.includes(MASTERS_GROUP)) return { allowed: true };
  return authorizer.authorize(attributes)
    ? { allowed: true, reason: 'RBAC: allowed by RBAC rules' }
    : { allowed: false };
}

export function registerReviewKinds(
  api: ResourceApi,
  authenticator: Authenticator,
  authorizer: RbacAuthorizer,
): void {
  const key = (group: string, resource: string): string => storageKeyOf(group, resource);

  api.registerVirtualKind(key('authorization.k8s.io', 'selfsubjectaccessreviews'), (kind, _ns, raw, args) => {
    const review = body(kind, raw);
    const spec = (review.spec ?? {}) as AccessReviewSpec;
    review.status = accessStatus(authorizer, accessAttributes(args.ctx.user, spec));
    return review;
  });

  const subjectReview = (kind: ServedKind, namespace: string, raw: unknown): KubeObject => {
    const review = body(kind, raw);
    const spec = (review.spec ?? {}) as AccessReviewSpec;
    if (kind.namespaced) {
      spec.resourceAttributes = { ...(spec.resourceAttributes ?? {}), namespace };
    }
    const user: UserInfo = { username: spec.user ?? '', groups: spec.groups ?? [] };
    review.status = accessStatus(authorizer, accessAttributes(user, spec));
    return review;
  };
  api.registerVirtualKind(key('authorization.k8s.io', 'subjectaccessreviews'), (kind, ns, raw) =>
    subjectReview(kind, ns, raw),
  );
  api.registerVirtualKind(key('authorization.k8s.io', 'localsubjectaccessreviews'), (kind, ns, raw) =>
    subjectReview(kind, ns, raw),
  );

  api.registerVirtualKind(key('authorization.k8s.io', 'selfsubjectrulesreviews'), (kind, _ns, raw, args) => {
    const review = body(kind, raw);
    const namespace = String((review.spec as { namespace?: string } | undefined)?.namespace ?? '');
    const rules = authorizer.rulesFor(args.ctx.user, namespace);
    review.status = rulesStatus(rules, args.ctx.user.groups.includes(MASTERS_GROUP));
    return review;
  });

  api.registerVirtualKind(key('authentication.k8s.io', 'tokenreviews'), (kind, _ns, raw) => {
    const review = body(kind, raw);
    const spec = (review.spec ?? {}) as { token?: string; audiences?: string[] };
    const audiences = Array.isArray(spec.audiences) && spec.audiences.length > 0 ? spec.audiences : undefined;
    const user = spec.token ? authenticator.authenticateToken(spec.token, audiences) : undefined;
    review.status =
      user === undefined
        ? { user: {}, error: '[invalid bearer token, token lookup failed]' }
        : {
            authenticated: true,
            user: userInfoJson(user),
            audiences: audiences ?? ['https://kubernetes.default.svc.cluster.local'],
          };
    return review;
  });

  api.registerVirtualKind(key('authentication.k8s.io', 'selfsubjectreviews'), (kind, _ns, raw, args) => {
    const review = body(kind, raw ?? {});
    review.status = { userInfo: userInfoJson(args.ctx.user) };
    return review;
  });
}

function userInfoJson(user: UserInfo): Record<string, unknown> {
  const json: Record<string, unknown> = { username: user.username };
  if (user.uid !== undefined) json.uid = user.uid;
  json.groups = user.groups;
  if (user.extra !== undefined) json.extra = user.extra;
  return json;
}

function rulesStatus(rules: PolicyRule[], master: boolean): Record<string, unknown> {
  const resourceRules: Record<string, unknown>[] = [];
  const nonResourceRules: Record<string, unknown>[] = [];
  if (master) {
    resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    nonResourceRules.push({ verbs: ['*'], nonResourceURLs: ['*'] });
  }
  for (const rule of rules) {
    if (rule.nonResourceURLs !== undefined && rule.nonResourceURLs.length > 0) {
      nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs });
    }
    if (rule.resources !== undefined && rule.resources.length > 0) {
      const entry: Record<string, unknown> = {
        verbs: rule.verbs,
        apiGroups: rule.apiGroups ?? [],
        resources: rule.resources,
      };
      if (rule.resourceNames !== undefined && rule.resourceNames.length > 0)
        entry.resourceNames = rule.resourceNames;
      resourceRules.push(entry);
    }
  }
  return { resourceRules, nonResourceRules, incomplete: false };
}
