import { http } from './client';
import type { AuditEvent, Page } from './types';

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  targetType?: string;
  clusterId?: string;
  projectId?: string;
  workspaceId?: string;
  applicationId?: string;
  outcome?: AuditEvent['outcome'] | '';
  limit?: number;
  offset?: number;
}

export function listAuditEvents(query: AuditQuery = {}): Promise<Page<AuditEvent>> {
  return http.get('/api/v1/audit', { ...query });
}

export function exportAuditEvents(query: AuditQuery = {}): Promise<{ blob: Blob; filename: string | null }> {
  const { limit: _limit, offset: _offset, ...filters } = query;
  return http.blob('/api/v1/audit', { ...filters, format: 'csv' });
}
