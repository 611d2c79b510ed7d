import { readFile } from 'node:fs/promises';
import { isIPv6 } from 'node:net';
import path from 'node:path';
import { validationFailed } from '../../core/errors/errors.ts';
import type { ConnectionSpec } from '../connections/connection-spec.ts';

/** Where a pod finds its service account; injectable so tests can fake a pod. */
export interface InClusterEnvironment {
  serviceAccountDir: string;
  env: Record<string, string | undefined>;
}

export const POD_ENVIRONMENT: InClusterEnvironment = {
  serviceAccountDir: '/var/run/secrets/kubernetes.io/serviceaccount',
  env: process.env,
};

function notInCluster(reason: string) {
  return validationFailed(
    'credential.type',
    `An in-cluster credential needs Atrium to run inside the cluster as a pod: ${reason}`,
    { reason: 'NOT_IN_CLUSTER' },
  );
}

/**
 * The service account Atrium runs with, as a pod sees it: the API server from
 * KUBERNETES_SERVICE_HOST/PORT, the CA from ca.crt, the token as a file re-read as it rotates.
 */
export async function inClusterSpec(environment: InClusterEnvironment): Promise<ConnectionSpec> {
  const host = environment.env['KUBERNETES_SERVICE_HOST'];
  const port = environment.env['KUBERNETES_SERVICE_PORT'];
  if (!host || !port) throw notInCluster('KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set');
  const tokenFile = path.join(environment.serviceAccountDir, 'token');
  let caData: string;
  try {
    await readFile(tokenFile);
    caData = await readFile(path.join(environment.serviceAccountDir, 'ca.crt'), 'utf8');
  } catch {
    throw notInCluster(`no service-account token and CA in ${environment.serviceAccountDir}`);
  }
  const hostPart = isIPv6(host) ? `[${host}]` : host;
  return { server: `https://${hostPart}:${port}`, caData, tokenFile, insecureSkipTLSVerify: false };
}
