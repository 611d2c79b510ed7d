/**
 * One pod's life on its node, as the kubelet drives it: sandbox, init containers one by one,
 * image pulls (and pull back-off for images that do not exist), app containers, crash loops
 * with exponential back-off, run-to-completion for Job pods, and graceful termination. Every
 * step happens on the cluster clock; state changes mark the pod dirty and the kubelet posts
 * one status for everything that changed at the same moment.
 */
import type { KubeObject } from '../types.ts';
import type { TimerHandle } from '../nodes/cluster-timers.ts';
import { ContainerRuntime, containerSpecs, type PodIdentity } from './container-runtime.ts';
import { imageMissing, pulledMessage, pullErrorMessage, pullPolicy } from './images.ts';
import { backoffMs, backoffText } from './kubelet-settings.ts';
import { exitPlan, podPhase } from './pod-phase.ts';
import type { PodHost } from './pod-host.ts';
import type { PodPhase, PodView } from './pod-status.ts';

export class PodWorker implements PodView {
  pod: KubeObject;
  readonly identity: PodIdentity;
  readonly init: ContainerRuntime[];
  readonly app: ContainerRuntime[];
  phase: PodPhase = 'Pending';
  hostIP: string;
  podIP = '';
  startTime: Date;
  sandboxReady = false;
  completed = false;
  terminating = false;
  private readonly host: PodHost;
  private readonly timers = new Set<TimerHandle>();
  private readonly restartPolicy: string;

  constructor(pod: KubeObject, host: PodHost) {
    this.pod = pod;
    this.host = host;
    const spec = (pod.spec ?? {}) as {
      nodeName?: string;
      serviceAccountName?: string;
      restartPolicy?: string;
    };
    this.restartPolicy = spec.restartPolicy ?? 'Always';
    this.identity = {
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      uid: pod.metadata.uid ?? '',
      nodeName: spec.nodeName ?? '',
      podIP: '',
      serviceAccountName: spec.serviceAccountName ?? 'default',
    };
    const hooks = { now: () => host.now(), sleep: (ms: number) => host.sleep(ms) };
    const specs = containerSpecs(pod);
    this.init = specs.init.map((c) => new ContainerRuntime(c, 'init', this.identity, hooks));
    this.app = specs.app.map((c) => new ContainerRuntime(c, 'app', this.identity, hooks));
    this.hostIP = host.hostIP(this.identity.nodeName);
    this.startTime = host.now();
  }

  get key(): string {
    return `${this.identity.namespace}/${this.identity.name}`;
  }

  container(name: string): ContainerRuntime | undefined {
    return this.app.find((c) => c.name === name) ?? this.init.find((c) => c.name === name);
  }

  volumeMounts(container: ContainerRuntime): unknown[] | undefined {
    const mounts = (container.spec as { volumeMounts?: Record<string, unknown>[] }).volumeMounts;
    return mounts?.map((m) => {
      const out: Record<string, unknown> = { name: m.name, mountPath: m.mountPath };
      if (m.readOnly === true) out.readOnly = true;
      out.recursiveReadOnly = 'Disabled';
      return out;
    });
  }

  /** The kubelet admits the pod: ContainerCreating, then the sandbox and the first containers. */
  begin(): void {
    this.startTime = this.host.now();
    this.host.markDirty(this);
    this.after(this.host.settings.sandboxMs, () => {
      const hostNetwork = (this.pod.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork === true;
      this.podIP = hostNetwork ? this.hostIP : this.host.allocateIP(this.identity.nodeName, this.key);
      this.identity.podIP = this.podIP;
      this.sandboxReady = true;
      this.proceed();
    });
  }

  /** Starts whatever comes next: the next init container, or all app containers. */
  private proceed(): void {
    if (this.terminating || this.completed) return;
    for (const c of this.init) {
      if (
        c.sidecar
          ? c.started || c.running
          : c.state.kind === 'terminated' && c.state.terminated.exitCode === 0
      )
        continue;
      if (c.state.kind === 'waiting' && c.state.reason === 'PodInitializing') this.pullThenStart(c);
      return;
    }
    for (const c of this.app) {
      if (
        c.state.kind === 'waiting' &&
        (c.state.reason === 'ContainerCreating' || c.state.reason === 'PodInitializing')
      )
        this.pullThenStart(c);
    }
    this.updatePhase();
  }

  private fieldPath(c: ContainerRuntime): string {
    return `${c.init ? 'spec.initContainers' : 'spec.containers'}{${c.name}}`;
  }

  private event(
    c: ContainerRuntime | undefined,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    this.host.event(this, type, reason, message, c === undefined ? undefined : this.fieldPath(c));
  }

  private pullThenStart(c: ContainerRuntime): void {
    const image = c.image;
    if (c.state.kind === 'waiting' && c.state.reason === 'PodInitializing') {
      c.state = { kind: 'waiting', reason: 'ContainerCreating' };
    }
    if (imageMissing(image)) {
      this.event(c, 'Normal', 'Pulling', `Pulling image "${image}"`);
      this.after(this.host.settings.pullMs, () => this.pullFailed(c));
      return;
    }
    const policy = pullPolicy(image, c.spec.imagePullPolicy);
    const present = this.host.nodeHasImage(this.identity.nodeName, image);
    if (policy === 'Always' || (policy === 'IfNotPresent' && !present)) {
      this.event(c, 'Normal', 'Pulling', `Pulling image "${image}"`);
      const pullMs = this.host.settings.pullMs;
      this.after(pullMs, () => {
        this.host.addNodeImage(this.identity.nodeName, image);
        this.event(c, 'Normal', 'Pulled', pulledMessage(image, pullMs));
        this.createAndStart(c);
      });
      return;
    }
    this.event(c, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
    this.createAndStart(c);
  }

  private pullFailed(c: ContainerRuntime): void {
    const image = c.image;
    const error = pullErrorMessage(image);
    c.pullFailures++;
    c.state = { kind: 'waiting', reason: 'ErrImagePull', message: error };
    this.event(c, 'Warning', 'Failed', `Failed to pull image "${image}": ${error}`);
    this.event(c, 'Warning', 'Failed', 'Error: ErrImagePull');
    this.host.markDirty(this);
    const wait = backoffMs(this.host.settings, c.pullFailures);
    this.after(this.host.settings.syncMs, () => {
      c.state = {
        kind: 'waiting',
        reason: 'ImagePullBackOff',
        message: `Back-off pulling image "${image}": ErrImagePull: ${error}`,
      };
      this.event(c, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
      this.event(c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      this.host.markDirty(this);
    });
    this.after(this.host.settings.syncMs + wait, () => this.pullThenStart(c));
  }

  private createAndStart(c: ContainerRuntime): void {
    if (this.terminating) return;
    const now = this.host.now();
    c.start(now);
    c.pullFailures = 0;
    this.event(c, 'Normal', 'Created', `Created container: ${c.name}`);
    this.event(c, 'Normal', 'Started', `Started container ${c.name}`);
    const startupDelay = (c.spec.startupProbe?.initialDelaySeconds ?? 0) * 1000;
    const readinessDelay = (c.spec.readinessProbe?.initialDelaySeconds ?? 0) * 1000;
    const run = c.state.kind === 'running' ? c.state.containerID : '';
    const stillThisRun = (): boolean => c.state.kind === 'running' && c.state.containerID === run;
    const markStarted = (): void => {
      c.started = true;
      if (c.sidecar) this.proceed();
      if (c.init && !c.sidecar) return;
      if (c.spec.readinessProbe === undefined) c.ready = true;
      else
        this.after(readinessDelay, () => {
          if (!stillThisRun()) return;
          c.ready = true;
          this.host.markDirty(this);
        });
    };
    if (startupDelay > 0 && c.spec.startupProbe !== undefined) {
      this.after(startupDelay, () => {
        if (!stillThisRun()) return;
        markStarted();
        this.host.markDirty(this);
      });
    } else {
      markStarted();
    }
    const plan = exitPlan(c, this.pod, this.restartPolicy, this.host.settings);
    if (plan !== undefined) {
      this.after(plan.afterMs, () => {
        if (stillThisRun()) this.exited(c, plan.exitCode);
      });
    }
    this.updatePhase();
    this.host.markDirty(this);
  }

  private exited(c: ContainerRuntime, exitCode: number): void {
    const terminated = c.terminate(this.host.now(), exitCode, exitCode === 0 ? 'Completed' : 'Error');
    if (terminated === undefined) return;
    this.host.markDirty(this);
    const policy = c.sidecar
      ? 'Always'
      : c.init && this.restartPolicy === 'Always'
        ? 'OnFailure'
        : this.restartPolicy;
    const restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
    if (restart) {
      // A run that lasted long enough resets the back-off, as the kubelet's does after 2× max.
      const ranMs = terminated.finishedAt.getTime() - terminated.startedAt.getTime();
      if (ranMs > 2 * this.host.settings.backoffMaxMs) c.crashes = 0;
      c.crashes++;
      this.scheduleRestart(c);
    } else if (c.init && exitCode === 0) {
      this.proceed();
    }
    this.updatePhase();
  }

  /** The first restart follows at the next sync; later ones wait out the back-off. */
  private scheduleRestart(c: ContainerRuntime): void {
    const settings = this.host.settings;
    if (c.crashes <= 1) {
      this.after(settings.syncMs, () => this.restart(c));
      return;
    }
    const wait = backoffMs(settings, c.crashes - 1);
    const pod = `${this.identity.name}_${this.identity.namespace}(${this.identity.uid})`;
    this.after(settings.syncMs, () => {
      if (c.state.kind !== 'terminated') return;
      c.lastTerminated = c.state.terminated;
      c.state = {
        kind: 'waiting',
        reason: 'CrashLoopBackOff',
        message: `back-off ${backoffText(wait)} restarting failed container=${c.name} pod=${pod}`,
      };
      this.event(c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod}`);
      this.host.markDirty(this);
    });
    this.after(settings.syncMs + wait, () => this.restart(c));
  }

  private restart(c: ContainerRuntime): void {
    if (this.terminating || this.completed) return;
    if (c.state.kind === 'terminated') c.lastTerminated = c.state.terminated;
    c.restartCount++;
    c.started = false;
    this.pullThenStart(c);
  }

  /** Pod phase from the containers, as the kubelet's getPhase computes it. */
  private updatePhase(): void {
    if (this.completed) return;
    const phase = podPhase(this.init, this.app, this.restartPolicy);
    if (phase === 'Succeeded' || phase === 'Failed') this.complete(phase);
    else if (phase !== undefined) this.phase = phase;
  }

  private complete(phase: 'Succeeded' | 'Failed'): void {
    this.phase = phase;
    this.completed = true;
    for (const c of [...this.init, ...this.app]) c.ready = false;
    this.cancelTimers();
    this.host.markDirty(this);
  }

  /** Graceful deletion: Killing events, containers stop, terminal status, then removal. */
  kill(gracePeriodSeconds: number): void {
    if (this.terminating) return;
    this.terminating = true;
    this.cancelTimers();
    const running = [...this.app, ...this.init].filter((c) => c.running);
    for (const c of running) this.event(c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    const stopMs = Math.min(this.host.settings.stopMs, Math.max(0, gracePeriodSeconds) * 1000);
    this.after(stopMs, () => {
      const now = this.host.now();
      for (const c of running) c.terminate(now, 0, 'Completed');
      for (const c of [...this.app, ...this.init]) {
        if (c.state.kind === 'waiting') c.ready = false;
      }
      if (!this.completed) {
        const failed = this.app.some(
          (c) => c.state.kind !== 'terminated' || c.state.terminated.exitCode !== 0,
        );
        this.complete(failed ? 'Failed' : 'Succeeded');
      }
      this.host.markDirty(this);
      this.host.removeWhenPosted(this);
    });
  }

  /** The pod left the API (or this node): stop everything. */
  dispose(): void {
    this.terminating = true;
    this.cancelTimers();
    for (const c of [...this.app, ...this.init]) c.terminate(this.host.now(), 0, 'Completed');
    this.host.releaseIP(this.identity.nodeName, this.key);
  }

  private after(ms: number, fn: () => void): void {
    const handle = this.host.timers.after(ms, () => {
      this.timers.delete(handle);
      fn();
    });
    this.timers.add(handle);
  }

  private cancelTimers(): void {
    for (const handle of this.timers) handle.cancel();
    this.timers.clear();
  }
}
