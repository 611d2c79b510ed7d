/**
 * Defaulting and validation from the validation module, placed in the admission chain: defaults
 * are the first mutation, validation the first validating step (so it sees every mutation),
 * matching the order of kube-apiserver's decode → admit → validate.
 */
import type { AdmissionPlugin } from '../admission.ts';
import type { ObjectValidator } from '../modules.ts';
import { invalid } from '../errors.ts';

/** Subresources whose writes carry a whole object that should be validated. */
const VALIDATED_SUBRESOURCES = new Set([undefined, 'status', 'scale']);

export function validationPlugin(validator: ObjectValidator): AdmissionPlugin {
  return {
    name: 'DefaultingAndValidation',
    mutate(request) {
      if (request.object === undefined || request.subresource !== undefined) return;
      if (request.operation === 'CREATE' || request.operation === 'UPDATE') {
        request.object = validator.applyDefaults(request.kind, request.object);
      }
    },
    validate(request) {
      const object = request.object;
      if (object === undefined || !VALIDATED_SUBRESOURCES.has(request.subresource)) return;
      const causes =
        request.operation === 'CREATE'
          ? validator.validateCreate(request.kind, object)
          : request.operation === 'UPDATE' && request.oldObject !== undefined
            ? validator.validateUpdate(request.kind, object, request.oldObject)
            : [];
      if (causes.length > 0) throw invalid(request.kind, object.metadata.name ?? request.name, causes);
    },
  };
}
