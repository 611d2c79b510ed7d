/**
 * Columns of cluster-level objects: nodes, namespaces, events, component statuses, leases and
 * custom resource definitions.
 */
import type { KubeObject } from '../types.ts';
import { rfc3339, timestampSince } from './human-duration.ts';
import {
  ageColumn,
  at,
  column,
  createdAtColumn,
  doc,
  int,
  list,
  nameColumn,
  str,
  type Printer,
} from './printer.ts';

const age = (obj: KubeObject, now: Date) => timestampSince(obj.metadata.creationTimestamp, now);
const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';

/** `Ready`, `NotReady`, `Unknown`, plus `SchedulingDisabled` for a cordoned node. */
function nodeStatus(node: KubeObject): string {
  const ready = list(at(node, 'status', 'conditions')).find((c) => at(c, 'type') === 'Ready');
  const status = [ready ? (at(ready, 'status') === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (at(node, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/** Roles from `node-role.kubernetes.io/<role>` labels and the older `kubernetes.io/role`. */
function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(NODE_ROLE_PREFIX) && key.length > NODE_ROLE_PREFIX.length) {
      roles.add(key.slice(NODE_ROLE_PREFIX.length));
    } else if (key === 'kubernetes.io/role' && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(node: KubeObject, type: string): string {
  const address = list(at(node, 'status', 'addresses')).find((a) => at(a, 'type') === type);
  return str(at(address, 'address')) || '<none>';
}

export const nodePrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn(),
    column('Version', 'string', doc('V1NodeSystemInfo', 'kubeletVersion')),
    column('Internal-IP', 'string', doc('V1NodeStatus', 'addresses'), { priority: 1 }),
    column('External-IP', 'string', doc('V1NodeStatus', 'addresses'), { priority: 1 }),
    column('OS-Image', 'string', doc('V1NodeSystemInfo', 'osImage'), { priority: 1 }),
    column('Kernel-Version', 'string', doc('V1NodeSystemInfo', 'kernelVersion'), { priority: 1 }),
    column('Container-Runtime', 'string', doc('V1NodeSystemInfo', 'containerRuntimeVersion'), {
      priority: 1,
    }),
  ],
  cells: (obj, now) => {
    const info = at(obj, 'status', 'nodeInfo');
    return [
      obj.metadata.name,
      nodeStatus(obj),
      nodeRoles(obj),
      age(obj, now),
      str(at(info, 'kubeletVersion')),
      nodeAddress(obj, 'InternalIP'),
      nodeAddress(obj, 'ExternalIP'),
      str(at(info, 'osImage')) || '<unknown>',
      str(at(info, 'kernelVersion')) || '<unknown>',
      str(at(info, 'containerRuntimeVersion')) || '<unknown>',
    ];
  },
});

export const namespacePrinter = (): Printer => ({
  columns: [nameColumn(), column('Status', 'string', 'The status of the namespace'), ageColumn()],
  cells: (obj, now) => [obj.metadata.name, str(at(obj, 'status', 'phase')), age(obj, now)],
});

/**
 * Events of both APIs (core/v1 and events.k8s.io/v1 name the same things differently). The
 * server prints events wide, with the name last.
 */
export const eventPrinter = (): Printer => ({
  columns: [
    column('Last Seen', 'string', doc('CoreV1Event', 'lastTimestamp')),
    column('Type', 'string', doc('CoreV1Event', 'type')),
    column('Reason', 'string', doc('CoreV1Event', 'reason')),
    column('Object', 'string', doc('CoreV1Event', 'involvedObject')),
    column('Subobject', 'string', doc('V1ObjectReference', 'fieldPath'), { priority: 1 }),
    column('Source', 'string', doc('CoreV1Event', 'source'), { priority: 1 }),
    column('Message', 'string', doc('CoreV1Event', 'message')),
    column('First Seen', 'string', doc('CoreV1Event', 'firstTimestamp'), { priority: 1 }),
    column('Count', 'string', doc('CoreV1Event', 'count'), { priority: 1 }),
    column('Name', 'string', doc('V1ObjectMeta', 'name'), { priority: 1, format: 'name' }),
  ],
  cells: (obj, now) => {
    const core = obj.apiVersion === 'v1';
    const first = str(core ? obj.firstTimestamp : obj.deprecatedFirstTimestamp);
    const firstSeen = first ? timestampSince(first, now) : timestampSince(obj.eventTime, now);
    const last = str(core ? obj.lastTimestamp : obj.deprecatedLastTimestamp);
    let lastSeen = last ? timestampSince(last, now) : firstSeen;
    let count = int(core ? obj.count : obj.deprecatedCount);
    if (obj.series) {
      lastSeen = timestampSince(at(obj, 'series', 'lastObservedTime'), now);
      count = int(at(obj, 'series', 'count'));
    } else if (count === 0) {
      count = 1; // singleton events carry no count in the new API
    }
    const regarding = core ? obj.involvedObject : obj.regarding;
    const kind = str(at(regarding, 'kind')).toLowerCase();
    const name = str(at(regarding, 'name'));
    const component =
      str(at(obj, core ? 'source' : 'deprecatedSource', 'component')) || str(obj.reportingController);
    const host =
      str(at(obj, core ? 'source' : 'deprecatedSource', 'host')) ||
      str(core ? obj.reportingInstance : obj.reportingInstance);
    return [
      lastSeen,
      str(obj.type),
      str(obj.reason),
      name ? `${kind}/${name}` : kind,
      str(at(regarding, 'fieldPath')),
      host ? `${component}, ${host}` : component,
      str(core ? obj.message : obj.note).trim(),
      firstSeen,
      count,
      obj.metadata.name,
    ];
  },
});

export const componentStatusPrinter = (): Printer => ({
  columns: [
    nameColumn(),
    column('Status', 'string', 'Status of the component conditions'),
    column('Message', 'string', 'Message of the component conditions'),
    column('Error', 'string', 'Error of the component conditions'),
  ],
  cells: (obj) => {
    const healthy = list(obj.conditions).find((c) => at(c, 'type') === 'Healthy');
    const status = healthy ? (at(healthy, 'status') === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
    return [obj.metadata.name, status, str(at(healthy, 'message')), str(at(healthy, 'error'))];
  },
});

export const leasePrinter = (): Printer => ({
  columns: [nameColumn(), column('Holder', 'string', doc('V1LeaseSpec', 'holderIdentity')), ageColumn()],
  cells: (obj, now) => [obj.metadata.name, str(at(obj, 'spec', 'holderIdentity')), age(obj, now)],
});

/** Kinds the real server prints as NAME and CREATED AT (CRDs, RBAC roles, limit ranges). */
export const createdAtPrinter = (): Printer => ({
  columns: [nameColumn(), createdAtColumn()],
  cells: (obj) => [obj.metadata.name, rfc3339(obj.metadata.creationTimestamp)],
});
