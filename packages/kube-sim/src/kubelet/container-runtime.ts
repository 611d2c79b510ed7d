/**
 * One container as the runtime knows it: its current state, the run before (lastState), its
 * file system (a fresh one per run, built on first use so 30,000 idle containers cost nothing),
 * environment, process list and the console `kubectl attach` connects to.
 */
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../types.ts';
import {
  createContainerFs,
  defaultContainerEnv,
  imageProfile,
  type ContainerContext,
  type ContainerFs,
  type ProcessInfo,
} from '../container/index.ts';
import { imageId, normalizeImage } from './images.ts';
import { ContainerConsole } from './container-console.ts';

export interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath?: string } } }[];
  stdin?: boolean;
  tty?: boolean;
  restartPolicy?: string;
  readinessProbe?: { initialDelaySeconds?: number };
  startupProbe?: { initialDelaySeconds?: number };
  ports?: { containerPort: number; name?: string; protocol?: string }[];
}

export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: Date;
  finishedAt: Date;
  containerID: string;
}

export type ContainerState =
  | { kind: 'waiting'; reason: string; message?: string }
  | { kind: 'running'; startedAt: Date; containerID: string }
  | { kind: 'terminated'; terminated: Terminated };

export interface RuntimeHooks {
  now(): Date;
  /** Sleeps on the cluster clock (what `sleep` in a container waits for). */
  sleep(ms: number): Promise<void>;
}

export interface PodIdentity {
  namespace: string;
  name: string;
  uid: string;
  nodeName: string;
  podIP: string;
  serviceAccountName: string;
}

export class ContainerRuntime {
  readonly spec: ContainerSpec;
  readonly init: boolean;
  /** Restartable init container: starts in order, then runs beside the app containers. */
  readonly sidecar: boolean;
  state: ContainerState;
  lastTerminated: Terminated | undefined;
  restartCount = 0;
  ready = false;
  started = false;
  /** Consecutive failed pulls / crashes, for the back-off. */
  pullFailures = 0;
  crashes = 0;
  private fs: ContainerFs | undefined;
  private consoleInstance: ContainerConsole | undefined;
  private readonly identity: PodIdentity;
  private readonly hooks: RuntimeHooks;

  constructor(spec: ContainerSpec, kind: 'init' | 'app', identity: PodIdentity, hooks: RuntimeHooks) {
    this.spec = spec;
    this.init = kind === 'init';
    this.sidecar = this.init && spec.restartPolicy === 'Always';
    this.identity = identity;
    this.hooks = hooks;
    this.state = { kind: 'waiting', reason: kind === 'init' ? 'PodInitializing' : 'ContainerCreating' };
  }

  get name(): string {
    return this.spec.name;
  }

  /** The pod this container belongs to. */
  get pod(): { namespace: string; name: string } {
    return { namespace: this.identity.namespace, name: this.identity.name };
  }

  get image(): string {
    return this.spec.image;
  }

  get running(): boolean {
    return this.state.kind === 'running';
  }

  get startedAt(): Date | undefined {
    return this.state.kind === 'running' ? this.state.startedAt : undefined;
  }

  /** Starts a new run: a new container ID, a fresh file system. */
  start(at: Date): void {
    if (this.state.kind === 'terminated') this.lastTerminated = this.state.terminated;
    this.state = {
      kind: 'running',
      startedAt: at,
      containerID: `containerd://${randomBytes(32).toString('hex')}`,
    };
    this.fs = undefined;
    this.consoleInstance?.close();
    this.consoleInstance = undefined;
  }

  /** Ends the current run. */
  terminate(at: Date, exitCode: number, reason: string): Terminated | undefined {
    if (this.state.kind !== 'running') return undefined;
    const terminated: Terminated = {
      exitCode,
      reason,
      startedAt: this.state.startedAt,
      finishedAt: at,
      containerID: this.state.containerID,
    };
    this.state = { kind: 'terminated', terminated };
    this.ready = false;
    this.consoleInstance?.close();
    this.consoleInstance = undefined;
    return terminated;
  }

  /** The file system of the running container (built on first use). */
  fileSystem(): ContainerFs {
    if (this.fs !== undefined) return this.fs;
    const startedAt = this.startedAt ?? this.hooks.now();
    let building = true;
    const fs = createContainerFs({
      image: this.image,
      containerName: this.name,
      podName: this.identity.name,
      namespace: this.identity.namespace,
      env: this.environment(),
      now: () => (building ? startedAt : this.hooks.now()),
      hostname: this.identity.name,
      podIP: this.identity.podIP,
      serviceAccountName: this.identity.serviceAccountName,
      command: this.commandLine(),
    });
    building = false;
    this.fs = fs;
    return fs;
  }

  /** The environment PID 1 got: image ENV, the spec's env (fieldRefs resolved), service links. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const entry of this.spec.env ?? []) {
      if (entry.value !== undefined) env[entry.name] = entry.value;
      else if (entry.valueFrom?.fieldRef?.fieldPath !== undefined) {
        env[entry.name] = this.fieldRef(entry.valueFrom.fieldRef.fieldPath);
      }
    }
    return defaultContainerEnv({ image: this.image, hostname: this.identity.name, env });
  }

  private fieldRef(path: string): string {
    switch (path) {
      case 'metadata.name':
        return this.identity.name;
      case 'metadata.namespace':
        return this.identity.namespace;
      case 'metadata.uid':
        return this.identity.uid;
      case 'spec.nodeName':
        return this.identity.nodeName;
      case 'spec.serviceAccountName':
        return this.identity.serviceAccountName;
      case 'status.podIP':
        return this.identity.podIP;
      default:
        return '';
    }
  }

  /** PID 1's argv: the spec's command/args, or what the image runs. */
  commandLine(): string[] {
    const profile = imageProfile(this.image);
    if (this.spec.command !== undefined && this.spec.command.length > 0) {
      return [...this.spec.command, ...(this.spec.args ?? [])];
    }
    if (this.spec.args !== undefined && this.spec.args.length > 0)
      return [...profile.command, ...this.spec.args];
    return profile.command;
  }

  workingDir(): string {
    return this.spec.workingDir ?? imageProfile(this.image).workingDir;
  }

  /** What execInContainer needs to run a program in this container. */
  execContext(signal?: AbortSignal): ContainerContext {
    return {
      fs: this.fileSystem(),
      env: this.environment(),
      hostname: this.identity.name,
      workingDir: this.workingDir(),
      processes: () => this.processes(),
      now: () => this.hooks.now(),
      sleep: (ms) => this.hooks.sleep(ms),
      ...(signal === undefined ? {} : { signal }),
    };
  }

  processes(): ProcessInfo[] {
    const startedAt = this.startedAt ?? this.hooks.now();
    const command = this.commandLine().join(' ');
    const list: ProcessInfo[] = [{ pid: 1, ppid: 0, user: 'root', command, startedAt, stat: 'Ss' }];
    if (imageProfile(this.image).app === 'nginx' && this.spec.command === undefined) {
      for (const pid of [29, 30]) {
        list.push({ pid, ppid: 1, user: 'nginx', command: 'nginx: worker process', startedAt, stat: 'S' });
      }
    }
    return list;
  }

  /** The main process's terminal/console for `kubectl attach` (one per run). */
  console(): ContainerConsole {
    this.consoleInstance ??= new ContainerConsole(this);
    return this.consoleInstance;
  }

  statusImage(): string {
    return normalizeImage(this.image);
  }

  statusImageId(): string {
    return imageId(this.image);
  }
}

/** Containers of a pod spec, init containers first. */
export function containerSpecs(pod: KubeObject): { init: ContainerSpec[]; app: ContainerSpec[] } {
  const spec = (pod.spec ?? {}) as { initContainers?: ContainerSpec[]; containers?: ContainerSpec[] };
  return { init: spec.initContainers ?? [], app: spec.containers ?? [] };
}
