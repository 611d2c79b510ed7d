import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/kubeTypes';
import { readyReplicas, restartPatch, rolloutStatus } from './deployment';
import { jobCompletions, jobStatus } from './job';
import { podContainers, podReady, podRestarts, podStatus, podStatusReason } from './pod';

const meta = { name: 'web-1', namespace: 'shop' };

function pod(status: Record<string, unknown>, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    metadata: { ...meta },
    spec: {
      containers: [
        { name: 'web', image: 'nginx:1.27' },
        { name: 'sidecar', image: 'envoy:1' },
      ],
    },
    status,
    ...extra,
  };
}

const running = { running: { startedAt: '2025-01-01T00:00:00Z' } };

describe('pod model: what kubectl get pods shows', () => {
  it('is Running with all containers ready', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [
        { name: 'web', ready: true, restartCount: 0, image: 'nginx', state: running },
        { name: 'sidecar', ready: true, restartCount: 2, image: 'envoy', state: running },
      ],
    });
    expect(podStatus(p)).toEqual({ text: 'Running', tone: 'success' });
    expect(podReady(p)).toBe('2/2');
    expect(podRestarts(p)).toBe(2);
  });

  it('shows the waiting reason of a crashing container', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [
        {
          name: 'web',
          ready: false,
          restartCount: 4,
          image: 'nginx',
          state: { waiting: { reason: 'CrashLoopBackOff' } },
        },
        { name: 'sidecar', ready: true, restartCount: 0, image: 'envoy', state: running },
      ],
    });
    expect(podStatus(p)).toEqual({ text: 'CrashLoopBackOff', tone: 'danger' });
    expect(podReady(p)).toBe('1/2');
  });

  it('shows init progress, exit codes and Terminating', () => {
    const initializing = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'migrate', ready: false, restartCount: 0, image: 'x', state: { running: {} } },
        ],
      },
      { spec: { initContainers: [{ name: 'migrate' }, { name: 'seed' }], containers: [{ name: 'web' }] } },
    );
    expect(podStatusReason(initializing)).toBe('Init:0/2');
    const exited = pod({
      phase: 'Running',
      containerStatuses: [
        { name: 'web', ready: false, restartCount: 0, image: 'x', state: { terminated: { exitCode: 137 } } },
      ],
    });
    expect(podStatusReason(exited)).toBe('ExitCode:137');
    const deleting = pod(
      { phase: 'Running' },
      { metadata: { ...meta, deletionTimestamp: '2025-01-01T00:00:00Z' } },
    );
    expect(podStatus(deleting)).toEqual({ text: 'Terminating', tone: 'warning' });
    expect(podStatusReason(pod({ phase: 'Pending' }))).toBe('Pending');
  });

  it('lists containers with their state and last termination', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [
        {
          name: 'web',
          ready: true,
          restartCount: 1,
          image: 'nginx',
          state: running,
          lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
        },
      ],
    });
    const [web, sidecar] = podContainers(p);
    expect(web).toMatchObject({ name: 'web', ready: true, restarts: 1, lastState: 'OOMKilled' });
    expect(web!.state).toEqual({ text: 'Running', tone: 'success' });
    expect(sidecar!.state.text).toBe('Waiting');
  });
});

describe('deployment and job models', () => {
  it('counts ready replicas against the desired ones', () => {
    const deployment: KubeObject = {
      metadata: meta,
      spec: { replicas: 3 },
      status: { readyReplicas: 2, updatedReplicas: 3 },
    };
    expect(readyReplicas(deployment)).toBe('2/3');
    expect(rolloutStatus(deployment).text).toBe('Progressing');
    expect(rolloutStatus({ ...deployment, status: { readyReplicas: 3, updatedReplicas: 3 } }).tone).toBe(
      'success',
    );
  });

  it('restarts a rollout through the pod template annotation', () => {
    expect(restartPatch(new Date('2025-01-01T00:00:00Z'))).toEqual({
      spec: {
        template: {
          metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00.000Z' } },
        },
      },
    });
  });

  it('reads a job’s status and completions', () => {
    const done: KubeObject = {
      metadata: meta,
      spec: { completions: 1 },
      status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
    };
    expect(jobStatus(done)).toEqual({ text: 'Complete', tone: 'success' });
    expect(jobCompletions(done)).toBe('1/1');
    expect(jobStatus({ metadata: meta, spec: {}, status: { active: 1 } }).text).toBe('Running');
  });
});
