/** @kubernetes/client-node listing every pod with limit=500 pages over HTTPS. */
import type * as k8s from '@kubernetes/client-node';

export interface PagedListResult {
  ms: number;
  items: number;
  pages: number;
  /** The resourceVersion of the first page (where a watch may start). */
  resourceVersion: string;
}

export async function listAllPods(core: k8s.CoreV1Api, limit = 500): Promise<PagedListResult> {
  const start = performance.now();
  let token: string | undefined;
  let items = 0;
  let pages = 0;
  let resourceVersion = '';
  do {
    const page = await core.listPodForAllNamespaces({ limit, _continue: token });
    if (pages === 0) resourceVersion = page.metadata?.resourceVersion ?? '';
    items += page.items.length;
    pages++;
    token = page.metadata?._continue;
  } while (token);
  return { ms: performance.now() - start, items, pages, resourceVersion };
}
