/** metav1.ListOptions as the server reads them from a query string. */
import { badRequest, invalid } from './errors.ts';
import { EVERYTHING, parseLabelSelector, type LabelSelector } from '../selectors/label-selector.ts';
import { ALL_FIELDS, parseFieldSelector, type FieldSelector } from '../selectors/field-selector.ts';

export type ResourceVersionMatch = 'NotOlderThan' | 'Exact';

export interface ListOptions {
  labelSelector: LabelSelector;
  fieldSelector: FieldSelector;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
}

export function defaultListOptions(): ListOptions {
  return { labelSelector: EVERYTHING, fieldSelector: ALL_FIELDS };
}

export function parseListOptions(query: URLSearchParams): ListOptions {
  const options = defaultListOptions();
  const labelSelector = query.get('labelSelector');
  if (labelSelector !== null && labelSelector !== '')
    options.labelSelector = parseLabelSelector(labelSelector);
  const fieldSelector = query.get('fieldSelector');
  if (fieldSelector !== null && fieldSelector !== '')
    options.fieldSelector = parseFieldSelector(fieldSelector);
  const limit = query.get('limit');
  if (limit !== null && limit !== '') {
    const n = parseInteger('limit', limit);
    if (n > 0) options.limit = n;
  }
  const cont = query.get('continue');
  if (cont !== null && cont !== '') options.continue = cont;
  const rv = query.get('resourceVersion');
  if (rv !== null && rv !== '') options.resourceVersion = rv;
  const match = query.get('resourceVersionMatch');
  if (match !== null && match !== '') {
    if (match !== 'NotOlderThan' && match !== 'Exact') {
      throw badRequest(
        `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`,
      );
    }
    options.resourceVersionMatch = match;
  }
  if (parseBool(query.get('allowWatchBookmarks'))) options.allowWatchBookmarks = true;
  const initial = query.get('sendInitialEvents');
  if (initial !== null && initial !== '') options.sendInitialEvents = parseBool(initial);
  const timeout = query.get('timeoutSeconds');
  if (timeout !== null && timeout !== '') options.timeoutSeconds = parseInteger('timeoutSeconds', timeout);
  return options;
}

export function parseBool(value: string | null): boolean {
  return value === 'true' || value === '1' || value === 'True';
}

function parseInteger(name: string, value: string): number {
  if (!/^-?\d+$/.test(value)) {
    throw badRequest(
      `unable to parse query parameter "${name}": strconv.ParseInt: parsing "${value}": invalid syntax`,
    );
  }
  return Number(value);
}

/** Parses a resourceVersion parameter; non-numbers are a 400 like the real server. */
export function parseResourceVersion(value: string): number {
  if (!/^\d+$/.test(value)) throw badRequest(`invalid resource version: ${value}`);
  return Number(value);
}

/** metainternalversion.ValidateListOptions: the combinations the real server refuses (422). */
export function validateListOptions(options: ListOptions, watch: boolean): void {
  const forbidden = (field: string, detail: string) =>
    invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', [
      { reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field },
    ]);
  const match = options.resourceVersionMatch;
  if (!watch) {
    if (match !== undefined && (options.resourceVersion === undefined || options.resourceVersion === '')) {
      throw forbidden(
        'resourceVersionMatch',
        'resourceVersionMatch is forbidden unless resourceVersion is provided',
      );
    }
    if (match !== undefined && options.continue !== undefined) {
      throw forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided');
    }
    if (options.sendInitialEvents !== undefined)
      throw forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list');
    return;
  }
  if (options.sendInitialEvents !== undefined) {
    if (match !== 'NotOlderThan') {
      throw forbidden(
        'resourceVersionMatch',
        'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      );
    }
    if (options.allowWatchBookmarks !== true) {
      throw forbidden(
        'allowWatchBookmarks',
        'sendInitialEvents requires setting allowWatchBookmarks to true',
      );
    }
  } else if (match !== undefined) {
    throw forbidden(
      'resourceVersionMatch',
      'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    );
  }
}
