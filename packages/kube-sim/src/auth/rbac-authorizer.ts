/**
 * Authorization: members of system:masters may do anything (the real server's privileged-group
 * short cut); everyone else is judged by RBAC over the Role/ClusterRole/RoleBinding/
 * ClusterRoleBinding objects in the cluster's store.
 */
import type { KubeObject } from '../types.ts';
import type { UserInfo } from '../api/request-context.ts';
import type { ObjectStore } from '../store/object-store.ts';

export const MASTERS_GROUP = 'system:masters';

const ROLES = 'rbac.authorization.k8s.io/roles';
const CLUSTER_ROLES = 'rbac.authorization.k8s.io/clusterroles';
const ROLE_BINDINGS = 'rbac.authorization.k8s.io/rolebindings';
const CLUSTER_ROLE_BINDINGS = 'rbac.authorization.k8s.io/clusterrolebindings';

export interface RequestAttributes {
  user: UserInfo;
  /** Kubernetes verb (get, list, watch, create…) or, for non-resource paths, the lower-case HTTP verb. */
  verb: string;
  resourceRequest: boolean;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** URL path, for non-resource requests. */
  path: string;
}

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface Binding {
  roleRef: { kind: string; name: string };
  subjects?: Subject[];
}

export class RbacAuthorizer {
  private readonly store: ObjectStore;

  constructor(store: ObjectStore) {
    this.store = store;
  }

  authorize(attributes: RequestAttributes): boolean {
    if (attributes.user.groups.includes(MASTERS_GROUP)) return true;
    return this.rulesFor(attributes.user, attributes.namespace).some((rule) => ruleAllows(rule, attributes));
  }

  /** Every rule that applies to `user` in `namespace` (cluster-wide rules included). */
  rulesFor(user: UserInfo, namespace: string): PolicyRule[] {
    const rules: PolicyRule[] = [];
    for (const binding of this.store.list(CLUSTER_ROLE_BINDINGS)) {
      const b = binding as unknown as Binding;
      if (b.roleRef?.kind !== 'ClusterRole' || !bindsUser(b, user, '')) continue;
      rules.push(...this.roleRules(CLUSTER_ROLES, '', b.roleRef.name));
    }
    if (namespace !== '') {
      for (const binding of this.store.list(ROLE_BINDINGS, namespace)) {
        const b = binding as unknown as Binding;
        if (!bindsUser(b, user, namespace)) continue;
        if (b.roleRef?.kind === 'ClusterRole')
          rules.push(...this.roleRules(CLUSTER_ROLES, '', b.roleRef.name));
        else if (b.roleRef?.kind === 'Role') rules.push(...this.roleRules(ROLES, namespace, b.roleRef.name));
      }
    }
    return rules;
  }

  private roleRules(storageKey: string, namespace: string, name: string): PolicyRule[] {
    const role: KubeObject | undefined = this.store.get(storageKey, namespace, name);
    return ((role?.rules as PolicyRule[] | undefined) ?? []).filter((r) => Array.isArray(r.verbs));
  }
}

function bindsUser(binding: Binding, user: UserInfo, bindingNamespace: string): boolean {
  for (const subject of binding.subjects ?? []) {
    switch (subject.kind) {
      case 'User':
        if (subject.name === user.username) return true;
        break;
      case 'Group':
        if (user.groups.includes(subject.name)) return true;
        break;
      case 'ServiceAccount': {
        const ns = subject.namespace || bindingNamespace;
        if (user.username === `system:serviceaccount:${ns}:${subject.name}`) return true;
        break;
      }
    }
  }
  return false;
}

export function ruleAllows(rule: PolicyRule, a: RequestAttributes): boolean {
  if (!matchesAny(rule.verbs, a.verb)) return false;
  if (!a.resourceRequest) return (rule.nonResourceURLs ?? []).some((url) => nonResourceMatches(url, a.path));
  if (!matchesAny(rule.apiGroups ?? [], a.apiGroup)) return false;
  const combined = a.subresource === '' ? a.resource : `${a.resource}/${a.subresource}`;
  const resourceOk = (rule.resources ?? []).some(
    (r) => r === '*' || r === combined || (a.subresource !== '' && r === `*/${a.subresource}`),
  );
  if (!resourceOk) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (a.name !== '' && names.includes(a.name));
}

function matchesAny(values: string[], value: string): boolean {
  return values.includes('*') || values.includes(value);
}

function nonResourceMatches(rule: string, path: string): boolean {
  if (rule === '*' || rule === path) return true;
  return rule.endsWith('*') && path.startsWith(rule.slice(0, -1));
}

/** The real server's 403 message for a denied request (responsewriters.forbiddenMessage). */
export function forbiddenMessage(a: RequestAttributes): string {
  const who = `User ${JSON.stringify(a.user.username)}`;
  if (!a.resourceRequest) return `forbidden: ${who} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource === '' ? a.resource : `${a.resource}/${a.subresource}`;
  const qualified = a.apiGroup === '' ? a.resource : `${a.resource}.${a.apiGroup}`;
  const subject = a.name === '' ? qualified : `${qualified} ${JSON.stringify(a.name)}`;
  const scope =
    a.namespace === '' ? 'at the cluster scope' : `in the namespace ${JSON.stringify(a.namespace)}`;
  return `${subject} is forbidden: ${who} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${scope}`;
}
