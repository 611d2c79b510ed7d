/**
 * Errors of the patch engine, shaped so the API server can turn each into the exact
 * meta.k8s.io/v1 Status a real kube-apiserver answers with.
 *
 * Mapping (from k8s.io/apiserver/pkg/endpoints/handlers/patch.go and friends):
 *
 * | situation                                                        | code | reason                 | message                                                                 |
 * |------------------------------------------------------------------|------|------------------------|-------------------------------------------------------------------------|
 * | JSON patch body is not an array of objects                       | 400  | BadRequest             | Go's json error, e.g. `json: cannot unmarshal object into Go value …`   |
 * | JSON patch with more than 10000 operations                       | 413  | RequestEntityTooLarge  | `Request entity too large: The allowed maximum operations …`            |
 * | JSON patch op fails (failed `test`, missing path, bad index …)   | 422  | Invalid                | `the server rejected our request due to an error in our request`, empty |
 * |                                                                  |      |                        | details: the json-patch error is not sent (isUnexpectedResponse=false)  |
 * | merge patch body is null / not an object or array                | 400  | BadRequest             | `Invalid JSON Patch`                                                    |
 * | merge patch body is an array (result is no object)               | 422  | Invalid                | ` "" is invalid: patch: Invalid value: "…": couldn't get version/kind…` |
 * | strategic patch body is not an object                            | 400  | BadRequest             | Go's json error                                                         |
 * | strategic: bad $retainKeys / $setElementOrder / $deleteFrom…     | 400  | BadRequest             | mergepatch's sentinel text, e.g. `invalid patch format of retainKeys`   |
 * | strategic: list of lists                                         | 422  | Invalid                | generic 422 message, cause `lists of lists are not supported`           |
 * | strategic: any other error (missing merge key, bad $patch …)     | 500  | (none)                 | the raw error: the apiserver never converts these to an API status      |
 * | apply: wrong apiVersion/kind, managedFields set in the body      | 400  | BadRequest             | `invalid object type: …`, `metadata.managedFields must be nil`          |
 * | apply: duplicate or key-less items in an associative list        | 500  | (none)                 | `failed to create typed patch object (ns/name; gvk): …`                 |
 * | apply: fields owned by other managers changed without force      | 409  | Conflict               | `Apply failed with 1 conflict: conflict with "m" using apps/v1: .spec…` |
 * | patch type not accepted for the resource (e.g. SMP on a CRD)     | 415  | UnsupportedMediaType   | `the body of the request was in an unknown format - accepted media …`   |
 *
 * `InternalError` stands for errors that are not API statuses in the real server: it answers
 * 500 with an empty reason, which kubectl prints as `Error from server: <message>`.
 */
import type { Status, StatusCause } from '../types.ts';

export type PatchErrorReason =
  'BadRequest' | 'Invalid' | 'UnsupportedMediaType' | 'Conflict' | 'RequestEntityTooLarge' | 'InternalError';

const HTTP_CODE: Record<PatchErrorReason, number> = {
  BadRequest: 400,
  Invalid: 422,
  UnsupportedMediaType: 415,
  Conflict: 409,
  RequestEntityTooLarge: 413,
  InternalError: 500,
};

export class PatchError extends Error {
  readonly reason: PatchErrorReason;
  /** HTTP status code of the Status. */
  readonly code: number;
  /** Status.details.causes, when the real server reports any. */
  readonly causes: readonly StatusCause[];

  /**
   * The error NewGenericServerResponse hides behind its fixed message: kept for diagnostics and
   * tests, never sent (the Status then has empty details).
   */
  readonly serverMessage: string | undefined;

  constructor(
    reason: PatchErrorReason,
    message: string,
    causes: readonly StatusCause[] = [],
    serverMessage?: string,
  ) {
    super(message);
    this.name = 'PatchError';
    this.reason = reason;
    this.code = HTTP_CODE[reason];
    this.causes = causes;
    this.serverMessage = serverMessage;
  }

  /** The Status body the API server should send for this error. */
  toStatus(): Status {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      code: this.code,
    };
    // An unconverted Go error carries StatusReasonUnknown, which is "" and omitted on the wire.
    if (this.reason !== 'InternalError') status.reason = this.reason;
    if (this.causes.length > 0) status.details = { causes: this.causes.map((cause) => ({ ...cause })) };
    else if (this.serverMessage !== undefined) status.details = {};
    return status;
  }
}

/** errors.NewBadRequest */
export function badRequest(message: string): PatchError {
  return new PatchError('BadRequest', message);
}

/**
 * errors.NewGenericServerResponse(422, "", schema.GroupResource{}, "", err.Error(), 0, false):
 * the apiserver hides the real error behind a fixed message; with isUnexpectedResponse false it
 * keeps no cause, so the Status carries empty details and kubectl prints
 * `The request is invalid: the server rejected our request due to an error in our request`.
 */
export function unprocessable(serverMessage: string): PatchError {
  return new PatchError(
    'Invalid',
    'the server rejected our request due to an error in our request',
    [],
    serverMessage,
  );
}

/** errors.NewInvalid(schema.GroupKind{}, "", field.Invalid(field.NewPath("patch"), value, detail)) */
export function invalidPatchValue(value: string, detail: string): PatchError {
  const body = `Invalid value: ${JSON.stringify(value)}: ${detail}`;
  return new PatchError('Invalid', ` "" is invalid: patch: ${body}`, [
    { reason: 'FieldValueInvalid', message: body, field: 'patch' },
  ]);
}

/** A plain Go error that reached the apiserver's error writer. */
export function internalError(message: string): PatchError {
  return new PatchError('InternalError', message);
}

/** errors.NewRequestEntityTooLargeError */
export function requestEntityTooLarge(message: string): PatchError {
  return new PatchError('RequestEntityTooLarge', `Request entity too large: ${message}`);
}

/** negotiation.NewUnsupportedMediaTypeError, for patch types a resource does not accept. */
export function unsupportedMediaType(acceptedTypes: readonly string[]): PatchError {
  return new PatchError(
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${acceptedTypes.join(', ')}`,
  );
}

export interface ApplyConflict {
  /** The field manager that owns the field, e.g. `kubectl-client-side-apply`. */
  manager: string;
  /** The field in fieldpath notation, e.g. `.spec.replicas`. */
  field: string;
}

/** A server-side apply that would change fields other managers own (errors.NewApplyConflict). */
export class ApplyConflictError extends PatchError {
  readonly conflicts: readonly ApplyConflict[];

  constructor(message: string, conflicts: readonly ApplyConflict[], causes: readonly StatusCause[]) {
    super('Conflict', message, causes);
    this.name = 'ApplyConflictError';
    this.conflicts = conflicts;
  }
}
