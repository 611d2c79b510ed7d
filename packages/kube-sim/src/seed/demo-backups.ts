/**
 * A custom resource for the demo: `backups.demo.atrium.dev` with printer columns, and a couple
 * of Backups (one per team namespace) whose status a backup operator would have written.
 */
import type { KubeObject } from '../types.ts';

export const BACKUP_CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'backups.demo.atrium.dev' },
  spec: {
    group: 'demo.atrium.dev',
    scope: 'Namespaced',
    names: {
      plural: 'backups',
      singular: 'backup',
      kind: 'Backup',
      listKind: 'BackupList',
      shortNames: ['bk'],
      categories: ['demo'],
    },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['source', 'schedule'],
                properties: {
                  source: { type: 'string', description: 'What to back up: <kind>/<name>.' },
                  schedule: { type: 'string', description: 'Cron schedule.' },
                  retentionDays: { type: 'integer', minimum: 1 },
                },
              },
              status: {
                type: 'object',
                properties: {
                  phase: { type: 'string' },
                  lastBackup: { type: 'string', format: 'date-time' },
                  sizeBytes: { type: 'integer' },
                },
              },
            },
          },
        },
        additionalPrinterColumns: [
          { name: 'Source', type: 'string', jsonPath: '.spec.source' },
          { name: 'Schedule', type: 'string', jsonPath: '.spec.schedule' },
          { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
          { name: 'Last Backup', type: 'date', jsonPath: '.status.lastBackup' },
          { name: 'Retention', type: 'integer', jsonPath: '.spec.retentionDays', priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};

export function backups(lastBackup: string): KubeObject[] {
  const backup = (
    namespace: string,
    name: string,
    source: string,
    schedule: string,
    phase: string,
  ): KubeObject => ({
    apiVersion: 'demo.atrium.dev/v1',
    kind: 'Backup',
    metadata: { name, namespace },
    spec: { source, schedule, retentionDays: 14 },
    status: { phase, lastBackup, sizeBytes: 73_400_320 },
  });
  return [
    backup('shop', 'redis-nightly', 'statefulset/redis', '0 2 * * *', 'Completed'),
    backup('platform-tools', 'grafana-weekly', 'deployment/grafana', '0 3 * * 0', 'Completed'),
    backup('shop', 'orders-hourly', 'database/orders', '0 * * * *', 'Failed'),
  ];
}
