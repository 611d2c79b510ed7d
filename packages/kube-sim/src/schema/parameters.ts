/**
 * The query and path parameters of the Kubernetes REST operations, as the OpenAPI documents list
 * them. kubectl reads these: it sends `fieldValidation` only when the PATCH operation of a kind
 * declares it, and otherwise falls back to downloading the whole v2 document to validate on the
 * client. Descriptions are short summaries written for this simulator.
 */

export type ParameterName =
  | 'allowWatchBookmarks'
  | 'continue'
  | 'dryRun'
  | 'fieldManager'
  | 'fieldSelector'
  | 'fieldValidation'
  | 'force'
  | 'gracePeriodSeconds'
  | 'ignoreStoreReadErrorWithClusterBreakingPotential'
  | 'labelSelector'
  | 'limit'
  | 'name'
  | 'namespace'
  | 'orphanDependents'
  | 'pretty'
  | 'propagationPolicy'
  | 'resourceVersion'
  | 'resourceVersionMatch'
  | 'sendInitialEvents'
  | 'timeoutSeconds'
  | 'watch';

export interface ParameterSpec {
  in: 'query' | 'path';
  type: 'string' | 'boolean' | 'integer';
  description: string;
  required?: boolean;
}

export const PARAMETERS: Record<ParameterName, ParameterSpec> = {
  allowWatchBookmarks: {
    in: 'query',
    type: 'boolean',
    description: 'allowWatchBookmarks asks for watch events of type "BOOKMARK". Ignored when not watching.',
  },
  continue: {
    in: 'query',
    type: 'string',
    description: 'The continue token of a previous paginated list call, to fetch the next page.',
  },
  dryRun: {
    in: 'query',
    type: 'string',
    description:
      'When present, the request is processed but not persisted. Valid values are: - All: all dry run stages.',
  },
  fieldManager: {
    in: 'query',
    type: 'string',
    description: 'fieldManager names the actor making these changes (at most 128 printable characters).',
  },
  fieldSelector: {
    in: 'query',
    type: 'string',
    description: 'A selector to restrict the returned objects by their fields. Defaults to everything.',
  },
  fieldValidation: {
    in: 'query',
    type: 'string',
    description:
      'fieldValidation sets how the server responds to unknown or duplicate fields in the request object. Valid values are: - Ignore: drop them. - Warn: drop them and return a warning for each. - Strict: fail the request.',
  },
  force: {
    in: 'query',
    type: 'boolean',
    description: 'Force is going to "force" Apply requests: re-acquire fields owned by other managers.',
  },
  gracePeriodSeconds: {
    in: 'query',
    type: 'integer',
    description:
      'The duration in seconds before the object should be deleted; zero means delete immediately.',
  },
  ignoreStoreReadErrorWithClusterBreakingPotential: {
    in: 'query',
    type: 'boolean',
    description: 'Deletes an object that can not be read from storage (corrupt). Use with care.',
  },
  labelSelector: {
    in: 'query',
    type: 'string',
    description: 'A selector to restrict the returned objects by their labels. Defaults to everything.',
  },
  limit: {
    in: 'query',
    type: 'integer',
    description: 'The maximum number of objects to return in one list call; more are fetched with continue.',
  },
  name: { in: 'path', type: 'string', description: 'name of the object', required: true },
  namespace: {
    in: 'path',
    type: 'string',
    description: 'object name and auth scope, such as for teams and projects',
    required: true,
  },
  orphanDependents: {
    in: 'query',
    type: 'boolean',
    description: 'Deprecated: use propagationPolicy. Whether dependents are orphaned.',
  },
  pretty: { in: 'query', type: 'string', description: "If 'true', then the output is pretty printed." },
  propagationPolicy: {
    in: 'query',
    type: 'string',
    description: "Whether and how garbage collection is performed: 'Orphan', 'Background' or 'Foreground'.",
  },
  resourceVersion: {
    in: 'query',
    type: 'string',
    description: 'resourceVersion constrains which resource versions a request may be served from.',
  },
  resourceVersionMatch: {
    in: 'query',
    type: 'string',
    description: 'resourceVersionMatch sets how resourceVersion is applied to list calls.',
  },
  sendInitialEvents: {
    in: 'query',
    type: 'boolean',
    description: 'With watch=true, start the watch with synthetic events for the current state.',
  },
  timeoutSeconds: {
    in: 'query',
    type: 'integer',
    description: 'Timeout for the list/watch call, regardless of any activity or inactivity.',
  },
  watch: {
    in: 'query',
    type: 'boolean',
    description: 'Watch for changes to the described resources and return them as a stream of events.',
  },
};

export const LIST_PARAMETERS: ParameterName[] = [
  'allowWatchBookmarks',
  'continue',
  'fieldSelector',
  'labelSelector',
  'limit',
  'resourceVersion',
  'resourceVersionMatch',
  'sendInitialEvents',
  'timeoutSeconds',
  'watch',
];
export const WRITE_PARAMETERS: ParameterName[] = ['dryRun', 'fieldManager', 'fieldValidation'];
export const PATCH_PARAMETERS: ParameterName[] = ['dryRun', 'fieldManager', 'fieldValidation', 'force'];
export const DELETE_PARAMETERS: ParameterName[] = [
  'dryRun',
  'gracePeriodSeconds',
  'ignoreStoreReadErrorWithClusterBreakingPotential',
  'orphanDependents',
  'propagationPolicy',
];
