import { parse } from 'yaml';

export interface KubeconfigContext {
  name: string;
  cluster: string;
  user: string;
  namespace: string;
  /** The API server the context's cluster points at. */
  server: string;
}

export interface ParsedKubeconfig {
  contexts: KubeconfigContext[];
  currentContext: string;
  /** Why the text could not be read as a kubeconfig; '' when it could. */
  error: '' | 'yaml' | 'notKubeconfig' | 'noContexts';
}

interface Named<T> {
  name?: string;
  [key: string]: T | string | undefined;
}

/**
 * The contexts of a pasted or uploaded kubeconfig, read in the browser so the user can pick one
 * before anything is sent. The server checks the file again (and refuses exec plugins and file
 * references); this is only for the picker.
 */
export function readKubeconfigContexts(text: string): ParsedKubeconfig {
  const empty = { contexts: [], currentContext: '' };
  let document: unknown;
  try {
    document = parse(text);
  } catch {
    return { ...empty, error: 'yaml' };
  }
  if (!document || typeof document !== 'object' || !('contexts' in document || 'clusters' in document)) {
    return { ...empty, error: 'notKubeconfig' };
  }
  const config = document as {
    contexts?: Named<{ cluster?: string; user?: string; namespace?: string }>[];
    clusters?: Named<{ server?: string }>[];
    'current-context'?: string;
  };
  const servers = new Map(
    (config.clusters ?? []).map((c) => [
      c.name ?? '',
      (c.cluster as { server?: string } | undefined)?.server ?? '',
    ]),
  );
  const contexts = (config.contexts ?? [])
    .filter((c) => typeof c?.name === 'string')
    .map((c) => {
      const context = (c.context ?? {}) as { cluster?: string; user?: string; namespace?: string };
      return {
        name: c.name!,
        cluster: context.cluster ?? '',
        user: context.user ?? '',
        namespace: context.namespace ?? '',
        server: servers.get(context.cluster ?? '') ?? '',
      };
    });
  if (!contexts.length) return { ...empty, error: 'noContexts' };
  const current = config['current-context'] ?? '';
  return {
    contexts,
    currentContext: contexts.some((c) => c.name === current) ? current : contexts[0]!.name,
    error: '',
  };
}
