import type { KubeObject } from '../api/kubeTypes';
import { ageColumn, selectorText, textColumn, type ColumnDef, type StatusText } from './columns';

/** READY (a count, as kubectl prints it), green when every scheduled pod is ready. */
function daemonSetStatus(set: KubeObject): StatusText {
  const desired = set.status?.desiredNumberScheduled ?? 0;
  const ready = set.status?.numberReady ?? 0;
  const tone =
    desired > 0 && ready >= desired ? 'success' : ready === 0 && desired > 0 ? 'danger' : 'warning';
  return { text: String(ready), tone };
}

export const daemonSetColumns: ColumnDef[] = [
  textColumn('desired', (d) => d.status?.desiredNumberScheduled ?? 0, { minWidth: 90 }),
  textColumn('current', (d) => d.status?.currentNumberScheduled ?? 0, { minWidth: 90 }),
  textColumn('ready', (d) => d.status?.numberReady ?? 0, {
    render: 'status',
    status: daemonSetStatus,
    minWidth: 80,
  }),
  textColumn('upToDate', (d) => d.status?.updatedNumberScheduled ?? 0, { minWidth: 100 }),
  textColumn('available', (d) => d.status?.numberAvailable ?? 0, { minWidth: 100 }),
  textColumn('nodeSelector', (d) => selectorText(d.spec?.template?.spec?.nodeSelector), { minWidth: 140 }),
  ageColumn,
];
