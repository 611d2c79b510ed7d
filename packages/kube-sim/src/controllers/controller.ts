/**
 * Controllers and the manager that runs them with the cluster. A controller acts only through
 * the API (the in-process client), like kube-controller-manager does.
 */
import type { Clock } from '../types.ts';
import type { InternalClient } from '../client/internal-client.ts';
import { EventRecorder, type EventSource } from '../client/event-recorder.ts';
import type { ResourceApi } from '../api/resource-api.ts';

export interface ControllerContext {
  /** Acts as system:kube-controller-manager (system:masters). */
  client: InternalClient;
  /** The synchronous API, for the rare controller that must read-and-write atomically. */
  api: ResourceApi;
  clock: Clock;
  /** Name of the cluster, for logs. */
  clusterName: string;
  eventRecorder(source: EventSource): EventRecorder;
}

export interface Controller {
  readonly name: string;
  start(context: ControllerContext): void | Promise<void>;
  stop(): void | Promise<void>;
}

export class ControllerManager {
  private readonly controllers: Controller[] = [];
  private readonly context: ControllerContext;
  private running = false;

  constructor(context: Omit<ControllerContext, 'eventRecorder'>) {
    this.context = {
      ...context,
      eventRecorder: (source) => new EventRecorder(context.client, source, context.clock),
    };
  }

  /** Adds a controller; it starts at once if the manager is already running. */
  async add(controller: Controller): Promise<void> {
    if (this.controllers.some((c) => c.name === controller.name)) {
      throw new Error(`controller ${controller.name} is already registered`);
    }
    this.controllers.push(controller);
    if (this.running) await controller.start(this.context);
  }

  names(): string[] {
    return this.controllers.map((c) => c.name);
  }

  get(name: string): Controller | undefined {
    return this.controllers.find((c) => c.name === name);
  }

  async start(): Promise<void> {
    this.running = true;
    for (const controller of this.controllers) await controller.start(this.context);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const controller of [...this.controllers].reverse()) await controller.stop();
  }
}
