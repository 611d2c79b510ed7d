import { ref } from 'vue';
import { testConnection } from '../../../api/clusters';
import type { ConnectionCheck, CredentialInput } from '../../../api/clusterTypes';
import { ApiError } from '../../../api/errors';

/**
 * Runs the server's connection test and keeps what to show: each check, the version reached,
 * and a failure that stopped the test before any check (a field the server refused).
 */
export function useConnectionTest() {
  const testing = ref(false);
  const checks = ref<ConnectionCheck[]>([]);
  const ok = ref(false);
  const version = ref<string | null>(null);
  const failure = ref<ApiError | null>(null);

  function reset(): void {
    checks.value = [];
    ok.value = false;
    version.value = null;
    failure.value = null;
  }

  async function run(credential: CredentialInput): Promise<void> {
    testing.value = true;
    reset();
    try {
      const result = await testConnection(credential);
      checks.value = result.checks;
      ok.value = result.ok;
      version.value = result.version;
    } catch (error) {
      failure.value = error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error));
      checks.value = checksOf(failure.value);
    } finally {
      testing.value = false;
    }
  }

  return { testing, checks, ok, version, failure, run, reset };
}

/** The checks a coded failure carries (registration answers them in details.checks). */
export function checksOf(error: ApiError): ConnectionCheck[] {
  const checks = error.details.checks;
  return Array.isArray(checks) ? (checks as ConnectionCheck[]) : [];
}
