import type { KubeVerb } from '../access/kind-permissions.ts';

/** What a native Kubernetes API request asks for, as the API server's RequestInfoResolver reads it. */
export type RequestInfo =
  | { isResource: false; path: string; verb: string }
  | {
      isResource: true;
      path: string;
      verb: KubeVerb;
      group: string;
      version: string;
      /** Empty for cluster-scoped kinds and for requests across all namespaces. */
      namespace: string;
      resource: string;
      subresource: string;
      /** Empty for collection requests. */
      name: string;
    };

const VERB_BY_METHOD: Record<string, KubeVerb> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function isTrue(value: string | null): boolean {
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Parses `/api/v1/namespaces/shop/pods/web/log` (without the `/k8s/clusters/<name>` prefix)
 * into `get pods/log "web" in shop`, `/apis/apps/v1/deployments?watch=1` into a watch of
 * deployments in every namespace, and so on; anything else is a non-resource path.
 */
export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const nonResource: RequestInfo = { isResource: false, path, verb: method.toLowerCase() };
  let rest: string[];
  let group = '';
  let version: string;
  if (parts[0] === 'api' && parts.length >= 3) {
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return nonResource;
  }
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace = '';
  // `namespaces/<name>` and `namespaces/<name>/status|finalize` act on the namespace itself.
  const onNamespace = rest.length === 2 || (rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2]!));
  if (rest[0] === 'namespaces' && rest.length >= 2 && !onNamespace) {
    namespace = rest[1]!;
    rest = rest.slice(2);
  }
  const [resource = '', name = '', subresource = ''] = rest;
  if (!resource || rest.length > 3) return nonResource;
  const upper = method.toUpperCase();
  let verb: KubeVerb;
  if (upper === 'GET' || upper === 'HEAD') {
    verb = name ? 'get' : 'list';
    if (watchPrefix || (!name && isTrue(query.get('watch')))) verb = 'watch';
  } else {
    verb = VERB_BY_METHOD[upper] ?? 'get';
    if (verb === 'delete' && !name) verb = 'deletecollection';
  }
  return { isResource: true, path, verb, group, version, namespace, resource, subresource, name };
}
