/**
 * Test-only: the smallest API server the real kubectl needs for `kubectl exec` and
 * `kubectl cp` against one pod — GET the pod, and the exec subresource over the v5
 * WebSocket channel protocol (stdin 0, stdout 1, stderr 2, status 3, close 255). It lets
 * tests prove the container module works with the exact commands kubectl sends.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { execInContainer, type ContainerContext } from '../exec/exec-in-container.ts';

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;

export interface ExecServer {
  url: string;
  /** argv of every exec request, in order. */
  commands: string[][];
  close(): Promise<void>;
}

function status(code: number, message: string): string {
  return JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: code === 404 ? 'NotFound' : 'BadRequest',
    code,
  });
}

function exitStatus(argv: string[], exitCode: number, message?: string): string {
  if (message !== undefined)
    return JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 });
  if (exitCode === 0) return JSON.stringify({ metadata: {}, status: 'Success' });
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  });
}

function frame(stream: number, data: Uint8Array | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
  return Buffer.concat([Buffer.from([stream]), body]);
}

/** Stdin frames as an async iterable that ends on the v5 close frame or socket close. */
function stdinOf(ws: WebSocket): AsyncIterable<Uint8Array> {
  const queue: Uint8Array[] = [];
  let done = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  ws.on('message', (raw: Buffer) => {
    if (raw[0] === STDIN) queue.push(new Uint8Array(raw.subarray(1)));
    else if (raw[0] === CLOSE && raw[1] === STDIN) done = true;
    notify();
  });
  ws.on('close', () => {
    done = true;
    notify();
  });
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (done) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

const API_V1_RESOURCES = JSON.stringify({
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    {
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get', 'list'],
      shortNames: ['po'],
    },
    {
      name: 'pods/exec',
      singularName: '',
      namespaced: true,
      kind: 'PodExecOptions',
      verbs: ['create', 'get'],
    },
  ],
});

export async function startExecServer(
  ctx: ContainerContext,
  pod = { namespace: 'default', name: 'web', container: 'app' },
): Promise<ExecServer> {
  const commands: string[][] = [];
  const podPath = `/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`;
  const podJson = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod.name, namespace: pod.namespace, uid: '6b0c3c41-5d5e-4f0e-9d0b-0a6f3d8a1c11' },
    spec: { containers: [{ name: pod.container, image: 'nginx:1.27' }] },
    status: { phase: 'Running' },
  });
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.setHeader('content-type', 'application/json');
    if (path === '/version')
      return res.end(
        JSON.stringify({ major: '1', minor: '31', gitVersion: 'v1.31.0-sim', platform: 'linux/amd64' }),
      );
    if (path === podPath) return res.end(podJson);
    // Just enough discovery for kubectl to map `pod`/`pods` to /api/v1.
    if (path === '/api')
      return res.end(
        JSON.stringify({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] }),
      );
    if (path === '/apis')
      return res.end(JSON.stringify({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] }));
    if (path === '/api/v1') return res.end(API_V1_RESOURCES);
    res.statusCode = path.endsWith('/exec') ? 400 : 404;
    res.end(
      status(
        res.statusCode,
        path.endsWith('/exec') ? 'this test server speaks exec over WebSocket only' : 'not found',
      ),
    );
  });
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('v5.channel.k8s.io') ? 'v5.channel.k8s.io' : false),
  });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== `${podPath}/exec`) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const argv = url.searchParams.getAll('command');
      const tty = url.searchParams.get('tty') === 'true';
      const wantsStdin = url.searchParams.get('stdin') === 'true';
      commands.push(argv);
      void execInContainer(argv, ctx, {
        stdin: wantsStdin ? stdinOf(ws) : null,
        stdout: (chunk) => ws.send(frame(STDOUT, chunk)),
        stderr: (chunk) => ws.send(frame(STDERR, chunk)),
        tty,
      }).then(({ exitCode, message }) => {
        ws.send(frame(ERROR, exitStatus(argv, exitCode, message)));
        ws.close(1000);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
