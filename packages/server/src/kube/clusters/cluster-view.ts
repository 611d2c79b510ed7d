import { toIsoTime } from '../../core/clock.ts';
import type { ClusterHealth } from '../connections/cluster-connections.ts';
import type { CredentialType } from '../credentials/credential.ts';
import type { Cluster } from './schemas.ts';
import type { ClusterRow } from './store.ts';

function warningsOf(row: ClusterRow): Cluster['warnings'] {
  const warnings: Cluster['warnings'] = [];
  if (row.insecure_skip_tls_verify === 1) {
    warnings.push({
      code: 'INSECURE_SKIP_TLS_VERIFY',
      message:
        "TLS verification is off: Atrium cannot tell this cluster's API server from an impostor. Provide its CA certificate instead.",
    });
  }
  return warnings;
}

/** A cluster as the API shows it: metadata, the credential's public parts, the latest health. */
export function toCluster(row: ClusterRow, health: ClusterHealth): Cluster {
  return {
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    environment: row.environment,
    region: row.region,
    credential: {
      type: row.credential_type satisfies CredentialType,
      server: row.server,
      insecureSkipTLSVerify: row.insecure_skip_tls_verify === 1,
    },
    warnings: warningsOf(row),
    status: { ...health },
    createdAt: toIsoTime(row.created_at),
    updatedAt: toIsoTime(row.updated_at),
  };
}

/** What the audit log keeps of a cluster: no status (it is not a change), no secret. */
export function auditedCluster(row: ClusterRow): Record<string, unknown> {
  return {
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    environment: row.environment,
    region: row.region,
    // Not under a "credential…" key: the audit diff drops those as secret-looking.
    connection: {
      type: row.credential_type,
      server: row.server,
      insecureSkipTLSVerify: row.insecure_skip_tls_verify === 1,
      revision: row.credential_version,
    },
  };
}
