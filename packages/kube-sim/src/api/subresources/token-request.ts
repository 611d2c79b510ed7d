/**
 * serviceaccounts/token (authentication.k8s.io/v1 TokenRequest): issues a bound token that
 * authenticates as system:serviceaccount:<ns>:<name> until it expires or its service account
 * (or bound pod) is deleted.
 */
import type { KubeObject } from '../../types.ts';
import { DEFAULT_AUDIENCE, type ServiceAccountTokens } from '../../auth/service-account-tokens.ts';
import { requireObject, type ApiDeps } from '../api-deps.ts';
import { invalid } from '../errors.ts';
import { timestamp } from '../request-context.ts';
import type { SubresourceHandler } from '../resource-api.ts';

const MIN_EXPIRATION_SECONDS = 600;
const DEFAULT_EXPIRATION_SECONDS = 3600;

interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string };
}

export function tokenRequestHandler(deps: ApiDeps, tokens: ServiceAccountTokens): SubresourceHandler {
  return {
    create: (kind, namespace, name, body) => {
      const sa = requireObject(deps, kind, namespace, name);
      const request = (body ?? {}) as KubeObject & { spec?: TokenRequestSpec };
      const spec: TokenRequestSpec = { ...(request.spec ?? {}) };
      const expirationSeconds =
        typeof spec.expirationSeconds === 'number' ? spec.expirationSeconds : DEFAULT_EXPIRATION_SECONDS;
      if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
        throw invalid({ group: 'authentication.k8s.io', kind: 'TokenRequest' }, name, [
          {
            reason: 'FieldValueInvalid',
            message: `Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes`,
            field: 'spec.expirationSeconds',
          },
        ]);
      }
      const audiences =
        Array.isArray(spec.audiences) && spec.audiences.length > 0 ? spec.audiences : [DEFAULT_AUDIENCE];
      const bound = spec.boundObjectRef;
      let pod: { name: string; uid: string } | undefined;
      if (bound?.kind === 'Pod' && typeof bound.name === 'string') {
        const podKind = deps.registry.lookup('', 'v1', 'pods');
        const boundPod =
          podKind === undefined ? undefined : requireObject(deps, podKind, namespace, bound.name);
        pod = { name: bound.name, uid: boundPod?.metadata.uid ?? bound.uid ?? '' };
      }
      const issued = tokens.issue({
        namespace,
        serviceAccount: { name, uid: sa.metadata.uid ?? '' },
        ...(pod === undefined ? {} : { pod }),
        audiences,
        expirationSeconds,
      });
      return {
        kind: 'TokenRequest',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { name, namespace, creationTimestamp: null },
        spec: { ...spec, audiences, expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
        status: { token: issued.token, expirationTimestamp: timestamp(issued.expirationTimestamp) },
      };
    },
  };
}
