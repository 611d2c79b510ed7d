/** Helpers shared by the server-side apply tests. */
import type { KubeObject, ManagedFieldsEntry } from '../../types.ts';
import { ApplyConflictError } from '../errors.ts';
import { fieldsetToPaths } from '../fieldset.ts';
import { applyServerSide } from '../server-side-apply.ts';
import { updateManagedFields } from '../update-managed-fields.ts';
import { DEPLOYMENT_META, deployment } from './fixtures.ts';

export const T0 = '2024-05-01T10:00:00Z';
export const T1 = '2024-05-01T11:00:00Z';

export function config(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', ...metadata },
    spec,
  };
}

export const webConfig = (
  overrides: { replicas?: number; image?: string; labels?: Record<string, string> } = {},
) =>
  config(
    {
      replicas: overrides.replicas ?? 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'nginx', image: overrides.image ?? 'nginx:1.25', ports: [{ containerPort: 80 }] },
          ],
        },
      },
    },
    { labels: overrides.labels ?? { app: 'web' } },
  );

export function apply(
  live: KubeObject | undefined,
  applied: KubeObject,
  manager: string,
  options: { force?: boolean; now?: string } = {},
) {
  return applyServerSide({
    live,
    applied,
    manager,
    force: options.force ?? false,
    meta: DEPLOYMENT_META,
    now: options.now ?? T0,
    apiVersion: 'apps/v1',
  }).object;
}

export function entry(object: KubeObject, manager: string): ManagedFieldsEntry | undefined {
  return object.metadata.managedFields?.find((candidate) => candidate.manager === manager);
}

export function owned(object: KubeObject, manager: string): string[] {
  return fieldsetToPaths(entry(object, manager)?.fieldsV1 ?? {});
}

export function conflictOf(run: () => unknown): ApplyConflictError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApplyConflictError) return error;
    throw error;
  }
  throw new Error('expected an ApplyConflictError');
}

/** A Deployment created by `kubectl create` (an Update by kubectl-client-side-apply). */
export function createdByClientSideApply(): KubeObject {
  return updateManagedFields({
    old: undefined,
    updated: deployment(),
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
    meta: DEPLOYMENT_META,
    now: T0,
    apiVersion: 'apps/v1',
  });
}
