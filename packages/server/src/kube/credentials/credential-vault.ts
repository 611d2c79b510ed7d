import type { SecretBox } from '../../core/crypto/secret-box.ts';
import type { ConnectionSpec } from '../connections/connection-spec.ts';
import type { StoredCredential } from './credential.ts';
import { inClusterSpec, type InClusterEnvironment } from './in-cluster.ts';

/** Bound into the ciphertext, so one cluster's sealed credential cannot be replayed as another's. */
const purpose = (clusterName: string) => `cluster-credential:${clusterName}`;

/** Seals credentials for the database and opens them into connection specs. */
export class CredentialVault {
  readonly #box: SecretBox;
  readonly #inCluster: InClusterEnvironment;

  constructor(box: SecretBox, inCluster: InClusterEnvironment) {
    this.#box = box;
    this.#inCluster = inCluster;
  }

  seal(clusterName: string, credential: StoredCredential): string {
    return this.#box.seal(JSON.stringify(credential), purpose(clusterName));
  }

  open(clusterName: string, sealed: string): StoredCredential {
    return JSON.parse(this.#box.openText(sealed, purpose(clusterName))) as StoredCredential;
  }

  /** How to connect with a stored credential now (an in-cluster one is re-read from the pod). */
  async connectionSpec(credential: StoredCredential): Promise<ConnectionSpec> {
    return credential.type === 'in-cluster' ? inClusterSpec(this.#inCluster) : credential.connection;
  }
}
