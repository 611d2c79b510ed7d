/**
 * The workload controllers judged by the real kubectl against a started cluster with the real
 * scheduler and kubelet: create / scale / set image / rollout status, history, undo, restart,
 * pause and resume for Deployments; rollout status, history and undo for StatefulSets; rollout
 * status for DaemonSets; Jobs run to completion; `kubectl create job --from=cronjob`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/types.ts';
import { DEFAULT_EXTENSIONS } from '../src/cluster/extensions.ts';
import { nodeSideExtension } from '../src/nodes/node-side-extension.ts';
import { eventually } from '../src/testing/test-core.ts';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';

let k: KubectlSession;

beforeAll(async () => {
  // The real node side, with its delays shortened so rollouts take seconds, not minutes.
  const nodeSide = nodeSideExtension({
    kubelet: { sandboxMs: 50, pullMs: 100, jobRunMs: 500, stopMs: 50, syncMs: 100 },
  });
  const extensions = [nodeSide, ...DEFAULT_EXTENSIONS.filter((e) => e.name !== 'node-side')];
  k = await startKubectlSession({ nodes: 3, extensions });
  await kubectl('create', 'namespace', 'apps');
});
afterAll(() => k.close());

async function kubectl(...args: string[]): Promise<string> {
  const result = await k.run(['-n', 'apps', ...args], { timeoutMs: 120_000 });
  if (result.code !== 0)
    throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}

async function apply(manifest: string): Promise<string> {
  const result = await k.run(['-n', 'apps', 'apply', '-f', '-'], { input: manifest });
  if (result.code !== 0) throw new Error(`kubectl apply failed: ${result.stderr}`);
  return result.stdout;
}

const jsonpath = (resource: string, path: string) => kubectl('get', resource, '-o', `jsonpath=${path}`);

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

describe('kubectl against the workload controllers', () => {
  describe('Deployment rollouts', () => {
    it('create deployment rolls out and scale changes the pod count', async () => {
      expect(await kubectl('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3')).toBe(
        'deployment.apps/web created\n',
      );
      expect(lastLine(await kubectl('rollout', 'status', 'deployment/web', '--timeout=90s'))).toBe(
        'deployment "web" successfully rolled out',
      );
      expect(
        await jsonpath(
          'deployment/web',
          '{.status.readyReplicas}/{.status.availableReplicas}/{.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
        ),
      ).toBe('3/3/1');
      expect(await kubectl('scale', 'deployment/web', '--replicas=4')).toBe('deployment.apps/web scaled\n');
      expect(lastLine(await kubectl('rollout', 'status', 'deployment/web', '--timeout=90s'))).toBe(
        'deployment "web" successfully rolled out',
      );
      const pods = (
        await kubectl('get', 'pods', '-l', 'app=web', '--field-selector=status.phase=Running', '-o', 'name')
      )
        .trim()
        .split('\n');
      expect(pods).toHaveLength(4);
      const get = await kubectl('get', 'deployment', 'web');
      expect(get.split('\n')[1]).toMatch(/^web\s+4\/4\s+4\s+4\s+/);
    });

    it('set image rolls out within maxSurge and maxUnavailable, and history lists both revisions', async () => {
      const client = k.cluster.client;
      const violations: string[] = [];
      let sampling = true;
      let samples = 0;
      // 25% of 4: at most 5 pods wanted, at least 3 available, at every moment of the rollout.
      const sampler = (async () => {
        while (sampling) {
          const { items } = await client.list(
            { apiVersion: 'v1', kind: 'Pod' },
            { namespace: 'apps', labelSelector: 'app=web' },
          );
          const live = items.filter((p) => p.metadata.deletionTimestamp === undefined);
          const ready = live.filter(isReady);
          if (live.length > 5) violations.push(`${live.length} pods`);
          if (ready.length < 3) violations.push(`${ready.length} ready`);
          samples++;
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      expect(await kubectl('set', 'image', 'deployment/web', 'nginx=nginx:1.28')).toBe(
        'deployment.apps/web image updated\n',
      );
      const status = await kubectl('rollout', 'status', 'deployment/web', '--timeout=90s');
      sampling = false;
      await sampler;
      expect(lastLine(status)).toBe('deployment "web" successfully rolled out');
      expect(status).toContain('Waiting for deployment "web" rollout to finish');
      expect(violations).toEqual([]);
      expect(samples).toBeGreaterThan(10);
      expect(await kubectl('rollout', 'history', 'deployment/web')).toBe(
        'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
      );
      // The change-cause of the Deployment is copied to its current ReplicaSet: revision 2.
      await kubectl('annotate', 'deployment/web', 'kubernetes.io/change-cause=set image nginx:1.28');
      await eventually(async () =>
        (await kubectl('rollout', 'history', 'deployment/web')).includes('2         set image nginx:1.28'),
      );
      expect(await kubectl('rollout', 'history', 'deployment/web')).toBe(
        'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         set image nginx:1.28\n\n',
      );
      expect(
        await jsonpath(
          'rs',
          '{range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}={.spec.replicas} {end}',
        ),
      ).toMatch(/^(1=0 2=4|2=4 1=0) $/);
    });

    it('rollout undo restores the previous image as revision 3, and --to-revision picks one', async () => {
      expect(await kubectl('rollout', 'undo', 'deployment/web')).toBe('deployment.apps/web rolled back\n');
      expect(lastLine(await kubectl('rollout', 'status', 'deployment/web', '--timeout=90s'))).toBe(
        'deployment "web" successfully rolled out',
      );
      expect(
        await jsonpath(
          'deployment/web',
          '{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
        ),
      ).toBe('nginx:1.27 3');
      expect(await kubectl('rollout', 'history', 'deployment/web')).toBe(
        'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         set image nginx:1.28\n3         <none>\n\n',
      );
      expect((await jsonpath('rs', '{.items[*].metadata.name}')).split(' ')).toHaveLength(2);
      expect(await kubectl('rollout', 'undo', 'deployment/web', '--to-revision=2')).toBe(
        'deployment.apps/web rolled back\n',
      );
      expect(lastLine(await kubectl('rollout', 'status', 'deployment/web', '--timeout=90s'))).toBe(
        'deployment "web" successfully rolled out',
      );
      expect(
        await jsonpath(
          'deployment/web',
          '{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
        ),
      ).toBe('nginx:1.28 4');
      // Undo restored revision 2's change-cause on the Deployment along with its template.
      expect(await kubectl('rollout', 'history', 'deployment/web')).toBe(
        'deployment.apps/web \nREVISION  CHANGE-CAUSE\n3         <none>\n4         set image nginx:1.28\n\n',
      );
      // The old pods terminate gracefully; then only the revision 2 image runs.
      const images = async () =>
        kubectl('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.containers[0].image}');
      await eventually(async () => !(await images()).includes('1.27'));
      expect((await images()).split(' ')).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    });

    it('rollout restart starts a new revision; pause holds a rollout until resume', async () => {
      expect(await kubectl('rollout', 'restart', 'deployment/web')).toBe('deployment.apps/web restarted\n');
      expect(lastLine(await kubectl('rollout', 'status', 'deployment/web', '--timeout=90s'))).toBe(
        'deployment "web" successfully rolled out',
      );
      expect(
        await jsonpath('deployment/web', '{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'),
      ).toBe('5');
      expect(await kubectl('rollout', 'pause', 'deployment/web')).toBe('deployment.apps/web paused\n');
      await kubectl('set', 'image', 'deployment/web', 'nginx=nginx:1.29');
      await eventually(
        async () =>
          (await jsonpath('deployment/web', '{.status.conditions[?(@.type=="Progressing")].reason}')) ===
          'DeploymentPaused',
      );
      expect(
        await jsonpath('deployment/web', '{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'),
      ).toBe('5');
      const undo = await k.run(['-n', 'apps', 'rollout', 'undo', 'deployment/web']);
      expect(undo.stderr).toContain(
        "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
      );
      expect(await kubectl('rollout', 'resume', 'deployment/web')).toBe('deployment.apps/web resumed\n');
      expect(lastLine(await kubectl('rollout', 'status', 'deployment/web', '--timeout=90s'))).toBe(
        'deployment "web" successfully rolled out',
      );
      expect(
        await jsonpath(
          'deployment/web',
          '{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
        ),
      ).toBe('nginx:1.29 6');
      const events = await kubectl(
        'get',
        'events',
        '--field-selector=involvedObject.kind=Deployment,involvedObject.name=web',
        '-o',
        'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}',
      );
      expect(events).toMatch(/ScalingReplicaSet: Scaled up replica set web-[4-9bcdf]+ from 0 to 3/);
      expect(events).toMatch(/ScalingReplicaSet: Scaled down replica set web-[4-9bcdf]+ from \d to \d/);
    });
  });

  describe('StatefulSet rollouts', () => {
    const manifest = (image: string) => `
apiVersion: v1
kind: Service
metadata: { name: db }
spec: { clusterIP: None, selector: { app: db }, ports: [{ port: 5432 }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  serviceName: db
  replicas: 2
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: "${image}" }] }
`;

    it('rollout status, history and undo', async () => {
      await apply(manifest('postgres:16'));
      expect(lastLine(await kubectl('rollout', 'status', 'sts/db', '--timeout=90s'))).toBe(
        'partitioned roll out complete: 2 new pods have been updated...',
      );
      expect(await jsonpath('pod/db-1', '{.spec.hostname}.{.spec.subdomain}')).toBe('db-1.db');
      await kubectl('set', 'image', 'sts/db', 'db=postgres:17');
      expect(lastLine(await kubectl('rollout', 'status', 'sts/db', '--timeout=90s'))).toBe(
        'partitioned roll out complete: 2 new pods have been updated...',
      );
      expect(await kubectl('rollout', 'history', 'sts/db')).toBe(
        'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
      );
      expect(await kubectl('rollout', 'undo', 'sts/db')).toBe('statefulset.apps/db rolled back\n');
      await eventually(async () => {
        const current = await jsonpath(
          'sts/db',
          '{.status.currentRevision} {.status.updateRevision} {.status.readyReplicas} {.status.updatedReplicas}',
        );
        const [cur, upd, ready, updated] = current.split(' ');
        return cur === upd && ready === '2' && updated === '2';
      }, 60_000);
      const pods = await kubectl(
        'get',
        'pods',
        '-l',
        'app=db',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].image} {end}',
      );
      expect(pods).toBe('db-0=postgres:16 db-1=postgres:16 ');
      expect(await kubectl('rollout', 'history', 'sts/db')).toBe(
        'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
      );
    });
  });

  describe('DaemonSets', () => {
    it('rollout status, history and undo over every eligible node', async () => {
      await apply(`
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec: { containers: [{ name: agent, image: "fluent-bit:3.0" }] }
`);
      expect(lastLine(await kubectl('rollout', 'status', 'ds/agent', '--timeout=90s'))).toBe(
        'daemon set "agent" successfully rolled out',
      );
      // Three nodes; the control plane is tainted NoSchedule.
      expect(await jsonpath('ds/agent', '{.status.desiredNumberScheduled} {.status.numberReady}')).toBe(
        '2 2',
      );
      const nodes = (
        await jsonpath('pods', '{range .items[?(@.metadata.labels.app=="agent")]}{.spec.nodeName} {end}')
      )
        .trim()
        .split(' ')
        .sort();
      expect(nodes).toEqual(['kubectl-test-worker', 'kubectl-test-worker2']);
      await kubectl('set', 'image', 'ds/agent', 'agent=fluent-bit:3.1');
      expect(lastLine(await kubectl('rollout', 'status', 'ds/agent', '--timeout=90s'))).toBe(
        'daemon set "agent" successfully rolled out',
      );
      expect(await kubectl('rollout', 'history', 'ds/agent')).toBe(
        'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
      );
      expect(await kubectl('rollout', 'undo', 'ds/agent')).toBe('daemonset.apps/agent rolled back\n');
      expect(lastLine(await kubectl('rollout', 'status', 'ds/agent', '--timeout=90s'))).toBe(
        'daemon set "agent" successfully rolled out',
      );
      const images = async () =>
        kubectl('get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={.items[*].spec.containers[0].image}');
      await eventually(async () => (await images()) === 'fluent-bit:3.0 fluent-bit:3.0');
      expect(await kubectl('rollout', 'history', 'ds/agent')).toBe(
        'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
      );
    });
  });

  describe('Jobs and CronJobs', () => {
    it('a Job with completions 3 and parallelism 2 completes', async () => {
      await apply(`
apiVersion: batch/v1
kind: Job
metadata: { name: batch }
spec:
  completions: 3
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: work, image: busybox, command: ["sh", "-c", "echo done"] }]
`);
      expect(await kubectl('wait', '--for=condition=complete', 'job/batch', '--timeout=90s')).toBe(
        'job.batch/batch condition met\n',
      );
      expect(await jsonpath('job/batch', '{.status.succeeded} {.status.uncountedTerminatedPods}')).toBe(
        '3 {}',
      );
      const get = await kubectl('get', 'job', 'batch');
      expect(get.split('\n')[1]).toMatch(/^batch\s+Complete\s+3\/3\s+/);
      const pods = (
        await jsonpath('pods', '{range .items[?(@.metadata.labels.job-name=="batch")]}{.status.phase} {end}')
      )
        .trim()
        .split(' ');
      expect(pods).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    });

    it('create job --from=cronjob runs the CronJob template once, by hand', async () => {
      expect(
        await kubectl(
          'create',
          'cronjob',
          'tick',
          '--image=busybox',
          '--schedule=0 0 1 1 *',
          '--',
          'echo',
          'tick',
        ),
      ).toBe('cronjob.batch/tick created\n');
      expect(await kubectl('create', 'job', 'tick-now', '--from=cronjob/tick')).toBe(
        'job.batch/tick-now created\n',
      );
      expect(
        await jsonpath(
          'job/tick-now',
          '{.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}',
        ),
      ).toBe('manual CronJob/tick');
      expect(await kubectl('wait', '--for=condition=complete', 'job/tick-now', '--timeout=90s')).toBe(
        'job.batch/tick-now condition met\n',
      );
      const events = await kubectl(
        'get',
        'events',
        '--field-selector=involvedObject.kind=CronJob,involvedObject.name=tick',
        '-o',
        'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}',
      );
      expect(events).toContain(
        'UnexpectedJob: Saw a job that the controller did not create or forgot: tick-now',
      );
    });
  });
});

function isReady(pod: KubeObject): boolean {
  const conditions =
    (pod.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}
