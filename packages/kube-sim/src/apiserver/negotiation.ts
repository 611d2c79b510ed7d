/**
 * Content negotiation: which representation the client accepts (plain object, server-side
 * Table, PartialObjectMetadata, aggregated discovery; JSON or YAML) and how a request body is
 * encoded. Protobuf is never chosen: kubectl and client-go always list JSON as a fallback.
 */
import { notAcceptable } from '../api/errors.ts';

export type Representation =
  | { as: 'object'; yaml: boolean }
  | { as: 'Table'; version: 'v1' | 'v1beta1' }
  | { as: 'PartialObjectMetadata'; version: 'v1' | 'v1beta1' }
  | { as: 'APIGroupDiscoveryList'; version: 'v2' | 'v2beta1' };

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim());
      const record: Record<string, string> = {};
      for (const param of params) {
        const eq = param.indexOf('=');
        if (eq > 0) record[param.slice(0, eq).trim()] = param.slice(eq + 1).trim();
      }
      return { type: type.toLowerCase(), params: record };
    })
    .filter((range) => range.type !== '');
}

const JSON_TYPES = new Set(['application/json', 'application/*', '*/*']);

/**
 * Picks the first acceptable representation. `allowed` lists the conversions the endpoint
 * supports (resources: Table and PartialObjectMetadata; discovery: APIGroupDiscoveryList).
 */
export function negotiate(
  acceptHeader: string | undefined,
  allowed: ReadonlyArray<'Table' | 'PartialObjectMetadata' | 'APIGroupDiscoveryList'>,
): Representation {
  if (acceptHeader === undefined || acceptHeader.trim() === '') return { as: 'object', yaml: false };
  for (const range of parseAccept(acceptHeader)) {
    const as = range.params.as;
    if (as === undefined) {
      if (JSON_TYPES.has(range.type)) return { as: 'object', yaml: false };
      if (range.type === 'application/yaml') return { as: 'object', yaml: true };
      continue;
    }
    if (range.type !== 'application/json') continue;
    const { g, v } = range.params;
    if (
      as === 'Table' &&
      allowed.includes('Table') &&
      g === 'meta.k8s.io' &&
      (v === 'v1' || v === 'v1beta1')
    ) {
      return { as: 'Table', version: v };
    }
    if (
      (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') &&
      allowed.includes('PartialObjectMetadata') &&
      g === 'meta.k8s.io' &&
      (v === 'v1' || v === 'v1beta1')
    ) {
      return { as: 'PartialObjectMetadata', version: v };
    }
    if (
      as === 'APIGroupDiscoveryList' &&
      allowed.includes('APIGroupDiscoveryList') &&
      g === 'apidiscovery.k8s.io' &&
      (v === 'v2' || v === 'v2beta1')
    ) {
      return { as: 'APIGroupDiscoveryList', version: v };
    }
  }
  throw notAcceptable();
}

export type BodyEncoding = 'json' | 'yaml';

/** The media type of a request body without parameters, lower-cased. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
