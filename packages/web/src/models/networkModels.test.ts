import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/kubeTypes';
import { printerColumns } from './customResourceDefinition';
import { eventObject } from './event';
import { jsonPathText } from './jsonPath';
import { nodeStatus, nodeStatusText } from './node';
import { accessModes } from './persistentVolumeClaim';
import { builtinColumns } from './registry';
import { serviceExternalIp, servicePorts } from './service';

const meta = { name: 'x', namespace: 'shop', creationTimestamp: '2025-01-01T00:00:00Z' };

describe('service, volume, node and event models', () => {
  it('prints ports and external addresses like kubectl', () => {
    const lb: KubeObject = {
      metadata: meta,
      spec: { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] },
      status: {},
    };
    expect(servicePorts(lb)).toBe('80:30080/TCP');
    expect(serviceExternalIp(lb)).toBe('<pending>');
    expect(
      serviceExternalIp({ ...lb, status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } } }),
    ).toBe('172.18.255.200');
    expect(serviceExternalIp({ metadata: meta, spec: { type: 'ClusterIP' } })).toBe('<none>');
  });

  it('abbreviates access modes and shows a cordoned node as SchedulingDisabled', () => {
    expect(accessModes({ metadata: meta, spec: { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] } })).toBe(
      'RWO,ROX',
    );
    expect(nodeStatusText({ status: 'Ready', schedulable: false })).toBe('Ready,SchedulingDisabled');
    expect(nodeStatus({ status: 'Ready', schedulable: true }).tone).toBe('success');
    expect(eventObject({ metadata: meta, involvedObject: { kind: 'Pod', name: 'web-1' } })).toBe('pod/web-1');
  });

  it('knows columns for built-in kinds, by group and resource', () => {
    expect(builtinColumns({ group: 'core', resource: 'pods' })?.map((c) => c.id)).toEqual([
      'ready',
      'status',
      'restarts',
      'age',
      'ip',
      'node',
    ]);
    expect(builtinColumns({ group: 'demo.atrium.dev', resource: 'backups' })).toBeUndefined();
  });
});

describe('custom resources: printer columns through JSONPath', () => {
  const backup: KubeObject = {
    metadata: meta,
    spec: { schedule: '0 2 * * *' },
    status: {
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'Synced', status: 'False' },
      ],
      sizes: [1, 2],
    },
  };

  it('evaluates fields, indexes, wildcards and filters', () => {
    expect(jsonPathText(backup, '.spec.schedule')).toBe('0 2 * * *');
    expect(jsonPathText(backup, '.status.conditions[?(@.type=="Ready")].status')).toBe('True');
    expect(jsonPathText(backup, '.status.sizes[*]')).toBe('1,2');
    expect(jsonPathText(backup, '.status.sizes[1]')).toBe('2');
    expect(jsonPathText(backup, '.missing.field')).toBe('');
  });

  it('builds the table from the CRD, leaving wide-only columns out', () => {
    const crd: KubeObject = {
      metadata: { name: 'backups.demo.atrium.dev' },
      spec: {
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            additionalPrinterColumns: [
              { name: 'Schedule', type: 'string', jsonPath: '.spec.schedule' },
              { name: 'Debug', type: 'string', jsonPath: '.spec.debug', priority: 1 },
              { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
            ],
          },
        ],
      },
    };
    const columns = printerColumns(crd, 'v1');
    expect(columns.map((c) => c.title)).toEqual(['SCHEDULE', 'AGE']);
    expect(columns[0]!.value(backup, 0)).toBe('0 2 * * *');
    expect(columns[1]!.value(backup, Date.parse('2025-01-01T01:00:00Z'))).toBe('60m');
  });
});
