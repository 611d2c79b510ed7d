/** Every audit record of a cluster object has this target type; the kind is in the target id. */
export const CLUSTER_OBJECT = 'cluster-object';

/**
 * How the audit log names a cluster object, like kubectl does: `shop/deployments.apps/web`,
 * `namespaces/shop` for cluster-scoped kinds, `shop/pods/web/exec` for a subresource.
 */
export function objectTarget(object: {
  namespace: string;
  resource: string;
  group: string;
  name: string;
  subresource?: string;
}): string {
  const kind = object.group ? `${object.resource}.${object.group}` : object.resource;
  return [object.namespace, kind, object.name || '*', object.subresource].filter(Boolean).join('/');
}
