import type { KindRef, KubeObject } from '../api/kubeTypes';
import type { StatusText } from './columns';
import { rolloutStatus } from './deployment';
import { jobStatus } from './job';
import { namespaceStatus } from './namespace';
import { volumePhase } from './persistentVolumeClaim';
import { podStatus } from './pod';
import { kindKey } from './registry';

const STATUS: Record<string, (object: KubeObject) => StatusText> = {
  '/pods': podStatus,
  'apps/deployments': rolloutStatus,
  'apps/statefulsets': rolloutStatus,
  'batch/jobs': jobStatus,
  '/namespaces': namespaceStatus,
  '/persistentvolumeclaims': volumePhase,
  '/persistentvolumes': volumePhase,
};

/** The one-word status a detail page shows next to the name, for the kinds that have one. */
export function statusOfKind(
  kind: Pick<KindRef, 'group' | 'resource'>,
  object: KubeObject,
): StatusText | null {
  return STATUS[kindKey(kind)]?.(object) ?? null;
}
