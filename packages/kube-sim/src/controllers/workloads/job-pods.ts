/**
 * A Job's pods: the template plus the job-tracking finalizer; for Indexed Jobs the completion
 * index as annotation, label, JOB_COMPLETION_INDEX variable and hostname `<job>-<index>`; and
 * the index sets a Job reports (`completedIndexes: "0-2,4"`).
 */
import type { KubeObject } from '../../types.ts';
import { templateOf } from './pod-control.ts';

export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

interface JobSpec {
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  completionMode?: string;
  suspend?: boolean;
  ttlSecondsAfterFinished?: number;
  template?: { spec?: { restartPolicy?: string } };
}

export function jobSpec(job: KubeObject): JobSpec {
  return (job.spec ?? {}) as JobSpec;
}

export const isIndexed = (job: KubeObject) => jobSpec(job).completionMode === 'Indexed';

export function hasTrackingFinalizer(pod: KubeObject): boolean {
  return pod.metadata.finalizers?.includes(TRACKING_FINALIZER) === true;
}

/** The completion index of an Indexed Job's pod, or undefined. */
export function completionIndex(pod: KubeObject): number | undefined {
  const value = pod.metadata.annotations?.[COMPLETION_INDEX];
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** The pod the Job creates (for an index, when Indexed). */
export function jobPod(job: KubeObject, index: number | undefined): KubeObject {
  const template = structuredClone(templateOf(job));
  const meta = (template.metadata ??= {});
  meta.finalizers = [...(meta.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER), TRACKING_FINALIZER];
  let generateName = `${job.metadata.name}-`;
  const spec = (template.spec ??= {});
  if (index !== undefined) {
    meta.annotations = { ...meta.annotations, [COMPLETION_INDEX]: String(index) };
    meta.labels = { ...meta.labels, [COMPLETION_INDEX]: String(index) };
    if (!spec.hostname) spec.hostname = `${job.metadata.name}-${index}`;
    generateName = `${job.metadata.name}-${index}-`;
    for (const key of ['initContainers', 'containers']) {
      for (const container of (spec[key] as Array<{ env?: Array<Record<string, unknown>> }> | undefined) ??
        []) {
        const env = container.env ?? [];
        if (env.some((e) => e.name === 'JOB_COMPLETION_INDEX')) continue;
        env.push({
          name: 'JOB_COMPLETION_INDEX',
          valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } },
        });
        container.env = env;
      }
    }
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...meta, namespace: job.metadata.namespace, generateName },
    spec,
  };
}

/** "0-2,4" → {0,1,2,4} */
export function parseIndexes(text: string | undefined): Set<number> {
  const result = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    if (part === '') continue;
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || Number.isNaN(from)) continue;
    for (let i = from; i <= (to ?? from); i++) result.add(i);
  }
  return result;
}

/** {0,1,2,4} → "0-2,4" */
export function formatIndexes(indexes: Set<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
