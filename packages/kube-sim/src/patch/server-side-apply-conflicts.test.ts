import { describe, expect, it } from 'vitest';
import { ApplyConflictError } from './errors.ts';
import { T0, apply, config, conflictOf, createdByClientSideApply, owned } from './testdata/apply-helpers.ts';
import { DEPLOYMENT_META, asDeployment, deployment } from './testdata/fixtures.ts';
import { updateManagedFields } from './update-managed-fields.ts';

describe('applyServerSide: conflicts', () => {
  it('refuses to change a field another manager owns, with the apiserver message', () => {
    const error = conflictOf(() => apply(createdByClientSideApply(), config({ replicas: 5 }), 'deployer'));
    expect(error.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    expect(error.conflicts).toEqual([{ manager: 'kubectl-client-side-apply', field: '.spec.replicas' }]);
    expect(error.toStatus()).toMatchObject({
      code: 409,
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-client-side-apply" using apps/v1',
            field: '.spec.replicas',
          },
        ],
      },
    });
  });

  it('lists several conflicts per manager', () => {
    const applied = config({
      replicas: 5,
      template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    });
    const error = conflictOf(() => apply(createdByClientSideApply(), applied, 'deployer'));
    expect(error.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
        '- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('shares ownership instead of conflicting when the value is the same', () => {
    const live = apply(createdByClientSideApply(), config({ replicas: 3 }), 'deployer');
    expect(owned(live, 'deployer')).toEqual(['.spec.replicas']);
    expect(owned(live, 'kubectl-client-side-apply')).toContain('.spec.replicas');
  });

  it('takes the field away from its owner when forced', () => {
    const live = apply(createdByClientSideApply(), config({ replicas: 5 }), 'deployer', { force: true });
    expect(asDeployment(live).spec.replicas).toBe(5);
    expect(owned(live, 'deployer')).toEqual(['.spec.replicas']);
    expect(owned(live, 'kubectl-client-side-apply')).not.toContain('.spec.replicas');
  });

  it('lets kubectl take over fields its client-side apply set, and keeps the annotation in step', () => {
    const lastApplied = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 3 },
    });
    const csaObject = deployment();
    csaObject.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied };
    const live = updateManagedFields({
      old: undefined,
      updated: csaObject,
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      meta: DEPLOYMENT_META,
      now: T0,
      apiVersion: 'apps/v1',
    });
    const upgraded = apply(live, config({ replicas: 4 }), 'kubectl');
    expect(asDeployment(upgraded).spec.replicas).toBe(4);
    expect(upgraded.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":4}}\n',
    );
    expect(() => apply(live, config({ replicas: 4 }), 'ci-bot')).toThrow(ApplyConflictError);
  });
});
