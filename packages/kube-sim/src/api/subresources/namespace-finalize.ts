/**
 * namespaces/finalize: replaces spec.finalizers only. A terminating namespace whose finalizers
 * are all gone is removed — this is how the namespace controller completes a deletion.
 */
import { badRequest, staleResourceVersion } from '../errors.ts';
import { refOf, requireObject, type ApiDeps } from '../api-deps.ts';
import type { SubresourceHandler } from '../resource-api.ts';
import { decodeBodyAs } from '../object-meta.ts';
import { commitUpdate } from '../writes.ts';
import { deepCopy } from '../../store/deep-copy.ts';

export function namespaceFinalizeHandler(deps: ApiDeps): SubresourceHandler {
  return {
    update: (kind, _namespace, name, body, args) => {
      const stored = requireObject(deps, kind, '', name);
      const object = decodeBodyAs(kind, body);
      if (object.metadata.name !== undefined && object.metadata.name !== name) {
        throw badRequest(
          `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
        );
      }
      const rv = object.metadata.resourceVersion;
      if (rv !== undefined && rv !== '' && rv !== stored.metadata.resourceVersion) {
        throw staleResourceVersion(refOf(kind, name));
      }
      const next = deepCopy(stored);
      const finalizers = (object.spec as { finalizers?: unknown } | undefined)?.finalizers;
      next.spec = {
        ...((next.spec as object | undefined) ?? {}),
        finalizers: Array.isArray(finalizers) ? finalizers : [],
      };
      return commitUpdate(deps, kind, stored, next, args, { subresource: 'finalize' });
    },
  };
}
