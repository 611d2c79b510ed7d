import { describe, expect, it } from 'vitest';
import { startTestCore } from '../testing/test-core.ts';
import type { Controller } from '../controllers/controller.ts';
import type { ClusterExtension } from './extensions.ts';

describe('cluster extensions', () => {
  it('install admission plugins before bootstrap and start their controllers with the cluster', async () => {
    const started: string[] = [];
    const controller: Controller = {
      name: 'recorder',
      start: (context) => {
        started.push(context.clusterName);
      },
      stop: () => {},
    };
    const extension: ClusterExtension = {
      name: 'test-extension',
      install: async (core) => {
        core.admission.register({
          name: 'StampNamespaces',
          mutate: (request) => {
            if (request.operation === 'CREATE' && request.kind.kind === 'Namespace' && request.object) {
              request.object.metadata.annotations = { stamped: 'yes' };
            }
          },
        });
        await core.controllers.add(controller);
      },
    };
    const t = await startTestCore({ extensions: [extension] });
    try {
      expect(t.core.store.get('/namespaces', '', 'kube-system')?.metadata.annotations).toEqual({
        stamped: 'yes',
      });
      expect(started).toEqual(['test']);
      expect(t.core.controllers.names()).toEqual([
        'recorder',
        'garbage-collector',
        'namespace',
        'customresourcedefinitions',
      ]);
    } finally {
      await t.stop();
    }
  });
});
