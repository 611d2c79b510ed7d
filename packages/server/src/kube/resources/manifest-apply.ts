import { parseAllDocuments } from 'yaml';
import type { ChangeContext } from '../../audit/audit-entry.ts';
import type { Principal } from '../../auth/principal.ts';
import { AppError, isAppError } from '../../core/errors/app-error.ts';
import { validationFailed } from '../../core/errors/errors.ts';
import { KubeApiError } from '../cache/kube-api-client.ts';
import { itemPath, splitApiVersion, type KubeObject } from '../cache/resource-ref.ts';
import { CLUSTER_OBJECT } from './audit-target.ts';
import { auditView } from './object-diff.ts';
import { authorizeObject, objectError, type ResourceDeps, type Target } from './resource-context.ts';
import { DEFAULT_FIELD_MANAGER, recordObjectChange } from './resource-writes.ts';

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  /** Position of the document in the YAML stream, from 0. */
  index: number;
  kind: string;
  name: string;
  namespace: string;
  action?: ApplyAction;
  error?: { code: string; message: string; details: Record<string, unknown> };
}

export interface ApplyReport {
  dryRun: boolean;
  summary: Record<ApplyAction | 'failed', number>;
  items: ApplyResult[];
}

export interface ApplyOptions {
  /** For namespaced documents that name none; `default` otherwise, as kubectl does. */
  namespace?: string;
  dryRun?: boolean;
  force?: boolean;
  fieldManager?: string;
}

interface Document {
  index: number;
  object?: KubeObject;
  error?: AppError;
}

/** Every document of a YAML stream; `kind: List` stands for its items. Empty documents are skipped. */
export function parseManifests(text: string): Document[] {
  const documents: Document[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    if (doc.errors.length) {
      documents.push({
        index,
        error: validationFailed('body', `document ${index}: ${doc.errors[0]!.message}`),
      });
      return;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) {
      documents.push({
        index,
        error: validationFailed('body', `document ${index} is not a Kubernetes object`),
      });
      return;
    }
    const object = value as KubeObject;
    const items =
      object.kind === 'List' && Array.isArray(object['items']) ? (object['items'] as KubeObject[]) : [object];
    for (const item of items) documents.push({ index, object: item });
  });
  return documents;
}

/** Strips what changes on every write, so "unchanged" means the user-visible object stayed the same. */
function comparable(object: KubeObject | null): string {
  const view = auditView(object) ?? {};
  const metadata = { ...(view['metadata'] as Record<string, unknown>) };
  delete metadata['generation'];
  return JSON.stringify({ ...view, metadata });
}

function asError(error: unknown): NonNullable<ApplyResult['error']> {
  const coded = isAppError(error) ? error : new AppError('INTERNAL', 500, 'Internal server error');
  return { code: coded.code, message: coded.message, details: coded.details };
}

/**
 * `kubectl apply --server-side` for a whole YAML stream: every document is applied on its own,
 * so one bad document is reported and the others still go in. Each change is audited.
 */
export class ManifestApply {
  readonly #deps: ResourceDeps;

  constructor(deps: ResourceDeps) {
    this.#deps = deps;
  }

  async apply(
    ctx: ChangeContext,
    principal: Principal,
    cluster: string,
    text: string,
    options: ApplyOptions,
  ) {
    const documents = parseManifests(text);
    if (documents.length === 0) throw validationFailed('body', 'the body holds no YAML document');
    const access = await this.#deps.access.forCluster(principal, cluster);
    const items: ApplyResult[] = [];
    for (const document of documents) {
      const object = document.object;
      const result: ApplyResult = {
        index: document.index,
        kind: object?.kind ?? '',
        name: object?.metadata?.name ?? '',
        namespace: '',
      };
      try {
        if (document.error) throw document.error;
        result.action = await this.#applyOne(ctx, { cluster, access }, object!, result, options);
      } catch (error) {
        result.error = asError(error);
      }
      items.push(result);
    }
    const summary = { created: 0, configured: 0, unchanged: 0, failed: 0 };
    for (const item of items) summary[item.action ?? 'failed']++;
    const report: ApplyReport = { dryRun: options.dryRun === true, summary, items };
    if (!ctx.recorded) {
      // Nothing changed (a dry run, all unchanged or all failed): the attempt is still on record.
      await this.#deps.audit.recordChange(
        this.#deps.db,
        { ...ctx, targetType: CLUSTER_OBJECT, scope: { ...ctx.scope, clusterId: cluster } },
        {
          targetId: `manifest of ${items.length} documents${report.dryRun ? ' (dry run)' : ''}`,
          diff: { after: { summary } },
        },
      );
      ctx.recorded = true;
    }
    return report;
  }

  async #applyOne(
    ctx: ChangeContext,
    where: Pick<Target, 'cluster' | 'access'>,
    object: KubeObject,
    result: ApplyResult,
    options: ApplyOptions,
  ): Promise<ApplyAction> {
    if (!object.apiVersion || !object.kind)
      throw validationFailed('apiVersion', 'apiVersion and kind are required');
    const name = object.metadata?.name;
    if (!name) throw validationFailed('metadata.name', 'metadata.name is required to apply');
    const { group, version } = splitApiVersion(object.apiVersion);
    const cluster = await this.#deps.caches.cluster(where.cluster);
    const resource = await cluster.discovery.forKind(group, version, object.kind);
    if (!resource) {
      throw new AppError(
        'NOT_FOUND',
        404,
        `no matches for kind "${object.kind}" in version "${object.apiVersion}"`,
        {
          cluster: where.cluster,
        },
      );
    }
    const target: Target = { ...where, resource };
    const namespace = resource.namespaced
      ? (object.metadata?.namespace ?? options.namespace ?? 'default')
      : '';
    result.namespace = namespace;
    const body = namespace ? { ...object, metadata: { ...object.metadata, namespace } } : object;
    authorizeObject(target, 'patch', namespace, name);
    const path = itemPath(resource, namespace, name);
    const client = cluster.client();
    let before: KubeObject | null = null;
    try {
      before = await client.request<KubeObject>({ path });
    } catch (error) {
      if (!(error instanceof KubeApiError && error.statusCode === 404))
        throw objectError(target, name, error);
    }
    if (!before) authorizeObject(target, 'create', namespace, name);
    let after: KubeObject;
    try {
      after = await client.request<KubeObject>({
        method: 'PATCH',
        path,
        contentType: 'application/apply-patch+yaml',
        query: {
          fieldManager: options.fieldManager ?? DEFAULT_FIELD_MANAGER,
          force: options.force ? 'true' : undefined,
          dryRun: options.dryRun ? 'All' : undefined,
        },
        body,
      });
    } catch (error) {
      throw objectError(target, name, error);
    }
    const action: ApplyAction = !before
      ? 'created'
      : comparable(before) === comparable(after)
        ? 'unchanged'
        : 'configured';
    if (action !== 'unchanged' && !options.dryRun) {
      await recordObjectChange(this.#deps, ctx, target, { namespace, name, before, after });
    }
    return action;
  }
}
