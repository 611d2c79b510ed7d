/**
 * NamespaceLifecycle admission: no new objects in a namespace that does not exist (404) or is
 * being deleted (403), and the system namespaces cannot be deleted.
 */
import type { AdmissionPlugin } from '../admission.ts';
import type { ApiDeps } from '../api-deps.ts';
import { forbidden, namespaceTerminating, notFound } from '../errors.ts';

const NAMESPACES = '/namespaces';
const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

export function namespaceLifecyclePlugin(deps: Pick<ApiDeps, 'store'>): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    validate(request) {
      const { kind } = request;
      if (
        request.operation === 'DELETE' &&
        kind.group === '' &&
        kind.kind === 'Namespace' &&
        IMMORTAL.has(request.name)
      ) {
        throw forbidden(
          `namespaces ${JSON.stringify(request.name)} is forbidden: this namespace may not be deleted`,
          {
            group: '',
            resource: 'namespaces',
            name: request.name,
          },
        );
      }
      if (request.operation !== 'CREATE' || !kind.namespaced || request.subresource !== undefined) return;
      const namespace = deps.store.get(NAMESPACES, '', request.namespace);
      if (namespace === undefined) {
        throw notFound({ group: '', resource: 'namespaces', name: request.namespace });
      }
      if (namespace.metadata.deletionTimestamp !== undefined) {
        throw namespaceTerminating(
          { group: kind.group, resource: kind.resource, name: request.name },
          request.namespace,
        );
      }
    },
  };
}
