import type { KubeConfig } from '@kubernetes/client-node';
import type { AppError } from '../../core/errors/app-error.ts';
import { clusterForbidden } from './cluster-failures.ts';
import { isSuccess, kubeRequest, responseFailure } from './kube-request.ts';

export interface AccessQuestion {
  verb: string;
  /** Plural resource, e.g. `nodes`. */
  resource: string;
  group?: string;
}

interface ReviewStatus {
  status?: { allowed?: boolean; denied?: boolean; reason?: string };
}

/** "list nodes", as kubectl auth can-i reads it. */
export function describeAccess(question: AccessQuestion): string {
  return `${question.verb} ${question.group ? `${question.resource}.${question.group}` : question.resource}`;
}

/**
 * Asks the cluster whether Atrium's own credential may do something (SelfSubjectAccessReview,
 * what `kubectl auth can-i` sends). Resolves to null when allowed, or the coded error that
 * names the missing permission; transport failures throw.
 */
export async function accessDenial(
  kubeConfig: KubeConfig,
  question: AccessQuestion,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<AppError | null> {
  const response = await kubeRequest<ReviewStatus>(kubeConfig, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: { verb: question.verb, resource: question.resource, group: question.group ?? '' },
      },
    },
    ...options,
  });
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  if (!isSuccess(response)) return responseFailure(response, server, 'create selfsubjectaccessreviews');
  if (response.body.status?.allowed === true) return null;
  return clusterForbidden(describeAccess(question), response.body.status?.reason || undefined);
}
