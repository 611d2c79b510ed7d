/**
 * Two rules of the simulated runtime: when a container's run ends (crash images after
 * CRASH_AFTER_MS, init containers and Job pods after their run time, `fail` images with exit
 * code 1), and the pod phase the kubelet derives from its containers (getPhase).
 */
import type { KubeObject } from '../types.ts';
import { CRASH_AFTER_MS, CRASH_EXIT_CODE, imageProfile, parseImageReference } from '../container/index.ts';
import type { ContainerRuntime } from './container-runtime.ts';
import { RUN_SECONDS_ANNOTATION, type KubeletSettings } from './kubelet-settings.ts';
import type { PodPhase } from './pod-status.ts';

export interface ExitPlan {
  afterMs: number;
  exitCode: number;
}

/** When and how the current run ends, or undefined for containers that keep running. */
export function exitPlan(
  c: ContainerRuntime,
  pod: KubeObject,
  restartPolicy: string,
  settings: KubeletSettings,
): ExitPlan | undefined {
  const { name, tag } = parseImageReference(c.image);
  const code = name.includes('fail') || tag.includes('fail') ? 1 : 0;
  if (imageProfile(c.image).crashes) return { afterMs: CRASH_AFTER_MS, exitCode: CRASH_EXIT_CODE };
  if (c.sidecar) return undefined;
  if (c.init) return { afterMs: settings.initRunMs, exitCode: code };
  const annotation = pod.metadata.annotations?.[RUN_SECONDS_ANNOTATION];
  if (annotation !== undefined && Number.isFinite(Number(annotation))) {
    return { afterMs: Number(annotation) * 1000, exitCode: code };
  }
  if (restartPolicy !== 'Always') return { afterMs: settings.jobRunMs, exitCode: code };
  return undefined;
}

const exitedWith = (c: ContainerRuntime, success: boolean): boolean =>
  c.state.kind === 'terminated' && (c.state.terminated.exitCode === 0) === success;

/** The phase, or undefined when it does not change (containers still being created). */
export function podPhase(
  init: ContainerRuntime[],
  app: ContainerRuntime[],
  restartPolicy: string,
): PodPhase | undefined {
  if (restartPolicy === 'Never' && init.some((c) => !c.sidecar && exitedWith(c, false))) return 'Failed';
  if (!init.every((c) => (c.sidecar ? c.started : exitedWith(c, true)))) return 'Pending';
  const finished = app.filter((c) => c.state.kind === 'terminated');
  const willRestart = (c: ContainerRuntime): boolean =>
    restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && exitedWith(c, false));
  if (finished.length === app.length && !finished.some(willRestart)) {
    return finished.some((c) => exitedWith(c, false)) ? 'Failed' : 'Succeeded';
  }
  const running = app.some((c) => c.running);
  const restarting = app.some((c) => c.state.kind === 'waiting' && c.lastTerminated !== undefined);
  return running || restarting || finished.length > 0 ? 'Running' : undefined;
}
