/** Turns an apiextensions.k8s.io/v1 CustomResourceDefinition into the kinds it serves. */
import type { KubeObject, StatusCause } from '../types.ts';
import type { Verb } from './builtin-kinds.ts';
import { storageKeyOf, type PrinterColumn, type ServedKind } from './served-kind.ts';

export interface CrdNames {
  plural: string;
  singular?: string;
  kind: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  subresources?: {
    status?: object;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: PrinterColumn[];
}

export interface CrdSpec {
  group: string;
  names: CrdNames;
  scope: 'Namespaced' | 'Cluster';
  versions: CrdVersion[];
}

const CRUD: Verb[] = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

export function crdSpec(crd: KubeObject): CrdSpec {
  return crd.spec as CrdSpec;
}

/** Structural problems the real API server reports as 422 on a CRD (a useful subset). */
export function crdProblems(crd: KubeObject): StatusCause[] {
  const spec = crd.spec as Partial<CrdSpec> | undefined;
  const causes: StatusCause[] = [];
  const required = (field: string): void => {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value', field });
  };
  if (spec?.group === undefined || spec.group === '') required('spec.group');
  if (spec?.names?.plural === undefined || spec.names.plural === '') required('spec.names.plural');
  if (spec?.names?.kind === undefined || spec.names.kind === '') required('spec.names.kind');
  if (spec?.scope !== 'Namespaced' && spec?.scope !== 'Cluster') {
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(spec?.scope ?? '')}: supported values: "Cluster", "Namespaced"`,
      field: 'spec.scope',
    });
  }
  const versions = spec?.versions ?? [];
  if (versions.length === 0) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: 'Invalid value: []: must have exactly one version marked as storage version',
      field: 'spec.versions',
    });
  } else if (versions.filter((v) => v.storage).length !== 1) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(versions.map((v) => v.name))}: must have exactly one version marked as storage version`,
      field: 'spec.versions',
    });
  }
  const expected = `${spec?.names?.plural ?? ''}.${spec?.group ?? ''}`;
  if (spec?.group && spec.names?.plural && crd.metadata.name !== expected) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(crd.metadata.name ?? '')}: must be spec.names.plural+"."+spec.group`,
      field: 'metadata.name',
    });
  }
  return causes;
}

export function kindsOfCrd(crd: KubeObject): ServedKind[] {
  const spec = crdSpec(crd);
  const storage = spec.versions.find((v) => v.storage)?.name ?? spec.versions[0]?.name ?? 'v1';
  const names = spec.names;
  return spec.versions
    .filter((v) => v.served)
    .map((version) => {
      const subresources: string[] = [];
      if (version.subresources?.status !== undefined) subresources.push('status');
      if (version.subresources?.scale !== undefined) subresources.push('scale');
      const kind: ServedKind = {
        group: spec.group,
        version: version.name,
        kind: names.kind,
        resource: names.plural,
        singular: names.singular ?? names.kind.toLowerCase(),
        namespaced: spec.scope === 'Namespaced',
        verbs: CRUD,
        model: '',
        storageKey: storageKeyOf(spec.group, names.plural),
        storageVersion: storage,
        hasStatus: version.subresources?.status !== undefined,
        tracksGeneration: true,
        custom: true,
        crdName: crd.metadata.name ?? '',
        persisted: true,
      };
      if (names.shortNames !== undefined) kind.shortNames = names.shortNames;
      if (names.categories !== undefined) kind.categories = names.categories;
      if (subresources.length > 0) kind.subresources = subresources;
      const scale = version.subresources?.scale;
      if (scale !== undefined) kind.scale = { ...scale };
      if (version.additionalPrinterColumns !== undefined)
        kind.printerColumns = version.additionalPrinterColumns;
      return kind;
    });
}
