import { notFound } from '../../core/errors/errors.ts';
import type { ClusterConnections } from '../connections/cluster-connections.ts';
import { isSuccess, kubeRequest, responseFailure } from '../connections/kube-request.ts';
import { kindJsonSchema, openApiPath } from './kind-schema.ts';

interface CachedDocument {
  generation: number;
  expiresAt: number;
  document: Promise<unknown>;
}

/**
 * Reads each cluster's OpenAPI v3 documents (one per group/version, often hundreds of KB) at
 * most once per TTL and per credential generation, and answers kind schemas from them.
 */
export class SchemaSource {
  readonly #connections: ClusterConnections;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #documents = new Map<string, CachedDocument>();

  constructor(connections: ClusterConnections, options: { ttlMs?: number; now?: () => number } = {}) {
    this.#connections = connections;
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  async kindSchema(
    cluster: string,
    group: string,
    version: string,
    kind: string,
  ): Promise<Record<string, unknown>> {
    const document = await this.#document(cluster, group, version);
    const schema = kindJsonSchema(document, group, version, kind);
    if (!schema) throw notFound('kind', `${group ? `${group}/` : ''}${version}/${kind}`);
    return schema;
  }

  #document(cluster: string, group: string, version: string): Promise<unknown> {
    const connection = this.#connections.get(cluster);
    const key = `${cluster}\n${group}\n${version}`;
    const cached = this.#documents.get(key);
    if (cached && cached.generation === connection.generation && cached.expiresAt > this.#now())
      return cached.document;
    const path = openApiPath(group, version);
    const document = kubeRequest(connection.kubeConfig, { path }).then((response) => {
      if (response.status === 404) throw notFound('group version', `${group || 'core'}/${version}`);
      if (!isSuccess(response))
        throw responseFailure(
          response,
          connection.kubeConfig.getCurrentCluster()?.server ?? '',
          `get ${path}`,
        );
      return response.body;
    });
    // A failure is not remembered: the next editor that opens asks again.
    document.catch(() => {
      if (this.#documents.get(key)?.document === document) this.#documents.delete(key);
    });
    this.#documents.set(key, {
      generation: connection.generation,
      expiresAt: this.#now() + this.#ttlMs,
      document,
    });
    return document;
  }
}
