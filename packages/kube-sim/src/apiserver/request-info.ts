/**
 * Splits a request URL into the attributes the real server derives (RequestInfoFactory):
 * API group/version, namespace, resource, name, subresource and the Kubernetes verb. Paths that
 * are not resource paths are "non-resource" requests (discovery, health, openapi, version).
 */

export interface ResourceRequestInfo {
  resourceRequest: true;
  verb: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  name: string;
  subresource: string;
  /** The legacy /watch/ path prefix was used. */
  legacyWatch: boolean;
  path: string;
}

export interface NonResourceRequestInfo {
  resourceRequest: false;
  /** Lower-case HTTP method, as RBAC nonResourceURLs rules expect. */
  verb: string;
  path: string;
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

export function requestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = path.split('/').filter((p) => p !== '');
  const nonResource: NonResourceRequestInfo = { resourceRequest: false, verb: method.toLowerCase(), path };
  let rest: string[];
  let apiGroup: string;
  let apiVersion: string;
  if (parts[0] === 'api' && parts.length >= 2) {
    apiGroup = '';
    apiVersion = parts[1] as string;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    apiGroup = parts[1] as string;
    apiVersion = parts[2] as string;
    rest = parts.slice(3);
  } else {
    return nonResource;
  }
  if (rest.length === 0) return nonResource;
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 2) {
    // /namespaces/<ns>/<resource>… scopes a resource; /namespaces/<name>[/status|/finalize] is
    // the namespace object itself, whose namespace attribute is its own name.
    namespace = rest[1] as string;
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] as string)) rest = rest.slice(2);
  }
  const resource = rest[0] ?? '';
  const name = rest[1] ?? '';
  const subresource = rest[2] ?? '';
  if (resource === '') return nonResource;
  const verb = kubeVerb(method, name, subresource, legacyWatch || isWatch(query));
  return {
    resourceRequest: true,
    verb,
    apiGroup,
    apiVersion,
    namespace,
    resource,
    name,
    subresource,
    legacyWatch,
    path,
  };
}

function isWatch(query: URLSearchParams): boolean {
  const value = query.get('watch');
  return value === 'true' || value === '1';
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);
const CONNECT_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);

function kubeVerb(method: string, name: string, subresource: string, watch: boolean): string {
  if (CONNECT_SUBRESOURCES.has(subresource)) return 'create';
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (watch) return 'watch';
      return name === '' ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return name === '' ? 'deletecollection' : 'delete';
    default:
      return method.toLowerCase();
  }
}
