/**
 * Pod spec checks (ValidatePodSpec and ValidateContainers, reduced to what users trip over):
 * containers and their names, images, ports, env, volume mounts and resources; volumes;
 * enumerated policies. Used for pods and for every pod template.
 */
import type { StatusCause } from '../types.ts';
import { duplicate, invalid, notFound, notSupported, path, required } from './field-errors.ts';
import { isConfigMapKey, isDNS1123Label, isEnvVarName, isValidPortName, isValidPortNumber } from './names.ts';
import { parseQuantity } from './quantity.ts';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

function validateContainer(c: Obj, field: string, volumes: Set<string>): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = str(c.name);
  if (!name) causes.push(required(path(field, 'name')));
  else for (const m of isDNS1123Label(name)) causes.push(invalid(path(field, 'name'), name, m));
  if (!str(c.image).trim()) causes.push(required(path(field, 'image')));
  if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(str(c.imagePullPolicy))) {
    causes.push(notSupported(path(field, 'imagePullPolicy'), c.imagePullPolicy, PULL_POLICIES));
  }
  if (
    c.terminationMessagePolicy !== undefined &&
    !TERMINATION_MESSAGE_POLICIES.includes(str(c.terminationMessagePolicy))
  ) {
    causes.push(
      notSupported(
        path(field, 'terminationMessagePolicy'),
        c.terminationMessagePolicy,
        TERMINATION_MESSAGE_POLICIES,
      ),
    );
  }
  const portNames = new Set<string>();
  for (const [i, port] of asList(c.ports).entries()) {
    const portField = path(field, 'ports', i);
    const portName = str(port.name);
    if (portName) {
      for (const m of isValidPortName(portName)) causes.push(invalid(path(portField, 'name'), portName, m));
      if (portNames.has(portName)) causes.push(duplicate(path(portField, 'name'), portName));
      portNames.add(portName);
    }
    if (port.containerPort === undefined || port.containerPort === 0) {
      causes.push(required(path(portField, 'containerPort')));
    } else {
      for (const m of isValidPortNumber(Number(port.containerPort))) {
        causes.push(invalid(path(portField, 'containerPort'), port.containerPort, m));
      }
    }
    if (port.hostPort !== undefined && port.hostPort !== 0) {
      for (const m of isValidPortNumber(Number(port.hostPort)))
        causes.push(invalid(path(portField, 'hostPort'), port.hostPort, m));
    }
    if (port.protocol !== undefined && !PROTOCOLS.includes(str(port.protocol))) {
      causes.push(notSupported(path(portField, 'protocol'), port.protocol, PROTOCOLS));
    }
  }
  for (const [i, env] of asList(c.env).entries()) {
    const envName = str(env.name);
    if (!envName) causes.push(required(path(field, 'env', i, 'name')));
    else
      for (const m of isEnvVarName(envName)) causes.push(invalid(path(field, 'env', i, 'name'), envName, m));
    const keyRef = asObj(asObj(env.valueFrom).configMapKeyRef ?? asObj(env.valueFrom).secretKeyRef);
    if (keyRef.key !== undefined) {
      for (const m of isConfigMapKey(str(keyRef.key)))
        causes.push(invalid(path(field, 'env', i, 'valueFrom', 'key'), keyRef.key, m));
    }
  }
  const mountPaths = new Set<string>();
  for (const [i, mount] of asList(c.volumeMounts).entries()) {
    const mountField = path(field, 'volumeMounts', i);
    const volume = str(mount.name);
    if (!volume) causes.push(required(path(mountField, 'name')));
    else if (!volumes.has(volume)) causes.push(notFound(path(mountField, 'name'), volume));
    const mountPath = str(mount.mountPath);
    if (!mountPath) causes.push(required(path(mountField, 'mountPath')));
    else if (mountPaths.has(mountPath))
      causes.push(invalid(path(mountField, 'mountPath'), mountPath, 'must be unique'));
    mountPaths.add(mountPath);
  }
  causes.push(...validateResources(asObj(c.resources), path(field, 'resources')));
  return causes;
}

function validateResources(resources: Obj, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const limits = asObj(resources.limits);
  const requests = asObj(resources.requests);
  for (const [group, values] of [
    ['limits', limits],
    ['requests', requests],
  ] as const) {
    for (const [resource, value] of Object.entries(values)) {
      const amount = parseQuantity(value);
      const f = path(field, group, `[${resource}]`);
      if (amount === undefined)
        causes.push(
          invalid(
            f,
            value,
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
          ),
        );
      else if (amount < 0) causes.push(invalid(f, value, 'must be greater than or equal to 0'));
    }
  }
  for (const [resource, value] of Object.entries(requests)) {
    const request = parseQuantity(value);
    const limit = parseQuantity(limits[resource]);
    if (request !== undefined && limit !== undefined && request > limit) {
      causes.push(
        invalid(
          path(field, 'requests'),
          String(value),
          `must be less than or equal to ${resource} limit of ${String(limits[resource])}`,
        ),
      );
    }
  }
  return causes;
}

/** Checks a pod spec at `field` (`spec`, `spec.template.spec`…). */
export function validatePodSpec(spec: unknown, field: string): StatusCause[] {
  const s = asObj(spec);
  const causes: StatusCause[] = [];
  const volumes = new Set<string>();
  for (const [i, volume] of asList(s.volumes).entries()) {
    const name = str(volume.name);
    const volumeField = path(field, 'volumes', i, 'name');
    if (!name) causes.push(required(volumeField));
    else {
      for (const m of isDNS1123Label(name)) causes.push(invalid(volumeField, name, m));
      if (volumes.has(name)) causes.push(duplicate(volumeField, name));
    }
    volumes.add(name);
  }
  const containers = asList(s.containers);
  if (containers.length === 0) causes.push(required(path(field, 'containers')));
  const names = new Set<string>();
  for (const [list, items] of [
    ['initContainers', asList(s.initContainers)],
    ['containers', containers],
  ] as const) {
    for (const [i, container] of items.entries()) {
      const containerField = path(field, list, i);
      causes.push(...validateContainer(container, containerField, volumes));
      const name = str(container.name);
      if (name && names.has(name)) causes.push(duplicate(path(containerField, 'name'), name));
      names.add(name);
    }
  }
  if (s.restartPolicy !== undefined && !RESTART_POLICIES.includes(str(s.restartPolicy))) {
    causes.push(notSupported(path(field, 'restartPolicy'), s.restartPolicy, RESTART_POLICIES));
  }
  if (s.dnsPolicy !== undefined && !DNS_POLICIES.includes(str(s.dnsPolicy))) {
    causes.push(notSupported(path(field, 'dnsPolicy'), s.dnsPolicy, DNS_POLICIES));
  }
  if (typeof s.terminationGracePeriodSeconds === 'number' && s.terminationGracePeriodSeconds < 0) {
    causes.push(
      invalid(
        path(field, 'terminationGracePeriodSeconds'),
        s.terminationGracePeriodSeconds,
        'must be greater than or equal to 0',
      ),
    );
  }
  if (typeof s.activeDeadlineSeconds === 'number' && s.activeDeadlineSeconds <= 0) {
    causes.push(
      invalid(
        path(field, 'activeDeadlineSeconds'),
        s.activeDeadlineSeconds,
        'must be between 1 and 2147483647, inclusive',
      ),
    );
  }
  for (const [i, toleration] of asList(s.tolerations).entries()) {
    const operator = toleration.operator === undefined ? 'Equal' : str(toleration.operator);
    if (!['Equal', 'Exists'].includes(operator)) {
      causes.push(
        notSupported(path(field, 'tolerations', i, 'operator'), toleration.operator, ['Equal', 'Exists']),
      );
    } else if (operator === 'Exists' && str(toleration.value)) {
      causes.push(
        invalid(
          path(field, 'tolerations', i, 'operator'),
          toleration.value,
          "value must be empty when `operator` is 'Exists'",
        ),
      );
    }
  }
  return causes;
}
