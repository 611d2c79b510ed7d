import type { KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../../core/errors/app-error.ts';
import { accessDenial, describeAccess, type AccessQuestion } from './access-review.ts';
import { isSuccess, kubeRequest, responseFailure } from './kube-request.ts';

export interface ConnectionCheck {
  name: string;
  ok: boolean;
  message: string;
  /** The error code when the check failed. */
  code?: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** gitVersion of the API server, once reached. */
  version: string | null;
  checks: ConnectionCheck[];
  /** The first failure, as the coded error registration answers with; null when ok. */
  failure: AppError | null;
}

/** What Atrium needs at least: see the namespaces and the nodes of the cluster. */
export const REQUIRED_ACCESS: readonly AccessQuestion[] = [
  { verb: 'list', resource: 'namespaces' },
  { verb: 'list', resource: 'nodes' },
];

function failed(name: string, error: unknown): ConnectionCheck & { error: AppError } {
  if (!(error instanceof AppError)) throw error;
  return { name, ok: false, message: error.message, code: error.code, error };
}

async function checkVersion(
  kubeConfig: KubeConfig,
): Promise<{ check: ConnectionCheck; version: string | null; error: AppError | null }> {
  try {
    const response = await kubeRequest<{ gitVersion?: string }>(kubeConfig, { path: '/version' });
    if (!isSuccess(response)) {
      const server = kubeConfig.getCurrentCluster()?.server ?? '';
      throw responseFailure(response, server, 'get /version');
    }
    const version = response.body.gitVersion ?? 'unknown';
    return {
      check: { name: 'version', ok: true, message: `Reached the API server: Kubernetes ${version}` },
      version,
      error: null,
    };
  } catch (error) {
    const { error: appError, ...check } = failed('version', error);
    return { check, version: null, error: appError };
  }
}

async function checkAccess(
  kubeConfig: KubeConfig,
  question: AccessQuestion,
): Promise<{ check: ConnectionCheck; error: AppError | null }> {
  const name = describeAccess(question).replace(' ', '-');
  try {
    const denial = await accessDenial(kubeConfig, question);
    if (!denial)
      return { check: { name, ok: true, message: `Atrium may ${describeAccess(question)}` }, error: null };
    const { error, ...check } = failed(name, denial);
    return { check, error };
  } catch (error) {
    const { error: appError, ...check } = failed(name, error);
    return { check, error: appError };
  }
}

/**
 * What registration checks before saving: the API server answers GET /version, and the
 * credential may list namespaces and nodes. Stops at an unreachable server; otherwise every
 * check runs, so the report names each missing permission.
 */
export async function testConnection(kubeConfig: KubeConfig): Promise<ConnectionTestResult> {
  const version = await checkVersion(kubeConfig);
  if (version.error) return { ok: false, version: null, checks: [version.check], failure: version.error };
  const access = await Promise.all(REQUIRED_ACCESS.map((q) => checkAccess(kubeConfig, q)));
  const checks = [version.check, ...access.map((a) => a.check)];
  const failure = access.find((a) => a.error)?.error ?? null;
  return { ok: failure === null, version: version.version, checks, failure };
}
