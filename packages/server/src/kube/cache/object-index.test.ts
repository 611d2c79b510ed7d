import { describe, expect, it } from 'vitest';
import { parseLabelSelector } from './label-selector.ts';
import { ObjectIndex } from './object-index.ts';

function pod(namespace: string, name: string, labels: Record<string, string>) {
  return { metadata: { namespace, name, labels } };
}

const names = (objects: { metadata?: { name?: string } }[]) => objects.map((o) => o.metadata?.name).sort();

describe('ObjectIndex', () => {
  it('selects by namespace and label selector, following relabels and deletions', () => {
    const index = new ObjectIndex();
    index.upsert(pod('shop', 'web-1', { app: 'web' }));
    index.upsert(pod('shop', 'api-1', { app: 'api' }));
    index.upsert(pod('blog', 'web-2', { app: 'web', tier: 'frontend' }));
    const web = parseLabelSelector('app=web');
    expect(names(index.select({ labelSelector: web }))).toEqual(['web-1', 'web-2']);
    expect(names(index.select({ namespace: 'shop', labelSelector: web }))).toEqual(['web-1']);
    expect(names(index.select({ labelSelector: parseLabelSelector('app in (api,web),!tier') }))).toEqual([
      'api-1',
      'web-1',
    ]);

    index.upsert(pod('shop', 'web-1', { app: 'api' }));
    expect(names(index.select({ labelSelector: web }))).toEqual(['web-2']);
    expect(index.remove('blog/web-2')?.metadata?.name).toBe('web-2');
    expect(index.select({ labelSelector: web })).toEqual([]);
    expect(index.select({ namespace: 'blog' })).toEqual([]);
    expect(index.size).toBe(2);
  });

  it('answers cluster-scoped objects keyed by name', () => {
    const index = new ObjectIndex();
    index.upsert({ metadata: { name: 'node-1', labels: { role: 'worker' } } });
    expect(index.get('node-1')?.metadata?.name).toBe('node-1');
    expect(names(index.select({ labelSelector: parseLabelSelector('role') }))).toEqual(['node-1']);
  });
});
