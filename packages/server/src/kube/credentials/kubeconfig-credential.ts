import { parse } from 'yaml';
import { validationFailed } from '../../core/errors/errors.ts';
import type { ConnectionSpec } from '../connections/connection-spec.ts';
import { certificatePem, privateKeyPem, serverUrl } from './pem.ts';

const FIELD = 'credential.kubeconfig';
type Entry = Record<string, unknown>;

interface Named {
  name: string;
  body: Entry;
}

function invalid(message: string) {
  return validationFailed(FIELD, `${FIELD} ${message}`);
}

function namedList(config: Entry, key: string, inner: string): Named[] {
  const list = config[key] ?? [];
  if (!Array.isArray(list)) throw invalid(`is malformed: "${key}" must be a list`);
  return list.map((item, index) => {
    const entry = (item ?? {}) as Entry;
    if (typeof entry['name'] !== 'string') throw invalid(`is malformed: ${key}[${index}] has no name`);
    return { name: entry['name'], body: (entry[inner] ?? {}) as Entry };
  });
}

function parseYaml(text: string): Entry {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const reason = ((error as Error).message ?? '').split('\n')[0];
    throw invalid(`is not valid YAML: ${reason}`);
  }
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    throw invalid('is not a kubeconfig (expected a YAML document with clusters, users and contexts)');
  }
  return document as Entry;
}

function chooseContext(config: Entry, contexts: Named[], requested: string | undefined): Named {
  if (contexts.length === 0) throw invalid('has no contexts');
  const names = contexts.map((c) => c.name).join(', ');
  if (requested !== undefined) {
    const found = contexts.find((c) => c.name === requested);
    if (!found) {
      throw validationFailed(
        'credential.context',
        `credential.context "${requested}" is not in the kubeconfig (it has: ${names})`,
      );
    }
    return found;
  }
  const current = config['current-context'];
  const chosen =
    typeof current === 'string' && current ? contexts.find((c) => c.name === current) : undefined;
  if (chosen) return chosen;
  if (contexts.length === 1) return contexts[0] as Named;
  throw validationFailed(
    'credential.context',
    `credential.context is required: the kubeconfig has several contexts (${names})`,
  );
}

/** Refuses what Atrium must not do for an uploaded file: run programs or read local files. */
function refuseUnsafe(kind: 'cluster' | 'user', name: string, body: Entry): void {
  const where = `${kind} "${name}"`;
  if (body['exec'] !== undefined) {
    throw invalid(
      `${where} authenticates with an exec plugin; Atrium does not run programs from uploaded kubeconfigs. Use a token or client-certificate credential instead`,
    );
  }
  if (body['auth-provider'] !== undefined) {
    throw invalid(
      `${where} authenticates with an auth-provider plugin; Atrium does not run them for uploaded kubeconfigs. Use a token or client-certificate credential instead`,
    );
  }
  for (const key of ['certificate-authority', 'client-certificate', 'client-key', 'tokenFile']) {
    if (body[key] !== undefined) {
      throw invalid(
        `${where} refers to a file (${key}); Atrium does not read files named in uploaded kubeconfigs: embed the data instead (${key}-data)`,
      );
    }
  }
  if (body['proxy-url'] !== undefined)
    throw invalid(`${where} uses proxy-url, which Atrium does not support`);
}

function text(body: Entry, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export interface KubeconfigCredential {
  context: string;
  spec: ConnectionSpec;
}

/**
 * The chosen context of an uploaded kubeconfig, reduced to one cluster and one user. Errors
 * name the field: `credential.kubeconfig` for what is wrong inside it, `credential.context`
 * for the choice, `credential.insecureSkipTLSVerify` when it turns TLS verification off.
 */
export function parseKubeconfigCredential(
  kubeconfig: string,
  requestedContext: string | undefined,
  insecureAccepted: boolean,
): KubeconfigCredential {
  const config = parseYaml(kubeconfig);
  const context = chooseContext(config, namedList(config, 'contexts', 'context'), requestedContext);
  const clusterName = text(context.body, 'cluster');
  const userName = text(context.body, 'user');
  const cluster = namedList(config, 'clusters', 'cluster').find((c) => c.name === clusterName);
  if (!cluster)
    throw invalid(
      `is invalid: context "${context.name}" names cluster "${clusterName ?? ''}", which it does not define`,
    );
  const user = namedList(config, 'users', 'user').find((u) => u.name === userName);
  if (!user)
    throw invalid(
      `is invalid: context "${context.name}" names user "${userName ?? ''}", which it does not define`,
    );
  refuseUnsafe('cluster', cluster.name, cluster.body);
  refuseUnsafe('user', user.name, user.body);

  const server = text(cluster.body, 'server');
  if (!server) throw invalid(`is invalid: cluster "${cluster.name}" has no server`);
  const insecure = cluster.body['insecure-skip-tls-verify'] === true;
  if (insecure && !insecureAccepted) {
    throw validationFailed(
      'credential.insecureSkipTLSVerify',
      'The kubeconfig turns TLS verification off (insecure-skip-tls-verify); set credential.insecureSkipTLSVerify to true to accept that explicitly',
    );
  }
  const spec: ConnectionSpec = { server: serverUrl(server, FIELD), insecureSkipTLSVerify: insecure };
  const ca = text(cluster.body, 'certificate-authority-data');
  if (ca) spec.caData = certificatePem(ca, `${FIELD} (certificate-authority-data)`);
  const tlsServerName = text(cluster.body, 'tls-server-name');
  if (tlsServerName) spec.tlsServerName = tlsServerName;

  const token = text(user.body, 'token');
  const cert = text(user.body, 'client-certificate-data');
  const key = text(user.body, 'client-key-data');
  const username = text(user.body, 'username');
  if (token) spec.token = token;
  if (cert || key) {
    if (!cert || !key)
      throw invalid(`is invalid: user "${user.name}" needs both client-certificate-data and client-key-data`);
    spec.certData = certificatePem(cert, `${FIELD} (client-certificate-data)`);
    spec.keyData = privateKeyPem(key, `${FIELD} (client-key-data)`);
  }
  if (username) {
    spec.username = username;
    spec.password = text(user.body, 'password') ?? '';
  }
  if (!token && !cert && !username) {
    throw invalid(`is invalid: user "${user.name}" has no token or client certificate`);
  }
  return { context: context.name, spec };
}
