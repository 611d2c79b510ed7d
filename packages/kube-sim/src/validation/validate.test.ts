import { describe, expect, it } from 'vitest';
import type { KubeObject, StatusCause } from '../types.ts';
import { applyDefaults } from './defaults.ts';
import { causeText } from './field-errors.ts';
import { validateObjectName } from './object-meta.ts';
import { invalidStatus } from './status.ts';
import { validateCreate, validateUpdate } from './validate.ts';

const DEPLOYMENT = { group: 'apps', kind: 'Deployment', namespaced: true };
const POD = { group: '', kind: 'Pod', namespaced: true };
const DAEMONSET = { group: 'apps', kind: 'DaemonSet', namespaced: true };
const SERVICE = { group: '', kind: 'Service', namespaced: true };

function deployment(spec: object, name = 'web'): KubeObject {
  return applyDefaults(DEPLOYMENT, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec,
  });
}

const template = (
  labels: Record<string, string>,
  containers: object[] = [{ name: 'web', image: 'nginx' }],
) => ({
  metadata: { labels },
  spec: { containers },
});

const texts = (causes: StatusCause[]) => causes.map(causeText);

describe('object names', () => {
  it('rejects a name that is not a DNS subdomain with the real message', () => {
    expect(validateObjectName({ group: 'apps', kind: 'Deployment' }, 'Foo_Bar')).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message:
          "Invalid value: \"Foo_Bar\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
    ]);
  });

  it('holds namespaces to DNS labels and services to DNS-1035 labels', () => {
    expect(validateObjectName({ group: '', kind: 'Namespace' }, 'team.a')[0]?.message).toBe(
      "Invalid value: \"team.a\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
    expect(validateObjectName({ group: '', kind: 'Namespace' }, 'team-a')).toEqual([]);
    expect(validateObjectName({ group: '', kind: 'Service' }, '1web')[0]?.message).toContain(
      'a DNS-1035 label must consist of',
    );
    expect(
      validateObjectName({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, 'system:controller'),
    ).toEqual([]);
    expect(validateObjectName({ group: '', kind: 'Pod' }, 'a'.repeat(254))[0]?.message).toContain(
      'must be no more than 253 characters',
    );
  });

  it('requires a name or generateName', () => {
    const causes = validateCreate(
      { group: '', kind: 'ConfigMap' },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
    );
    expect(texts(causes)).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('checks label keys and values', () => {
    const causes = validateCreate(
      { group: '', kind: 'ConfigMap' },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', labels: { 'bad key': 'ok', good: 'bad value!' } },
      },
    );
    expect(causes.map((c) => [c.reason, c.field])).toEqual([
      ['FieldValueInvalid', 'metadata.labels'],
      ['FieldValueInvalid', 'metadata.labels'],
    ]);
    expect(causes[0]?.message).toMatch(
      /^Invalid value: "bad key": name part must consist of alphanumeric characters/,
    );
    expect(causes[1]?.message).toMatch(
      /^Invalid value: "bad value!": a valid label must be an empty string or consist of/,
    );
  });
});

describe('deployments', () => {
  it('requires a selector, and a missing one matches no template labels (labels.Nothing())', () => {
    const causes = validateCreate(DEPLOYMENT, deployment({ template: template({ app: 'web' }) }));
    expect(texts(causes)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    const unlabelled = validateCreate(DEPLOYMENT, deployment({ template: { spec: template({}).spec } }));
    expect(texts(unlabelled)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
    ]);
  });

  it('never asks a DaemonSet for a selector, but still finds its labels unmatched', () => {
    const daemonSet = applyDefaults(DAEMONSET, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { template: template({ app: 'agent' }) },
    });
    expect(texts(validateCreate(DAEMONSET, daemonSet))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`',
    ]);
  });

  it('requires the template labels to match the selector', () => {
    const causes = validateCreate(
      DEPLOYMENT,
      deployment({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'api' }) }),
    );
    expect(texts(causes)).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
    ]);
  });

  it('accepts a well-formed deployment and reports container problems under the template path', () => {
    expect(
      validateCreate(
        DEPLOYMENT,
        deployment({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) }),
      ),
    ).toEqual([]);
    const causes = validateCreate(
      DEPLOYMENT,
      deployment({
        selector: { matchLabels: { app: 'web' } },
        template: template({ app: 'web' }, [
          { name: 'web' },
          { name: 'web', image: 'x', imagePullPolicy: 'Sometimes' },
        ]),
      }),
    );
    expect(causes).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: 'spec.template.spec.containers[0].image',
      },
      {
        reason: 'FieldValueNotSupported',
        message: 'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
        field: 'spec.template.spec.containers[1].imagePullPolicy',
      },
      {
        reason: 'FieldValueDuplicate',
        message: 'Duplicate value: "web"',
        field: 'spec.template.spec.containers[1].name',
      },
    ]);
  });

  it('rejects negative replicas, a Never restart policy and surge and unavailability both 0', () => {
    const causes = validateCreate(
      DEPLOYMENT,
      deployment({
        replicas: -1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          ...template({ app: 'web' }),
          spec: { containers: [{ name: 'web', image: 'nginx' }], restartPolicy: 'Never' },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
      }),
    );
    expect(texts(causes)).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('keeps the selector immutable', () => {
    const old = deployment({
      selector: { matchLabels: { app: 'web' } },
      template: template({ app: 'web', v: '2' }),
    });
    const changed = deployment({
      selector: { matchLabels: { app: 'web', v: '2' } },
      template: template({ app: 'web', v: '2' }),
    });
    expect(texts(validateUpdate(DEPLOYMENT, changed, old))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe('the 422 Status', () => {
  it('prints one cause without brackets and several inside them', () => {
    const one = invalidStatus({ group: 'apps', kind: 'Deployment' }, 'web', [
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' },
    ]);
    expect(one).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Invalid',
      code: 422,
      message: 'Deployment.apps "web" is invalid: spec.selector: Required value',
      details: { name: 'web', group: 'apps', kind: 'Deployment' },
    });
    const several = invalidStatus({ group: '', kind: 'Pod' }, 'p', [
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' },
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' },
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[1].image' },
    ]);
    expect(several.message).toBe(
      'Pod "p" is invalid: [spec.containers[0].image: Required value, spec.containers[1].image: Required value]',
    );
    expect(several.details?.causes).toHaveLength(3);
  });
});

describe('pods', () => {
  const pod = (spec: object): KubeObject =>
    applyDefaults(POD, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

  it('requires containers, names and images, and known volumes', () => {
    expect(texts(validateCreate(POD, pod({ containers: [] })))).toEqual(['spec.containers: Required value']);
    expect(
      texts(
        validateCreate(
          POD,
          pod({ containers: [{ image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }),
        ),
      ),
    ).toEqual([
      'spec.containers[0].name: Required value',
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ]);
  });

  it('checks ports and resource requests against limits', () => {
    const causes = validateCreate(
      POD,
      pod({
        containers: [
          {
            name: 'app',
            image: 'nginx',
            ports: [{ containerPort: 70000, protocol: 'HTTP' }],
            resources: { requests: { cpu: '2' }, limits: { cpu: '1' } },
          },
        ],
      }),
    );
    expect(texts(causes)).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
  });

  it('lets an update change images and add tolerations, nothing else', () => {
    const old = pod({ containers: [{ name: 'app', image: 'nginx:1' }] });
    const newImage = structuredClone(old);
    (newImage.spec as { containers: Array<{ image: string }> }).containers[0]!.image = 'nginx:2';
    expect(validateUpdate(POD, newImage, old)).toEqual([]);
    const moreTolerations = structuredClone(old);
    (moreTolerations.spec as { tolerations: object[] }).tolerations.push({ key: 'gpu', operator: 'Exists' });
    expect(validateUpdate(POD, moreTolerations, old)).toEqual([]);
    const newPolicy = structuredClone(old);
    (newPolicy.spec as { restartPolicy: string }).restartPolicy = 'Never';
    const causes = validateUpdate(POD, newPolicy, old);
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({ reason: 'FieldValueForbidden', field: 'spec' });
    expect(causes[0]?.message).toMatch(
      /^Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
  });

  it('keeps name and namespace fixed', () => {
    const old = pod({ containers: [{ name: 'app', image: 'nginx' }] });
    old.metadata.namespace = 'default';
    const moved = structuredClone(old);
    moved.metadata.namespace = 'other';
    expect(texts(validateUpdate(POD, moved, old))).toEqual([
      'metadata.namespace: Invalid value: "other": field is immutable',
    ]);
  });
});

describe('services', () => {
  const service = (spec: object): KubeObject =>
    applyDefaults(SERVICE, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec });

  it('requires ports, and names when there are several', () => {
    expect(texts(validateCreate(SERVICE, service({ selector: { app: 'web' } })))).toEqual([
      'spec.ports: Required value',
    ]);
    expect(texts(validateCreate(SERVICE, service({ ports: [{ port: 80 }, { port: 443 }] })))).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[1].name: Required value',
    ]);
    expect(texts(validateCreate(SERVICE, service({ type: 'Magic', ports: [{ port: 80 }] })))).toEqual([
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('keeps the cluster IP once set', () => {
    const old = service({ ports: [{ port: 80 }], clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
    const changed = service({ ports: [{ port: 80 }], clusterIP: '10.96.0.11', clusterIPs: ['10.96.0.11'] });
    expect(texts(validateUpdate(SERVICE, changed, old))).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
    ]);
    const unset = service({ ports: [{ port: 80 }] });
    expect(validateUpdate(SERVICE, unset, old)).toEqual([]);
  });
});

describe('other immutable fields', () => {
  it('freezes config maps marked immutable', () => {
    const kind = { group: '', kind: 'ConfigMap' };
    const old: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      immutable: true,
      data: { a: '1' },
    };
    const changed = { ...old, data: { a: '2' } };
    expect(texts(validateUpdate(kind, changed, old))).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it('freezes a claim’s spec except its storage request', () => {
    const kind = { group: '', kind: 'PersistentVolumeClaim' };
    const old: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
        storageClassName: 'standard',
      },
    };
    const bigger = structuredClone(old);
    (bigger.spec as { resources: { requests: { storage: string } } }).resources.requests.storage = '2Gi';
    expect(validateUpdate(kind, bigger, old)).toEqual([]);
    const otherClass = structuredClone(old);
    (otherClass.spec as { storageClassName: string }).storageClassName = 'fast';
    expect(texts(validateUpdate(kind, otherClass, old))).toEqual([
      'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    ]);
  });

  it('freezes a job’s template and a binding’s role', () => {
    const job = (image: string): KubeObject =>
      applyDefaults(
        { group: 'batch', kind: 'Job' },
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'pi', uid: 'u1' },
          spec: { template: { spec: { containers: [{ name: 'pi', image }], restartPolicy: 'Never' } } },
        },
      );
    expect(texts(validateUpdate({ group: 'batch', kind: 'Job' }, job('perl:2'), job('perl:1')))).toEqual([
      'spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable',
    ]);
    const binding = (role: string): KubeObject => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'User', name: 'alice' }],
    });
    expect(
      texts(
        validateUpdate(
          { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
          binding('edit'),
          binding('view'),
        ),
      ),
    ).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    ]);
  });

  it('rejects a job whose pods would restart forever and a malformed cron schedule', () => {
    const job = applyDefaults(
      { group: 'batch', kind: 'Job' },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'pi' },
        spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } },
      },
    );
    expect(texts(validateCreate({ group: 'batch', kind: 'Job' }, job))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ]);
    const cron: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: {
        schedule: 'every minute',
        jobTemplate: {
          spec: { template: { spec: { containers: [{ name: 'a', image: 'a' }], restartPolicy: 'Never' } } },
        },
      },
    };
    expect(texts(validateCreate({ group: 'batch', kind: 'CronJob' }, cron))).toEqual([
      'spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]',
    ]);
  });

  it('requires the keys of typed secrets', () => {
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'x' },
    };
    expect(texts(validateCreate({ group: '', kind: 'Secret' }, secret))).toEqual([
      'data[tls.key]: Required value',
    ]);
  });
});
