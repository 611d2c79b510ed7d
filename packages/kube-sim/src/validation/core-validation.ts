/**
 * Spec checks of core/v1 kinds (pkg/apis/core/validation): pods, services, config maps,
 * secrets, namespaces, persistent volume claims.
 */
import type { StatusCause } from '../types.ts';
import { duplicate, forbidden, invalid, notSupported, path, required, tooLong } from './field-errors.ts';
import {
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortName,
  isValidPortNumber,
} from './names.ts';
import { validateLabels } from './object-meta.ts';
import { validatePodSpec } from './pod-spec.ts';
import { parseQuantity } from './quantity.ts';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const MAX_DATA_SIZE = 1024 * 1024;
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

export function validatePod(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const causes = validatePodSpec(spec, 'spec');
  if (asList(spec.ephemeralContainers).length > 0) {
    causes.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  }
  return causes;
}

function validateServicePort(
  port: Obj,
  field: string,
  requireName: boolean,
  names: Set<string>,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = str(port.name);
  if (requireName && !name) causes.push(required(path(field, 'name')));
  else if (name) {
    for (const m of isDNS1123Label(name)) causes.push(invalid(path(field, 'name'), name, m));
    if (names.has(name)) causes.push(duplicate(path(field, 'name'), name));
    names.add(name);
  }
  for (const m of isValidPortNumber(Number(port.port ?? 0)))
    causes.push(invalid(path(field, 'port'), Number(port.port ?? 0), m));
  const protocol = port.protocol ?? 'TCP';
  if (!PROTOCOLS.includes(str(protocol)))
    causes.push(notSupported(path(field, 'protocol'), protocol, PROTOCOLS));
  const target = port.targetPort;
  if (typeof target === 'number' && target !== 0) {
    for (const m of isValidPortNumber(target)) causes.push(invalid(path(field, 'targetPort'), target, m));
  } else if (typeof target === 'string' && target !== '') {
    for (const m of isValidPortName(target)) causes.push(invalid(path(field, 'targetPort'), target, m));
  }
  return causes;
}

export function validateService(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const causes: StatusCause[] = [];
  const type = spec.type ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  const ports = asList(spec.ports);
  if (!SERVICE_TYPES.includes(str(type))) causes.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (ports.length === 0 && !headless && type !== 'ExternalName') causes.push(required('spec.ports'));
  if (type === 'ExternalName') {
    const externalName = str(spec.externalName);
    if (!externalName) causes.push(required('spec.externalName'));
    else
      for (const m of isDNS1123Subdomain(externalName.replace(/\.$/, '')))
        causes.push(invalid('spec.externalName', externalName, m));
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const [i, port] of ports.entries()) {
    const field = path('spec', 'ports', i);
    causes.push(...validateServicePort(port, field, ports.length > 1, names));
    const key = `${Number(port.port)}/${str(port.protocol) || 'TCP'}`;
    if (seen.has(key)) causes.push(duplicate(field, key));
    seen.add(key);
    if (type === 'ClusterIP' && typeof port.nodePort === 'number' && port.nodePort !== 0) {
      causes.push(forbidden(path(field, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    }
  }
  const affinity = spec.sessionAffinity ?? 'None';
  if (affinity !== 'None' && affinity !== 'ClientIP')
    causes.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  causes.push(...validateLabels(spec.selector as Record<string, string> | undefined, 'spec.selector'));
  return causes;
}

/** Keys of data maps and their total size (config maps and secrets). */
function validateDataKeys(
  data: Obj,
  other: Obj,
  field: string,
  otherName: string,
): { causes: StatusCause[]; size: number } {
  const causes: StatusCause[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    for (const m of isConfigMapKey(key)) causes.push(invalid(`${field}[${key}]`, key, m));
    if (Object.hasOwn(other, key))
      causes.push(invalid(`${field}[${key}]`, key, `duplicate of key present in ${otherName}`));
    size += String(value ?? '').length;
  }
  return { causes, size };
}

export function validateConfigMap(obj: Obj): StatusCause[] {
  const data = validateDataKeys(asObj(obj.data), asObj(obj.binaryData), 'data', 'binaryData');
  const binary = validateDataKeys(asObj(obj.binaryData), {}, 'binaryData', 'data');
  const causes = [...data.causes, ...binary.causes];
  if (data.size + binary.size > MAX_DATA_SIZE) causes.push(tooLong('', MAX_DATA_SIZE));
  return causes;
}

/** Keys each typed secret must carry, checked against data plus stringData. */
export function validateSecret(obj: Obj): StatusCause[] {
  const data = { ...asObj(obj.data), ...asObj(obj.stringData) };
  const { causes, size } = validateDataKeys(data, {}, 'data', '');
  if (size > MAX_DATA_SIZE) causes.push(tooLong('data', MAX_DATA_SIZE));
  const has = (key: string) => Object.hasOwn(data, key);
  switch (obj.type) {
    case 'kubernetes.io/service-account-token':
      if (!asObj(asObj(obj.metadata).annotations)['kubernetes.io/service-account.name']) {
        causes.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) causes.push(required('data[.dockercfg]'));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) causes.push(required('data[.dockerconfigjson]'));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password'))
        causes.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!has('ssh-privatekey')) causes.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) causes.push(required('data[tls.crt]'));
      if (!has('tls.key')) causes.push(required('data[tls.key]'));
      break;
  }
  return causes;
}

export function validateNamespace(obj: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [i, finalizer] of ((asObj(obj.spec).finalizers as unknown[] | undefined) ?? []).entries()) {
    for (const m of isQualifiedName(str(finalizer)))
      causes.push(invalid(path('spec', 'finalizers', i), finalizer, m));
  }
  return causes;
}

export function validatePersistentVolumeClaim(obj: Obj): StatusCause[] {
  const spec = asObj(obj.spec);
  const causes: StatusCause[] = [];
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  if (modes.length === 0) causes.push(required('spec.accessModes', 'at least 1 access mode is required'));
  for (const mode of modes)
    if (!ACCESS_MODES.includes(str(mode))) causes.push(notSupported('spec.accessModes', mode, ACCESS_MODES));
  const storage = asObj(asObj(spec.resources).requests).storage;
  if (storage === undefined) causes.push(required('spec.resources[storage]'));
  else if (!((parseQuantity(storage) ?? 0) > 0))
    causes.push(invalid('spec.resources[storage]', String(storage), 'must be greater than zero'));
  const volumeMode = spec.volumeMode ?? 'Filesystem';
  if (volumeMode !== 'Filesystem' && volumeMode !== 'Block')
    causes.push(notSupported('spec.volumeMode', volumeMode, ['Block', 'Filesystem']));
  return causes;
}
