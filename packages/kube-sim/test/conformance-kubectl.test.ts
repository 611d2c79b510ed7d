/**
 * The acceptance proof of kube-sim: the machine's real kubectl, driven step by step through the
 * acceptance list against ONE cluster (all default extensions, short kubelet delays), each step
 * asserting on what kubectl prints the way a user would recognise it.
 *
 *   apply -f (multi-document) · get/describe -o wide/yaml/json/jsonpath · get -w · label ·
 *   annotate · scale · set image · rollout status/history/undo/restart · logs -f -c ·
 *   exec -it (command and interactive session) · cp both ways · edit (EDITOR script) ·
 *   patch strategic/merge/json · apply --server-side · delete per propagation policy ·
 *   cordon/drain · top nodes/pods · create quota and a refused pod · auth can-i ·
 *   api-resources · explain deployment.spec
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS } from '../src/cluster/extensions.ts';
import { nodeSideExtension } from '../src/nodes/node-side-extension.ts';
import { eventually } from '../src/testing/test-core.ts';
import { startKubectlSession, type KubectlResult, type KubectlSession } from './support/kubectl.ts';

const NS = 'conformance';
let k: KubectlSession;
let cacheDir: string;

beforeAll(async () => {
  // The real node side with its delays shortened, so rollouts take a second or two.
  const nodeSide = nodeSideExtension({
    kubelet: { sandboxMs: 50, pullMs: 100, initRunMs: 100, jobRunMs: 500, stopMs: 50, syncMs: 100 },
  });
  const extensions = [nodeSide, ...DEFAULT_EXTENSIONS.filter((e) => e.name !== 'node-side')];
  k = await startKubectlSession({ name: 'conformance', nodes: 3, extensions });
  cacheDir = join(k.dir, 'kube-cache');
}, 60_000);
afterAll(() => k?.close());

/** Runs kubectl with the admin kubeconfig and a discovery cache in the temp dir. */
function kubectl(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<KubectlResult> {
  return k.run(['--cache-dir', cacheDir, ...args], { timeoutMs: 120_000, ...options });
}

/** kubectl that must succeed; returns its stdout. */
async function ok(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = await kubectl(args, options);
  expect(result.code, `kubectl ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

const inNs = (...args: string[]) => ok(['-n', NS, ...args]);
const lastLine = (text: string) => text.trim().split('\n').pop() ?? '';
const rows = (table: string) =>
  table
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/));

interface PodView {
  name: string;
  node: string;
  ready: boolean;
}

/** The web pods that are running, ready and not terminating. */
async function readyWebPods(): Promise<PodView[]> {
  const list = JSON.parse(await inNs('get', 'pods', '-l', 'app=web', '-o', 'json')) as {
    items: Array<{
      metadata: { name: string; deletionTimestamp?: string };
      spec: { nodeName?: string };
      status: { phase?: string; conditions?: Array<{ type: string; status: string }> };
    }>;
  };
  return list.items
    .filter((p) => p.metadata.deletionTimestamp === undefined && p.status.phase === 'Running')
    .map((p) => ({
      name: p.metadata.name,
      node: p.spec.nodeName ?? '',
      ready: (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    }))
    .filter((p) => p.ready);
}

async function aWebPod(): Promise<string> {
  const pods = await readyWebPods();
  expect(pods.length).toBeGreaterThan(0);
  return pods[0]?.name ?? '';
}

async function rolledOut(resource: string, namespace = NS): Promise<void> {
  const status = await ok(['-n', namespace, 'rollout', 'status', resource, '--timeout=90s']);
  expect(lastLine(status)).toMatch(/successfully rolled out$/);
}

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: ${NS}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: ${NS}
data:
  greeting: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${NS}
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 80}]
        volumeMounts: [{name: cache, mountPath: /var/cache/nginx}]
      - name: app
        image: shop/api:2.1
      volumes:
      - name: cache
        emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${NS}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 80}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: ${NS}
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      containers:
      - name: agent
        image: fluent/fluent-bit:3.0
`;

describe('kubectl conformance (the acceptance list, in order)', () => {
  it('apply -f a multi-document manifest creates every object, and re-applying changes nothing', async () => {
    const file = join(k.dir, 'manifest.yaml');
    await writeFile(file, MANIFEST);
    expect(await ok(['apply', '-f', file])).toBe(
      [
        `namespace/${NS} created`,
        'configmap/web-config created',
        'deployment.apps/web created',
        'service/web created',
        'daemonset.apps/node-agent created',
        '',
      ].join('\n'),
    );
    await rolledOut('deployment/web');
    await rolledOut('daemonset/node-agent');
    expect(await ok(['apply', '-f', file])).toBe(
      [
        `namespace/${NS} unchanged`,
        'configmap/web-config unchanged',
        'deployment.apps/web unchanged',
        'service/web unchanged',
        'daemonset.apps/node-agent unchanged',
        '',
      ].join('\n'),
    );
  });

  it('get -o wide/yaml/json/jsonpath and describe show the objects', async () => {
    const wide = rows(await inNs('get', 'deployment', 'web', '-o', 'wide'));
    expect(wide[0]).toEqual([
      'NAME',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'AGE',
      'CONTAINERS',
      'IMAGES',
      'SELECTOR',
    ]);
    expect(wide[1]).toEqual([
      'web',
      '2/2',
      '2',
      '2',
      expect.stringMatching(/^\d+s$/),
      'nginx,app',
      'nginx:1.27,shop/api:2.1',
      'app=web',
    ]);
    const pods = rows(await inNs('get', 'pods', '-l', 'app=web', '-o', 'wide'));
    expect(pods[0]).toEqual([
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    for (const pod of pods.slice(1)) {
      expect(pod).toEqual([
        expect.stringMatching(/^web-[a-z0-9]+-[a-z0-9]{5}$/),
        '2/2',
        'Running',
        '0',
        expect.stringMatching(/^\d+s$/),
        expect.stringMatching(/^10\.244\.\d+\.\d+$/),
        expect.stringMatching(/^conformance-worker2?$/),
        '<none>',
        '<none>',
      ]);
    }
    const yaml = await inNs('get', 'deployment', 'web', '-o', 'yaml');
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/);
    expect(yaml).toContain('  replicas: 2\n');
    expect(yaml).toMatch(/\n {2}resourceVersion: "\d+"\n/);
    const json = JSON.parse(await inNs('get', 'deployment', 'web', '-o', 'json')) as {
      metadata: { name: string; annotations: Record<string, string> };
      status: { availableReplicas: number; conditions: Array<{ type: string; status: string }> };
    };
    expect(json.metadata.name).toBe('web');
    expect(json.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    expect(json.status.availableReplicas).toBe(2);
    expect(json.status.conditions.map((c) => `${c.type}=${c.status}`)).toEqual([
      'Available=True',
      'Progressing=True',
    ]);
    expect(
      await inNs('get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[*].image}'),
    ).toBe('nginx:1.27 shop/api:2.1');
    expect(await inNs('get', 'configmap', 'web-config', '-o', 'jsonpath={.data.greeting}')).toBe('hello');

    const described = await inNs('describe', 'deployment', 'web');
    expect(described).toMatch(/^Name:\s+web\nNamespace:\s+conformance\n/);
    expect(described).toMatch(
      /\nReplicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable\n/,
    );
    expect(described).toMatch(/\nNewReplicaSet:\s+web-[a-z0-9]+ \(2\/2 replicas created\)\n/);
    expect(described).toMatch(
      /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-[a-z0-9]+ from 0 to 2/,
    );
    const service = await inNs('describe', 'service', 'web');
    expect(service).toMatch(/\nIP:\s+10\.9[6-9]\.\d+\.\d+\n/);
    expect(service).toMatch(/\nEndpoints:\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\n/);
  });

  it('get -w prints each change as it happens', async () => {
    const watch = k.spawn([
      '--cache-dir',
      cacheDir,
      '-n',
      NS,
      'get',
      'configmaps',
      '--watch',
      '--output-watch-events',
    ]);
    try {
      await eventually(() => /ADDED\s+web-config\s/.test(watch.output()), 30_000, 'the initial list');
      await inNs('create', 'configmap', 'watched', '--from-literal=a=1');
      await eventually(() => /ADDED\s+watched\s+1\s/.test(watch.output()), 30_000, 'ADDED');
      await inNs('patch', 'configmap', 'watched', '--type=merge', '-p', '{"data":{"b":"2"}}');
      await eventually(() => /MODIFIED\s+watched\s+2\s/.test(watch.output()), 30_000, 'MODIFIED');
      await inNs('delete', 'configmap', 'watched');
      await eventually(() => /DELETED\s+watched\s/.test(watch.output()), 30_000, 'DELETED');
      expect(watch.output()).toMatch(/^EVENT\s+NAME\s+DATA\s+AGE\n/);
    } finally {
      watch.process.kill();
    }
  });

  it('label adds, refuses to overwrite without --overwrite, selects and removes labels', async () => {
    expect(await inNs('label', 'deployment', 'web', 'tier=frontend')).toBe('deployment.apps/web labeled\n');
    const again = await kubectl(['-n', NS, 'label', 'deployment', 'web', 'tier=backend']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("error: 'tier' already has a value (frontend), and --overwrite is false\n");
    expect(await inNs('get', 'deployments', '-l', 'tier=frontend', '-o', 'name')).toBe(
      'deployment.apps/web\n',
    );
    expect(await inNs('label', 'deployment', 'web', 'tier-')).toBe('deployment.apps/web unlabeled\n');
    expect(await inNs('get', 'deployment', 'web', '-o', 'jsonpath={.metadata.labels}')).toBe('{"app":"web"}');
  });

  it('annotate sets and removes annotations', async () => {
    expect(await inNs('annotate', 'deployment', 'web', 'owner=team-a')).toBe(
      'deployment.apps/web annotated\n',
    );
    expect(await inNs('get', 'deployment', 'web', '-o', 'jsonpath={.metadata.annotations.owner}')).toBe(
      'team-a',
    );
    expect(await inNs('annotate', 'deployment', 'web', 'owner-')).toBe('deployment.apps/web annotated\n');
    expect(await inNs('get', 'deployment', 'web', '-o', 'jsonpath={.metadata.annotations.owner}')).toBe('');
  });

  it('scale changes the number of running pods', async () => {
    expect(await inNs('scale', 'deployment', 'web', '--replicas=3')).toBe('deployment.apps/web scaled\n');
    await rolledOut('deployment/web');
    expect(await readyWebPods()).toHaveLength(3);
    expect(rows(await inNs('get', 'deployment', 'web'))[1]?.slice(0, 4)).toEqual(['web', '3/3', '3', '3']);
  });

  it('set image updates the pod template', async () => {
    expect(await inNs('set', 'image', 'deployment/web', 'nginx=nginx:1.28')).toBe(
      'deployment.apps/web image updated\n',
    );
    expect(
      await inNs('get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'),
    ).toBe('nginx:1.28');
  });

  it('rollout status, history, undo and restart', async () => {
    const status = await inNs('rollout', 'status', 'deployment/web', '--timeout=90s');
    expect(lastLine(status)).toBe('deployment "web" successfully rolled out');
    expect(await inNs('rollout', 'history', 'deployment/web')).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(await inNs('rollout', 'undo', 'deployment/web')).toBe('deployment.apps/web rolled back\n');
    await rolledOut('deployment/web');
    expect(
      await inNs(
        'get',
        'deployment',
        'web',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
      ),
    ).toBe('nginx:1.27 3');
    expect(await inNs('rollout', 'history', 'deployment/web')).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
    expect(await inNs('rollout', 'restart', 'deployment/web')).toBe('deployment.apps/web restarted\n');
    await rolledOut('deployment/web');
    expect(
      await inNs(
        'get',
        'deployment',
        'web',
        '-o',
        'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}',
      ),
    ).toMatch(/^4 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-Z]/);
    await eventually(async () => (await readyWebPods()).length === 3, 30_000, 'three new pods');
  });

  it('logs -f -c follows one container of a multi-container pod', async () => {
    const pod = await aWebPod();
    const plain = await kubectl(['-n', NS, 'logs', pod, '--tail=1']);
    expect(plain.stderr).toBe('Defaulted container "nginx" out of: nginx, app\n');
    const follower = k.spawn(['--cache-dir', cacheDir, '-n', NS, 'logs', '-f', pod, '-c', 'nginx']);
    const lines = () => follower.output().split('\n').filter(Boolean);
    try {
      const first = await eventually(() => lines().length || undefined, 30_000, 'the log so far');
      await eventually(() => lines().length > first + 1, 30_000, 'new lines arriving');
      // nginx's start-up banner and access log — nothing of the app container's JSON log.
      expect(lines().some((l) => l.includes('Configuration complete; ready for start up'))).toBe(true);
      expect(lines().filter((l) => /"GET \S+ HTTP\/1\.1" \d{3} /.test(l)).length).toBeGreaterThan(0);
      expect(lines().some((l) => l.startsWith('{'))).toBe(false);
    } finally {
      follower.process.kill();
    }
    const app = await inNs('logs', pod, '-c', 'app', '--tail=2');
    expect(
      app
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { level: string }).level),
    ).toHaveLength(2);
  });

  it('exec runs a command, and exec -it runs one and an interactive session on a terminal', async () => {
    const tool = spawnSync('script', ['--version'], { encoding: 'utf8' });
    expect(tool.error, 'util-linux `script` is needed to give kubectl exec -it a terminal').toBeUndefined();
    const pod = await aWebPod();
    expect(await inNs('exec', pod, '-c', 'nginx', '--', 'sh', '-c', 'echo hi')).toBe('hi\n');

    const onTerminal = (
      command: string,
      input: (write: (s: string) => void, output: () => string) => Promise<void>,
    ) =>
      new Promise<{ output: string; code: number | null }>((resolve, reject) => {
        const child = spawn('script', ['-qec', command, '/dev/null'], {
          env: { ...process.env, KUBECONFIG: k.cluster.kubeconfigPath ?? '', HOME: k.dir },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) => resolve({ output, code }));
        input(
          (s) => child.stdin.write(s),
          () => output,
        ).catch(reject);
      });
    const kubectlExec = `kubectl --cache-dir ${cacheDir} -n ${NS} exec -it ${pod} -c nginx --`;

    const once = await onTerminal(`${kubectlExec} sh -c 'test -t 0 && echo hi'`, async () => {});
    expect(once.code).toBe(0);
    expect(once.output).toBe('hi\r\n');

    const session = await onTerminal(`${kubectlExec} sh`, async (write, output) => {
      await eventually(() => output().endsWith('# '), 30_000, 'the shell prompt');
      write('cd /tmp && echo from-the-terminal > note && cat note\n');
      await eventually(() => output().includes('from-the-terminal\r\n# '), 30_000, 'the first answer');
      write('echo $((6 * 7))\n');
      await eventually(() => output().includes('42\r\n# '), 30_000, 'the arithmetic');
      write('exit 3\n');
    });
    expect(session.output).toContain(
      '# cd /tmp && echo from-the-terminal > note && cat note\r\nfrom-the-terminal\r\n',
    );
    expect(session.output).toContain('# echo $((6 * 7))\r\n42\r\n');
    expect(session.output).toContain('command terminated with exit code 3');
    expect(session.code).toBe(3);
    // The session's file is there for the next command: the same container.
    expect(await inNs('exec', pod, '-c', 'nginx', '--', 'cat', '/tmp/note')).toBe('from-the-terminal\n');
  });

  it('cp copies a file into a pod and files out of it', async () => {
    const pod = await aWebPod();
    const upload = join(k.dir, 'upload.txt');
    await writeFile(upload, 'hello from the host\n');
    const up = await kubectl(['-n', NS, 'cp', upload, `${pod}:/tmp/upload.txt`, '-c', 'nginx']);
    expect([up.code, up.stdout, up.stderr]).toEqual([0, '', '']);
    expect(await inNs('exec', pod, '-c', 'nginx', '--', 'cat', '/tmp/upload.txt')).toBe(
      'hello from the host\n',
    );

    const down = join(k.dir, 'hostname');
    const out = await kubectl(['-n', NS, 'cp', `${pod}:/etc/hostname`, down, '-c', 'nginx']);
    expect(out.code, out.stderr).toBe(0);
    expect(await readFile(down, 'utf8')).toBe(`${pod}\n`);

    const dir = join(k.dir, 'site');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.html'), '<h1>conformance</h1>\n');
    await ok(['-n', NS, 'cp', dir, `${pod}:/tmp/site`, '-c', 'nginx']);
    const back = join(k.dir, 'site-back');
    await ok(['-n', NS, 'cp', `${pod}:/tmp/site`, back, '-c', 'nginx']);
    expect(await readFile(join(back, 'index.html'), 'utf8')).toBe('<h1>conformance</h1>\n');
  });

  it('edit applies what the EDITOR wrote, and cancels when nothing changed', async () => {
    const editor = join(k.dir, 'editor.sh');
    await writeFile(editor, '#!/bin/sh\nsed -i \'s/^  replicas: 3$/  replicas: 4/\' "$1"\n', { mode: 0o755 });
    expect(await ok(['-n', NS, 'edit', 'deployment/web'], { env: { EDITOR: editor } })).toBe(
      'deployment.apps/web edited\n',
    );
    expect(await inNs('get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}')).toBe('4');
    const unchanged = await kubectl(['-n', NS, 'edit', 'deployment/web'], { env: { EDITOR: editor } });
    expect(unchanged.code).toBe(0);
    expect(unchanged.stderr).toBe('Edit cancelled, no changes made.\n');
    await rolledOut('deployment/web');
  });

  it('patch with the strategic, merge and json patch types', async () => {
    // Strategic merge: ports merge by their `port` key, the existing one stays (after the new one:
    // mergeSortedSlice puts patch items the live list does not know first).
    expect(
      await inNs(
        'patch',
        'service',
        'web',
        '-p',
        '{"spec":{"ports":[{"name":"alt","port":8080,"targetPort":8080}]}}',
      ),
    ).toBe('service/web patched\n');
    const ports = () =>
      inNs('get', 'service', 'web', '-o', 'jsonpath={range .spec.ports[*]}{.name}:{.port} {end}');
    expect(await ports()).toBe('alt:8080 http:80 ');
    // JSON merge patch: a list is replaced as a whole.
    expect(
      await inNs(
        'patch',
        'service',
        'web',
        '--type=merge',
        '-p',
        '{"spec":{"ports":[{"name":"http","port":80,"targetPort":80}]}}',
      ),
    ).toBe('service/web patched\n');
    expect(await ports()).toBe('http:80 ');
    // …and null removes a key.
    await inNs(
      'patch',
      'configmap',
      'web-config',
      '--type=merge',
      '-p',
      '{"data":{"greeting":null,"color":"blue"}}',
    );
    expect(await inNs('get', 'configmap', 'web-config', '-o', 'jsonpath={.data}')).toBe('{"color":"blue"}');
    // JSON patch: operations on paths.
    expect(
      await inNs(
        'patch',
        'configmap',
        'web-config',
        '--type=json',
        '-p',
        '[{"op":"add","path":"/data/size","value":"L"},{"op":"replace","path":"/data/color","value":"green"}]',
      ),
    ).toBe('configmap/web-config patched\n');
    expect(await inNs('get', 'configmap', 'web-config', '-o', 'jsonpath={.data}')).toBe(
      '{"color":"green","size":"L"}',
    );
    const failedTest = await kubectl([
      '-n',
      NS,
      'patch',
      'configmap',
      'web-config',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/data/color","value":"red"}]',
    ]);
    expect(failedTest.code).toBe(1);
    expect(failedTest.stderr).toBe(
      'The request is invalid: the server rejected our request due to an error in our request\n',
    );
    expect(
      await inNs('patch', 'configmap', 'web-config', '--type=merge', '-p', '{"data":{"size":"L"}}'),
    ).toBe('configmap/web-config patched (no change)\n');
  });

  it('apply --server-side owns fields, reports conflicts and takes them over with --force-conflicts', async () => {
    const settings = (mode: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: ${NS}
data:
  mode: ${mode}
`;
    expect(await ok(['apply', '--server-side', '-f', '-'], { input: settings('fast') })).toBe(
      'configmap/settings serverside-applied\n',
    );
    expect(
      await inNs('get', 'configmap', 'settings', '-o', 'jsonpath={.metadata.managedFields[*].manager}'),
    ).toBe('kubectl');
    const conflict = await kubectl(['apply', '--server-side', '--field-manager=ops', '-f', '-'], {
      input: settings('safe'),
    });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(
      /^error: Apply failed with 1 conflict: conflict with "kubectl": \.data\.mode\n/,
    );
    expect(conflict.stderr).toContain('re-run the apply\n  command with the `--force-conflicts` flag.');
    expect(
      await ok(['apply', '--server-side', '--field-manager=ops', '--force-conflicts', '-f', '-'], {
        input: settings('safe'),
      }),
    ).toBe('configmap/settings serverside-applied\n');
    expect(
      await inNs(
        'get',
        'configmap',
        'settings',
        '-o',
        'jsonpath={.data.mode} {.metadata.managedFields[*].manager}',
      ),
    ).toBe('safe ops');
  });

  it('delete with each propagation policy decides the fate of the dependents', async () => {
    await ok(['create', 'namespace', 'cascade']);
    for (const name of ['bg', 'fg', 'or']) {
      await ok(['-n', 'cascade', 'create', 'deployment', name, '--image=nginx:1.27', '--replicas=1']);
    }
    for (const name of ['bg', 'fg', 'or']) await rolledOut(`deployment/${name}`, 'cascade');
    const dependents = async (app: string) =>
      (await ok(['-n', 'cascade', 'get', 'replicasets,pods', '-l', `app=${app}`, '-o', 'name'])).trim();

    // background (the default): the owner goes at once, the garbage collector removes the rest.
    expect(await ok(['-n', 'cascade', 'delete', 'deployment', 'bg', '--cascade=background'])).toBe(
      'deployment.apps "bg" deleted\n',
    );
    await eventually(async () => (await dependents('bg')) === '', 30_000, 'replica set and pod collected');

    // foreground: by the time the owner is gone, so are its replica set and pod.
    expect(await ok(['-n', 'cascade', 'delete', 'deployment', 'fg', '--cascade=foreground'])).toBe(
      'deployment.apps "fg" deleted\n',
    );
    expect(await dependents('fg')).toBe('');

    // orphan: the replica set and its pod stay, no longer owned.
    expect(await ok(['-n', 'cascade', 'delete', 'deployment', 'or', '--cascade=orphan'])).toBe(
      'deployment.apps "or" deleted\n',
    );
    await eventually(
      async () =>
        (await ok([
          '-n',
          'cascade',
          'get',
          'replicasets',
          '-l',
          'app=or',
          '-o',
          'jsonpath={.items[*].metadata.ownerReferences}',
        ])) === '',
      30_000,
      'owner reference removed',
    );
    const orphans = (await dependents('or')).split('\n');
    expect(orphans).toHaveLength(2);
    expect(orphans[0]).toMatch(/^replicaset\.apps\/or-[a-z0-9]+$/);
    expect(orphans[1]).toMatch(/^pod\/or-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(
      await ok(['-n', 'cascade', 'get', 'pods', '-l', 'app=or', '-o', 'jsonpath={.items[0].status.phase}']),
    ).toBe('Running');
  });

  it('cordon marks a node unschedulable; drain evicts its pods but DaemonSet ones', async () => {
    const node = (await readyWebPods())[0]?.node ?? '';
    expect(node).toMatch(/^conformance-worker2?$/);
    expect(await ok(['cordon', node])).toBe(`node/${node} cordoned\n`);
    const nodes = rows(await ok(['get', 'nodes']));
    expect(nodes.find((r) => r[0] === node)?.[1]).toBe('Ready,SchedulingDisabled');

    // kubectl refuses to drop emptyDir data unless told to.
    const refused = await kubectl(['drain', node, '--ignore-daemonsets']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `error: unable to drain node "${node}" due to error: cannot delete Pods with local storage \\(use --delete-emptydir-data to override\\): ${NS}/web-`,
      ),
    );

    const drain = await kubectl([
      'drain',
      node,
      '--ignore-daemonsets',
      '--delete-emptydir-data',
      '--timeout=90s',
    ]);
    expect(drain.code, drain.stderr).toBe(0);
    const output = drain.stdout + drain.stderr;
    expect(output).toContain(`node/${node} already cordoned`);
    expect(output).toMatch(
      new RegExp(`Warning: ignoring DaemonSet-managed Pods: ${NS}/node-agent-[a-z0-9]{5}`),
    );
    expect(output).toMatch(new RegExp(`evicting pod ${NS}/web-`));
    expect(output).toMatch(/pod\/web-[a-z0-9]+-[a-z0-9]{5} evicted\n/);
    expect(drain.stdout).toMatch(new RegExp(`node/${node} drained\n$`));

    const onNode = await ok(['get', 'pods', '-A', '--field-selector', `spec.nodeName=${node}`, '-o', 'name']);
    expect(onNode.trim().split('\n')).toEqual([expect.stringMatching(/^pod\/node-agent-[a-z0-9]{5}$/)]);
    await rolledOut('deployment/web');
    expect((await readyWebPods()).map((p) => p.node).filter((n) => n === node)).toEqual([]);
    expect(await ok(['uncordon', node])).toBe(`node/${node} uncordoned\n`);
  });

  it('top nodes and top pods show usage', async () => {
    const nodes = await eventually(
      async () => {
        const r = await kubectl(['top', 'nodes']);
        return r.code === 0 ? rows(r.stdout) : undefined;
      },
      30_000,
      'node metrics',
    );
    expect(nodes[0]).toEqual(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    expect(nodes.slice(1).map((r) => r[0])).toEqual([
      'conformance-control-plane',
      'conformance-worker',
      'conformance-worker2',
    ]);
    for (const row of nodes.slice(1)) {
      expect(row.slice(1)).toEqual([
        expect.stringMatching(/^\d+m$/),
        expect.stringMatching(/^\d+%$/),
        expect.stringMatching(/^\d+Mi$/),
        expect.stringMatching(/^\d+%$/),
      ]);
    }
    const web = new Set((await readyWebPods()).map((p) => p.name));
    const pods = await eventually(
      async () => {
        const r = await kubectl(['-n', NS, 'top', 'pods', '-l', 'app=web']);
        const table = r.code === 0 ? rows(r.stdout) : [];
        return table.length === web.size + 1 ? table : undefined;
      },
      30_000,
      'pod metrics',
    );
    expect(pods[0]).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    for (const row of pods.slice(1)) {
      expect(web.has(row[0] ?? '')).toBe(true);
      expect(row.slice(1)).toEqual([expect.stringMatching(/^\d+m$/), expect.stringMatching(/^\d+Mi$/)]);
    }
    const containers = rows(await inNs('top', 'pods', '-l', 'app=web', '--containers'));
    expect(containers[0]).toEqual(['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(new Set(containers.slice(1).map((r) => r[1]))).toEqual(new Set(['nginx', 'app']));
  });

  it('create quota, then a pod beyond it is refused with the real message', async () => {
    await ok(['create', 'namespace', 'quota-demo']);
    expect(await ok(['-n', 'quota-demo', 'create', 'quota', 'pod-limit', '--hard=pods=1'])).toBe(
      'resourcequota/pod-limit created\n',
    );
    await eventually(
      async () => /pods\s+0\s+1/.test(await ok(['-n', 'quota-demo', 'describe', 'quota', 'pod-limit'])),
      30_000,
      'quota status',
    );
    expect(await ok(['-n', 'quota-demo', 'run', 'first', '--image=nginx:1.27'])).toBe('pod/first created\n');
    const refused = await kubectl(['-n', 'quota-demo', 'run', 'second', '--image=nginx:1.27']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'Error from server (Forbidden): pods "second" is forbidden: exceeded quota: pod-limit, requested: pods=1, used: pods=1, limited: pods=1\n',
    );
  });

  it('auth can-i answers yes or no, following RBAC', async () => {
    const admin = await kubectl(['auth', 'can-i', 'delete', 'nodes']);
    expect([admin.stdout, admin.code]).toEqual(['yes\n', 0]);
    const asJane = ['-n', NS, 'auth', 'can-i', 'create', 'deployments', '--as=jane'];
    const before = await kubectl(asJane);
    expect([before.stdout, before.code]).toEqual(['no\n', 1]);
    expect(await inNs('create', 'rolebinding', 'jane-edits', '--clusterrole=edit', '--user=jane')).toBe(
      'rolebinding.rbac.authorization.k8s.io/jane-edits created\n',
    );
    const after = await kubectl(asJane);
    expect([after.stdout, after.code]).toEqual(['yes\n', 0]);
    const elsewhere = await kubectl(['-n', 'default', 'auth', 'can-i', 'create', 'deployments', '--as=jane']);
    expect([elsewhere.stdout, elsewhere.code]).toEqual(['no\n', 1]);
  });

  it('api-resources lists the served resources with short names, versions and kinds', async () => {
    const table = rows(await ok(['api-resources']));
    expect(table[0]).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    const row = (name: string) => table.find((r) => r[0] === name);
    expect(row('pods')).toEqual(['pods', 'po', 'v1', 'true', 'Pod']);
    expect(row('deployments')).toEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
    expect(row('services')).toEqual(['services', 'svc', 'v1', 'true', 'Service']);
    expect(row('resourcequotas')).toEqual(['resourcequotas', 'quota', 'v1', 'true', 'ResourceQuota']);
    expect(row('horizontalpodautoscalers')).toEqual([
      'horizontalpodautoscalers',
      'hpa',
      'autoscaling/v2',
      'true',
      'HorizontalPodAutoscaler',
    ]);
    expect(row('nodes')).toEqual(['nodes', 'no', 'v1', 'false', 'Node']);
    expect(row('customresourcedefinitions')).toEqual([
      'customresourcedefinitions',
      'crd,crds',
      'apiextensions.k8s.io/v1',
      'false',
      'CustomResourceDefinition',
    ]);
    const apps = (await ok(['api-resources', '--api-group=apps', '-o', 'name'])).trim().split('\n');
    expect(apps).toEqual([
      'controllerrevisions.apps',
      'daemonsets.apps',
      'deployments.apps',
      'replicasets.apps',
      'statefulsets.apps',
    ]);
  });

  it('explain deployment.spec names the fields with their types and descriptions', async () => {
    const out = await ok(['explain', 'deployment.spec']);
    expect(out).toMatch(
      /^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: spec <DeploymentSpec>\n/,
    );
    expect(out).toMatch(/\nDESCRIPTION:\n\s+\S/);
    expect(out).toMatch(/\n {2}replicas\t<integer>\n {4}Number of desired pods\./);
    expect(out).toMatch(/\n {2}selector\t<LabelSelector> -required-\n {4}A label selector is a label query/);
    expect(out).toMatch(/\n {2}strategy\t<DeploymentStrategy>\n {4}\S/);
    expect(out).toMatch(/\n {2}template\t<PodTemplateSpec> -required-\n {4}\S/);
    const missing = await kubectl(['explain', 'deployment.spec.nosuchfield']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('field "nosuchfield" does not exist');
  });
});
