/**
 * CustomResourceDefinition checks the apiextensions server makes before storing a CRD, and the
 * cleanup finalizer that lets the CRD controller delete the custom objects before the CRD goes.
 */
import type { AdmissionPlugin } from '../admission.ts';
import { invalid } from '../errors.ts';
import { crdProblems } from '../../registry/crd-kinds.ts';

export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export function crdAdmissionPlugin(): AdmissionPlugin {
  const isCrd = (group: string, kind: string): boolean =>
    group === 'apiextensions.k8s.io' && kind === 'CustomResourceDefinition';
  return {
    name: 'CustomResourceDefinitions',
    mutate(request) {
      const { object } = request;
      if (
        request.operation !== 'CREATE' ||
        object === undefined ||
        !isCrd(request.kind.group, request.kind.kind)
      )
        return;
      const finalizers = object.metadata.finalizers ?? [];
      if (!finalizers.includes(CRD_CLEANUP_FINALIZER))
        object.metadata.finalizers = [...finalizers, CRD_CLEANUP_FINALIZER];
    },
    validate(request) {
      const { object } = request;
      if (
        object === undefined ||
        request.subresource !== undefined ||
        !isCrd(request.kind.group, request.kind.kind)
      )
        return;
      if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') return;
      const causes = crdProblems(object);
      if (causes.length > 0) throw invalid(request.kind, object.metadata.name ?? '', causes);
    },
  };
}
