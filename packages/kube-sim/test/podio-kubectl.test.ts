/**
 * Pod IO with the real kubectl: logs (tail, timestamps, previous), exec (exit codes, stdin),
 * attach. (logs -f -c, exec -it and cp: conformance-kubectl.test.ts.)
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../src/testing/test-core.ts';
import { startKubectlSession, type KubectlSession } from './support/kubectl.ts';

let k: KubectlSession;

const MANIFESTS = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: io}
spec:
  containers:
  - {name: app, image: nginx:1.27}
---
apiVersion: v1
kind: Pod
metadata: {name: multi, namespace: io}
spec:
  containers:
  - {name: a, image: nginx:1.27}
  - {name: b, image: redis:7.4}
---
apiVersion: v1
kind: Pod
metadata: {name: crashy, namespace: io}
spec:
  containers:
  - {name: app, image: example/crash-api:2.1}
---
apiVersion: v1
kind: Pod
metadata: {name: ghost, namespace: io}
spec:
  containers:
  - {name: app, image: nginx:missing}
---
apiVersion: v1
kind: Pod
metadata: {name: shell, namespace: io}
spec:
  containers:
  - {name: sh, image: busybox:1.36, command: [sh], stdin: true, tty: true}
`;

beforeAll(async () => {
  k = await startKubectlSession({ nodes: 3 });
  await k.run(['create', 'namespace', 'io']);
  const applied = await k.run(['apply', '-f', '-'], { input: MANIFESTS });
  expect(applied.code, applied.stderr).toBe(0);
  const ready = await k.run([
    '-n',
    'io',
    'wait',
    '--for=condition=Ready',
    'pod/web',
    'pod/multi',
    'pod/shell',
    '--timeout=60s',
  ]);
  expect(ready.code, ready.stderr).toBe(0);
}, 90_000);
afterAll(() => k.close());

describe('kubectl logs', () => {
  it('prints the container log, --tail and --timestamps', async () => {
    const all = await k.run(['-n', 'io', 'logs', 'web']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    const tail = await k.run(['-n', 'io', 'logs', 'web', '--tail=2']);
    expect(tail.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(all.stdout.endsWith(tail.stdout)).toBe(true);
    const stamped = await k.run(['-n', 'io', 'logs', 'web', '--timestamps', '--tail=1']);
    expect(stamped.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S/);
  });

  it('names the containers of a multi-container pod and rejects unknown ones', async () => {
    // kubectl picks the first container itself and says so; the API server's own answer for a
    // request without a container is checked with client-node.
    const none = await k.run(['-n', 'io', 'logs', 'multi', '--tail=1']);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stderr).toBe('Defaulted container "a" out of: a, b\n');
    const bad = await k.run(['-n', 'io', 'logs', 'multi', '-c', 'nope']);
    expect(bad.stderr).toContain('container nope is not valid for pod multi');
  });

  it('answers like the kubelet for waiting and never-restarted containers', async () => {
    const waiting = await k.run(['-n', 'io', 'logs', 'ghost']);
    expect(waiting.stderr).toMatch(
      /Error from server \(BadRequest\): container "app" in pod "ghost" is waiting to start: (image can't be pulled|trying and failing to pull image|ContainerCreating)/,
    );
    const previous = await k.run(['-n', 'io', 'logs', 'web', '--previous']);
    expect(previous.stderr).toBe(
      'Error from server (BadRequest): previous terminated container "app" in pod "web" not found\n',
    );
  });

  it('shows the crashed run with --previous', async () => {
    await eventually(
      async () => {
        const r = await k.run([
          '-n',
          'io',
          'get',
          'pod',
          'crashy',
          '-o',
          'jsonpath={.status.containerStatuses[0].restartCount}',
        ]);
        return Number(r.stdout) >= 1;
      },
      30_000,
      'a restart',
    );
    const previous = await k.run(['-n', 'io', 'logs', 'crashy', '--previous']);
    expect(previous.code, previous.stderr).toBe(0);
    expect(previous.stdout).toContain('panic: failed to connect to database');
  }, 40_000);
});

describe('kubectl exec and attach', () => {
  it('runs a command, reports exit codes and a missing executable like containerd', async () => {
    expect((await k.run(['-n', 'io', 'exec', 'web', '--', 'sh', '-c', 'echo hi'])).stdout).toBe('hi\n');
    const failed = await k.run(['-n', 'io', 'exec', 'web', '--', 'sh', '-c', 'exit 3']);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toBe('command terminated with exit code 3\n');
    const missing = await k.run(['-n', 'io', 'exec', 'web', '--', 'nosuch']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/,
    );
    const notRunning = await k.run(['-n', 'io', 'exec', 'ghost', '--', 'true']);
    expect(notRunning.stderr).toContain('container not found ("app")');
  });

  it('feeds a script through stdin with exec -i', async () => {
    const r = await k.run(['-n', 'io', 'exec', '-i', 'web', '--', 'sh'], {
      input: 'cd /tmp\necho one > f\ncat f\necho $((2 + 3))\n',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('one\n5\n');
  });

  it('attaches to a running container and to an interactive shell', async () => {
    const logs = k.spawn(['-n', 'io', 'attach', 'web']);
    await eventually(() => /GET \/\S* HTTP\/1\.1/.test(logs.output()), 20_000, 'a log line through attach');
    logs.process.kill();
    const shell = spawn('kubectl', ['-n', 'io', 'attach', '-i', 'shell'], {
      env: { ...process.env, KUBECONFIG: k.cluster.kubeconfigPath ?? '', HOME: k.dir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    shell.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    shell.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(
        () => output.includes("If you don't see a command prompt, try pressing enter."),
        20_000,
      );
      shell.stdin.write('echo attached-$((40 + 2))\n');
      await eventually(() => output.includes('attached-42'), 20_000, 'the shell answering');
    } finally {
      shell.kill();
    }
  });
});
