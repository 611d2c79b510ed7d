import { describe, expect, it } from 'vitest';
import { UNKNOWN_PATCH_META } from '../schema/patch-meta.ts';
import { PatchError } from './errors.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';
import {
  DEPLOYMENT_META,
  NODE_META,
  SERVICE_META,
  asDeployment,
  deployment,
  node,
  service,
} from './testdata/fixtures.ts';

function patchError(run: () => unknown): PatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof PatchError) return error;
    throw error;
  }
  throw new Error('expected a PatchError');
}

function patchDeployment(patch: unknown) {
  return asDeployment(applyStrategicMergePatch(deployment(), patch, DEPLOYMENT_META));
}

const containersPatch = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
  spec: { template: { spec: { containers, ...extra } } },
});

describe('applyStrategicMergePatch: keyed lists', () => {
  it('changes one container image and keeps the other container and the untouched fields', () => {
    const result = patchDeployment(containersPatch([{ name: 'metrics', image: 'prom/nginx-exporter:1.0' }]));
    const [nginx, metrics] = result.spec.template.spec.containers;
    expect(metrics?.image).toBe('prom/nginx-exporter:1.0');
    expect(nginx).toEqual(asDeployment(deployment()).spec.template.spec.containers[0]);
    expect(metrics?.ports).toEqual([{ containerPort: 9113, protocol: 'TCP' }]);
  });

  it('merges env by name inside a container', () => {
    const result = patchDeployment(
      containersPatch([
        {
          name: 'nginx',
          env: [
            { name: 'LOG_LEVEL', value: 'debug' },
            { name: 'NEW', value: '1' },
          ],
        },
      ]),
    );
    expect(result.spec.template.spec.containers[0]?.env).toEqual([
      { name: 'MODE', value: 'production' },
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'NEW', value: '1' },
    ]);
  });

  it('puts a container added without $setElementOrder first, as the real merge does', () => {
    const result = patchDeployment(containersPatch([{ name: 'sidecar', image: 'busybox' }]));
    expect(result.spec.template.spec.containers.map((c) => c.name)).toEqual(['sidecar', 'nginx', 'metrics']);
  });

  it('removes a container with $patch: delete', () => {
    const result = patchDeployment(containersPatch([{ name: 'metrics', $patch: 'delete' }]));
    expect(result.spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx']);
  });

  it('replaces the whole list with a $patch: replace item', () => {
    const result = patchDeployment(
      containersPatch([{ $patch: 'replace' }, { name: 'only', image: 'busybox' }]),
    );
    expect(result.spec.template.spec.containers).toEqual([{ name: 'only', image: 'busybox' }]);
  });

  it('reorders containers with $setElementOrder', () => {
    const result = patchDeployment({
      spec: {
        template: { spec: { '$setElementOrder/containers': [{ name: 'metrics' }, { name: 'nginx' }] } },
      },
    });
    expect(result.spec.template.spec.containers.map((c) => c.name)).toEqual(['metrics', 'nginx']);
  });

  it('places a new container where $setElementOrder says', () => {
    const result = patchDeployment({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }, { name: 'metrics' }],
            containers: [{ name: 'sidecar', image: 'busybox' }],
          },
        },
      },
    });
    expect(result.spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx', 'sidecar', 'metrics']);
  });

  it('merges service ports by port number', () => {
    const result = applyStrategicMergePatch(
      service(),
      { spec: { ports: [{ port: 443, targetPort: 9443 }] } },
      SERVICE_META,
    ) as {
      spec: { ports: unknown[] };
    };
    expect(result.spec.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 9443 },
    ]);
  });

  it('replaces lists without a merge strategy, such as node taints', () => {
    const result = applyStrategicMergePatch(
      node(),
      { spec: { taints: [{ key: 'maintenance', effect: 'NoExecute' }] } },
      NODE_META,
    ) as {
      spec: { taints: unknown[] };
    };
    expect(result.spec.taints).toEqual([{ key: 'maintenance', effect: 'NoExecute' }]);
  });
});

describe('applyStrategicMergePatch: primitive lists and maps', () => {
  it('merges finalizers as a set and removes one with $deleteFromPrimitiveList', () => {
    const added = patchDeployment({
      metadata: { finalizers: ['example.com/protect', 'example.com/backup'] },
    });
    expect(added.metadata.finalizers).toEqual(['example.com/protect', 'example.com/backup']);
    const removed = patchDeployment({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/protect'] },
    });
    expect(removed.metadata.finalizers).toEqual([]);
  });

  it('deletes a label with null', () => {
    const result = patchDeployment({ metadata: { labels: { tier: null } } });
    expect(result.metadata.labels).toEqual({ app: 'web' });
  });

  it('switches the strategy to Recreate with $retainKeys, dropping rollingUpdate', () => {
    // kubectl sends the null too; $retainKeys alone must already clear the unlisted key.
    for (const strategy of [{ type: 'Recreate', rollingUpdate: null }, { type: 'Recreate' }]) {
      const result = patchDeployment({ spec: { strategy: { $retainKeys: ['type'], ...strategy } } });
      expect(result.spec.strategy).toEqual({ type: 'Recreate' });
    }
  });

  it('refuses a $retainKeys list that omits a key the patch sets (400)', () => {
    const error = patchError(() =>
      patchDeployment({ spec: { strategy: { $retainKeys: ['rollingUpdate'], type: 'Recreate' } } }),
    );
    expect(error.toStatus()).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'invalid patch format of retainKeys',
    });
  });

  it('empties a map with $patch: delete and replaces one with $patch: replace', () => {
    const emptied = patchDeployment({ metadata: { labels: { $patch: 'delete' } } });
    expect(emptied.metadata.labels).toEqual({});
    const replaced = patchDeployment({ metadata: { labels: { $patch: 'replace', only: 'this' } } });
    expect(replaced.metadata.labels).toEqual({ only: 'this' });
  });

  it('never leaves directives or nulls in values it adds', () => {
    const result = patchDeployment({
      spec: {
        template: {
          spec: { nodeSelector: { disk: 'ssd', zone: null }, securityContext: { $patch: 'replace' } },
        },
      },
    }) as unknown as { spec: { template: { spec: Record<string, unknown> } } };
    expect(result.spec.template.spec.nodeSelector).toEqual({ disk: 'ssd' });
    const appended = patchDeployment(containersPatch([{ name: 'sidecar', image: 'envoy', command: null }]));
    expect(appended.spec.template.spec.containers[0]).toEqual({ name: 'sidecar', image: 'envoy' });
    expect(result.spec.template.spec).not.toHaveProperty('securityContext');
  });

  it('merges fields without schema like a merge patch', () => {
    const original = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { a: { b: 1 }, list: [1, 2] },
    };
    const result = applyStrategicMergePatch(
      original,
      { spec: { a: { c: 2 }, list: [3] } },
      UNKNOWN_PATCH_META,
    );
    expect(result).toEqual({ ...original, spec: { a: { b: 1, c: 2 }, list: [3] } });
  });
});

describe('applyStrategicMergePatch: errors as the apiserver reports them', () => {
  it('answers a bare 500 for an item without its merge key', () => {
    const error = patchError(() => patchDeployment(containersPatch([{ image: 'busybox' }])));
    expect(error.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'map: map[image:busybox] does not contain declared merge key: name',
      code: 500,
    });
  });

  it('refuses $patch: merge in a list', () => {
    const error = patchError(() => patchDeployment(containersPatch([{ name: 'nginx', $patch: 'merge' }])));
    expect(error.message).toBe('merging lists cannot yet be specified in the patch');
  });

  it('answers 422 for lists of lists', () => {
    const withoutFinalizers = deployment();
    withoutFinalizers.metadata.finalizers = [];
    const error = patchError(() =>
      applyStrategicMergePatch(withoutFinalizers, { metadata: { finalizers: [['a']] } }, DEPLOYMENT_META),
    );
    expect(error.code).toBe(422);
    expect(error.serverMessage).toBe('lists of lists are not supported');
  });

  it('refuses list items of different types', () => {
    const error = patchError(() => patchDeployment({ metadata: { finalizers: [1] } }));
    expect(error.message).toBe('list element types are not identical: [[example.com/protect] [1]]');
  });

  it('answers 400 for a body that is not an object', () => {
    const error = patchError(() => patchDeployment(['x']));
    expect(error.message).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
  });
});
