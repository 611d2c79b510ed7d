/**
 * Spec checks of the other built-in groups: RBAC roles and bindings, autoscalers, ingresses,
 * disruption budgets and custom resource definitions.
 */
import type { StatusCause } from '../types.ts';
import { goSyntax, invalid, notSupported, path, required } from './field-errors.ts';
import { asSelector, validateLabelSelector } from './label-selector.ts';
import { isDNS1123Label } from './names.ts';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function validateRole(obj: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [i, rule] of asList(obj.rules).entries()) {
    const field = path('rules', i);
    if (!Array.isArray(rule.verbs) || rule.verbs.length === 0) {
      causes.push(required(path(field, 'verbs'), 'verbs must contain at least one value'));
    }
    const nonResource = Array.isArray(rule.nonResourceURLs) && rule.nonResourceURLs.length > 0;
    if (!nonResource && !(Array.isArray(rule.apiGroups) && rule.apiGroups.length > 0)) {
      causes.push(required(path(field, 'apiGroups'), 'resource rules must supply at least one api group'));
    }
  }
  return causes;
}

export function validateRoleBinding(obj: Obj, clusterScoped: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const roleRef = asObj(obj.roleRef);
  if (str(roleRef.apiGroup) !== RBAC_GROUP)
    causes.push(notSupported('roleRef.apiGroup', roleRef.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = clusterScoped ? ['ClusterRole'] : ['Role', 'ClusterRole'];
  if (!kinds.includes(str(roleRef.kind)))
    causes.push(notSupported('roleRef.kind', roleRef.kind ?? '', kinds));
  if (!str(roleRef.name)) causes.push(required('roleRef.name'));
  for (const [i, subject] of asList(obj.subjects).entries()) {
    const field = path('subjects', i);
    const kind = str(subject.kind);
    if (!['ServiceAccount', 'User', 'Group'].includes(kind)) {
      causes.push(notSupported(path(field, 'kind'), subject.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
    if (!str(subject.name)) causes.push(required(path(field, 'name')));
    if (kind === 'ServiceAccount' && subject.apiGroup) {
      causes.push(notSupported(path(field, 'apiGroup'), subject.apiGroup, ['']));
    }
  }
  return causes;
}

/** rbac.RoleRef as Go prints it in "cannot change roleRef". */
export function goRoleRef(roleRef: unknown) {
  const r = asObj(roleRef);
  return goSyntax(
    `rbac.RoleRef{APIGroup:${JSON.stringify(str(r.apiGroup))}, Kind:${JSON.stringify(str(r.kind))}, Name:${JSON.stringify(str(r.name))}}`,
  );
}

export function validateHorizontalPodAutoscaler(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const causes: StatusCause[] = [];
  const ref = asObj(spec.scaleTargetRef);
  if (!str(ref.kind)) causes.push(required('spec.scaleTargetRef.kind'));
  if (!str(ref.name)) causes.push(required('spec.scaleTargetRef.name'));
  const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  if (min < 1) causes.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (typeof spec.maxReplicas !== 'number') causes.push(required('spec.maxReplicas'));
  else if (spec.maxReplicas < min)
    causes.push(
      invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'),
    );
  return causes;
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

export function validateIngress(obj: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [i, rule] of asList(asObj(obj.spec).rules).entries()) {
    for (const [j, p] of asList(asObj(rule.http).paths).entries()) {
      const field = path('spec', 'rules', i, 'http', 'paths', j);
      if (p.pathType === undefined)
        causes.push(required(path(field, 'pathType'), 'pathType must be specified'));
      else if (!PATH_TYPES.includes(str(p.pathType)))
        causes.push(notSupported(path(field, 'pathType'), p.pathType, PATH_TYPES));
      const service = asObj(asObj(p.backend).service);
      if (asObj(p.backend).service && !str(service.name))
        causes.push(required(path(field, 'backend', 'service', 'name')));
      const port = asObj(service.port);
      if (asObj(p.backend).service && port.number === undefined && !str(port.name)) {
        causes.push(
          invalid(
            path(field, 'backend', 'service', 'port'),
            goSyntax('networking.ServiceBackendPort{Name:"", Number:0}'),
            'port name or number is required',
          ),
        );
      }
    }
  }
  return causes;
}

export function validatePodDisruptionBudget(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const causes: StatusCause[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    causes.push(
      invalid(
        'spec',
        goSyntax('policy.PodDisruptionBudgetSpec{...}'),
        'minAvailable and maxUnavailable cannot be both set',
      ),
    );
  }
  const selector = asSelector(spec.selector);
  if (selector) causes.push(...validateLabelSelector(selector, 'spec.selector'));
  return causes;
}

export function validateCustomResourceDefinition(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const names = asObj(spec.names);
  const causes: StatusCause[] = [];
  const group = str(spec.group);
  const plural = str(names.plural);
  const name = str(asObj(obj.metadata).name);
  if (name !== `${plural}.${group}`)
    causes.push(invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (!group) causes.push(required('spec.group'));
  else if (!group.includes('.'))
    causes.push(invalid('spec.group', group, 'should be a domain with at least one dot'));
  if (!['Cluster', 'Namespaced'].includes(str(spec.scope)))
    causes.push(notSupported('spec.scope', spec.scope ?? '', ['Cluster', 'Namespaced']));
  if (!plural) causes.push(required('spec.names.plural'));
  else for (const m of isDNS1123Label(plural)) causes.push(invalid('spec.names.plural', plural, m));
  if (!str(names.kind)) causes.push(required('spec.names.kind'));
  const versions = asList(spec.versions);
  if (versions.length === 0)
    causes.push(
      invalid(
        'spec.versions',
        goSyntax('[]apiextensions.CustomResourceDefinitionVersion(nil)'),
        'must have exactly one version marked as storage version',
      ),
    );
  else if (versions.filter((v) => v.storage === true).length !== 1) {
    causes.push(
      invalid(
        'spec.versions',
        goSyntax('[]apiextensions.CustomResourceDefinitionVersion{...}'),
        'must have exactly one version marked as storage version',
      ),
    );
  }
  for (const [i, version] of versions.entries()) {
    const versionName = str(version.name);
    if (!versionName) causes.push(required(path('spec', 'versions', i, 'name')));
    else
      for (const m of isDNS1123Label(versionName))
        causes.push(invalid(path('spec', 'versions', i, 'name'), versionName, m));
    if (!asObj(asObj(version.schema).openAPIV3Schema).type && version.schema === undefined) {
      causes.push(required(path('spec', 'versions', i, 'schema', 'openAPIV3Schema'), 'schemas are required'));
    }
  }
  return causes;
}
