import { AppError } from '../../core/errors/app-error.ts';
import type { ConnectionPool } from '../connections/connection-pool.ts';
import { testConnection, type ConnectionTestResult } from '../connections/connection-tester.ts';
import type { CredentialInput, ParsedCredential } from '../credentials/credential.ts';
import type { InClusterEnvironment } from '../credentials/in-cluster.ts';
import { parseCredential } from '../credentials/parse-credential.ts';

/**
 * Parses a submitted credential and tests it against its cluster with a throw-away
 * connection, as registration and rotation do before anything is saved.
 */
export class CredentialChecker {
  readonly #pool: ConnectionPool;
  readonly #inCluster: InClusterEnvironment;

  constructor(pool: ConnectionPool, inCluster: InClusterEnvironment) {
    this.#pool = pool;
    this.#inCluster = inCluster;
  }

  parse(input: CredentialInput): Promise<ParsedCredential> {
    return parseCredential(input, this.#inCluster);
  }

  async test(name: string, credential: ParsedCredential): Promise<ConnectionTestResult> {
    const kubeConfig = this.#pool.detached(name, credential.spec);
    try {
      return await testConnection(kubeConfig);
    } finally {
      await kubeConfig.destroy();
    }
  }

  /** Parses and tests; throws the first failure, with every check in its details. */
  async verify(
    name: string,
    input: CredentialInput,
  ): Promise<{ credential: ParsedCredential; test: ConnectionTestResult }> {
    const credential = await this.parse(input);
    const test = await this.test(name, credential);
    if (test.failure) {
      const { code, statusCode, message, details } = test.failure;
      throw new AppError(code, statusCode, message, { ...details, checks: test.checks });
    }
    return { credential, test };
  }
}
