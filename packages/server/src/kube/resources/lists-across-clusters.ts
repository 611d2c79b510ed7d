import type { Principal } from '../../auth/principal.ts';
import { isAppError, type AppError } from '../../core/errors/app-error.ts';
import { isDenied } from '../access/kube-access.ts';
import type { ClusterCaches } from '../cache/cluster-caches.ts';
import type { ResourceRef } from '../cache/resource-ref.ts';
import type { ClusterListResult } from './list-encoding.ts';
import type { ListQuery, ResourceReads } from './resource-reads.ts';

export interface AcrossClustersQuery extends Omit<ListQuery, 'continue'> {
  /** Comma-separated cluster names; all registered clusters when absent. */
  clusters?: string;
}

export interface AcrossClustersResult {
  results: ClusterListResult[];
  /** Refusals in clusters the caller named: audited like a refused read of one cluster. */
  denials: { cluster: string; error: AppError }[];
}

/** A refusal of the access check, whether answered 403 or as a hidden namespace's 404. */
function isAccessDenial(error: AppError): boolean {
  return error.code === 'FORBIDDEN' || isDenied(error);
}

/**
 * One kind listed in several clusters at once, each from its cache with the same access check
 * as a one-cluster list: one request instead of one per cluster, and each cluster's page or
 * error side by side, so an unreachable cluster costs the others nothing. Clusters the caller
 * did not name and holds nothing in are left out, not reported.
 */
export class ListsAcrossClusters {
  readonly #reads: ResourceReads;
  readonly #caches: ClusterCaches;

  constructor(reads: ResourceReads, caches: ClusterCaches) {
    this.#reads = reads;
    this.#caches = caches;
  }

  async list(
    principal: Principal,
    ref: ResourceRef,
    query: AcrossClustersQuery,
  ): Promise<AcrossClustersResult> {
    const { clusters, ...listQuery } = query;
    const named = clusters ? [...new Set(clusters.split(','))] : null;
    const answers = await Promise.all(
      (named ?? this.#caches.clusterNames()).map(async (cluster) => {
        try {
          return { cluster, list: await this.#reads.list(principal, cluster, ref, listQuery) };
        } catch (error) {
          if (!isAppError(error)) throw error;
          return { cluster, error };
        }
      }),
    );
    const results: ClusterListResult[] = [];
    const denials: AcrossClustersResult['denials'] = [];
    for (const answer of answers) {
      if ('list' in answer) {
        results.push(answer);
        continue;
      }
      const { cluster, error } = answer;
      if (isAccessDenial(error)) {
        if (!named) continue;
        denials.push({ cluster, error });
      }
      results.push({ cluster, error: { code: error.code, message: error.message, details: error.details } });
    }
    return { results, denials };
  }
}
