/**
 * A cluster without its network front: store, kind registry, admission chain, the ResourceApi
 * with its subresources and review kinds, authentication/authorization, the in-process client
 * and the controller manager. startCluster() puts an HTTPS server in front of it; unit tests can
 * use it directly.
 */
import { systemClock, type Clock, type KubeObject } from '../types.ts';
import { ObjectStore } from '../store/object-store.ts';
import { KindRegistry } from '../registry/kind-registry.ts';
import { AdmissionChain } from '../api/admission.ts';
import type { ApiDeps, ApiSettings } from '../api/api-deps.ts';
import type { Modules } from '../api/modules.ts';
import { ResourceApi } from '../api/resource-api.ts';
import { defaultModules } from '../api/wiring.ts';
import { CONTROLLER_USER, newContext } from '../api/request-context.ts';
import { namespaceLifecyclePlugin } from '../api/admission-plugins/namespace-lifecycle.ts';
import { validationPlugin } from '../api/admission-plugins/validation.ts';
import { serviceAccountPlugin } from '../api/admission-plugins/service-account.ts';
import { crdAdmissionPlugin } from '../api/admission-plugins/crd-admission.ts';
import { scaleHandler } from '../api/subresources/scale.ts';
import { evictionHandler } from '../api/subresources/eviction.ts';
import { bindingHandler } from '../api/subresources/binding.ts';
import { tokenRequestHandler } from '../api/subresources/token-request.ts';
import { namespaceFinalizeHandler } from '../api/subresources/namespace-finalize.ts';
import { Authenticator, TokenTable } from '../auth/authenticator.ts';
import { RbacAuthorizer } from '../auth/rbac-authorizer.ts';
import { ServiceAccountTokens } from '../auth/service-account-tokens.ts';
import { registerReviewKinds } from '../auth/review-kinds.ts';
import { InternalClient } from '../client/internal-client.ts';
import { ControllerManager } from '../controllers/controller.ts';
import { GarbageCollector } from '../controllers/garbage-collector.ts';
import { NamespaceController } from '../controllers/namespace-controller.ts';
import { CrdController } from '../controllers/crd-controller.ts';
import { bootstrapObjects } from './bootstrap-objects.ts';
import { nodeLease, nodeObject } from './nodes.ts';
import { SIM_VERSION } from '../apiserver/info-endpoints.ts';
import type { PodIOHandler } from '../apiserver/pod-io.ts';
import { HttpHooks } from '../apiserver/http-hooks.ts';
import { DEFAULT_EXTENSIONS, type ClusterExtension } from './extensions.ts';

export interface CoreOptions {
  name: string;
  clock?: Clock;
  /** Change events kept for watch resume and list snapshots (default 20,000). */
  watchHistorySize?: number;
  /** Seconds between BOOKMARK events on watches that allow them (default 60). */
  bookmarkIntervalMs?: number;
  modules?: Partial<Modules>;
  settings?: Partial<ApiSettings>;
  /** PEM of the cluster CA, published in every namespace's kube-root-ca.crt. */
  caPem: string;
  /** Installed before bootstrap (default: DEFAULT_EXTENSIONS). */
  extensions?: readonly ClusterExtension[];
  /** Worker nodes that advertise nvidia.com/gpu (the node extension labels and sizes them). */
  gpuNodes?: number;
}

export class ClusterCore {
  readonly name: string;
  readonly clock: Clock;
  readonly store: ObjectStore;
  readonly registry: KindRegistry;
  readonly admission: AdmissionChain;
  readonly api: ResourceApi;
  readonly tokens = new TokenTable();
  readonly serviceAccountTokens: ServiceAccountTokens;
  readonly authenticator: Authenticator;
  readonly authorizer: RbacAuthorizer;
  readonly client: InternalClient;
  readonly controllers: ControllerManager;
  readonly garbageCollector = new GarbageCollector();
  readonly namespaceController: NamespaceController;
  readonly crdController = new CrdController();
  /** Set by startCluster: the kubelet's handler for pods/log, exec, attach, portforward. */
  podIO: PodIOHandler | undefined;
  /** Extra HTTP paths and request observers (metrics endpoints); startCluster serves them. */
  readonly http = new HttpHooks();
  /** How many worker nodes are GPU nodes (CoreOptions.gpuNodes). */
  readonly gpuNodes: number;
  private readonly extensions: readonly ClusterExtension[];

  constructor(options: CoreOptions) {
    this.name = options.name;
    this.gpuNodes = options.gpuNodes ?? 0;
    this.extensions = options.extensions ?? DEFAULT_EXTENSIONS;
    this.clock = options.clock ?? systemClock;
    this.store = new ObjectStore({ historySize: options.watchHistorySize ?? 20_000 });
    this.registry = new KindRegistry();
    this.admission = new AdmissionChain();
    const modules: Modules = { ...defaultModules(), ...options.modules };
    const deps: ApiDeps = {
      store: this.store,
      registry: this.registry,
      clock: this.clock,
      admission: this.admission,
      modules,
      settings: { gracefulPodDeletion: false, ...options.settings },
    };
    this.api = new ResourceApi(deps, { bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000 });
    this.admission.register(namespaceLifecyclePlugin(deps));
    this.admission.register(validationPlugin(modules.validation));
    this.admission.register(serviceAccountPlugin());
    this.admission.register(crdAdmissionPlugin());
    this.serviceAccountTokens = new ServiceAccountTokens(this.clock, (resource, namespace, name) => {
      return this.store.get(`/${resource}`, namespace, name)?.metadata.uid;
    });
    this.authenticator = new Authenticator(this.tokens, this.serviceAccountTokens);
    this.authorizer = new RbacAuthorizer(this.store);
    this.api.registerSubresource('scale', scaleHandler(deps));
    this.api.registerSubresource('eviction', evictionHandler(deps));
    this.api.registerSubresource('binding', bindingHandler(deps));
    this.api.registerSubresource('token', tokenRequestHandler(deps, this.serviceAccountTokens));
    this.api.registerSubresource('finalize', namespaceFinalizeHandler(deps));
    registerReviewKinds(this.api, this.authenticator, this.authorizer);
    this.client = new InternalClient(this.api);
    this.namespaceController = new NamespaceController(options.caPem);
    this.controllers = new ControllerManager({
      client: this.client,
      api: this.api,
      clock: this.clock,
      clusterName: this.name,
    });
  }

  /**
   * Installs the extensions, creates the bootstrap objects and nodes, then starts the
   * controllers and waits until every namespace has its defaults.
   */
  async bootstrap(options: { nodes: number; apiServerPort: number }): Promise<void> {
    for (const extension of this.extensions) await extension.install(this);
    const ctx = { ctx: newContext(CONTROLLER_USER), options: { fieldManager: 'kube-apiserver' } };
    for (const object of bootstrapObjects(options.apiServerPort)) this.createDirect(object, ctx);
    for (let index = 0; index < options.nodes; index++) {
      const node = nodeObject({
        clusterName: this.name,
        index,
        count: options.nodes,
        kubeletVersion: SIM_VERSION.gitVersion,
        now: this.clock.now(),
      });
      const created = this.createDirect(node, { ...ctx, options: { fieldManager: 'kubelet' } });
      this.createDirect(nodeLease(created, this.clock.now()), {
        ...ctx,
        options: { fieldManager: 'kubelet' },
      });
    }
    for (const builtin of [this.garbageCollector, this.namespaceController, this.crdController]) {
      if (this.controllers.get(builtin.name) === undefined) await this.controllers.add(builtin);
    }
    await this.controllers.start();
    await this.namespaceController.idle();
  }

  private createDirect(object: KubeObject, args: Parameters<ResourceApi['create']>[3]): KubeObject {
    const [group, version] = object.apiVersion.includes('/')
      ? object.apiVersion.split('/')
      : ['', object.apiVersion];
    const kind = this.registry.byKind(object.apiVersion, object.kind);
    if (kind === undefined) throw new Error(`unknown bootstrap kind ${group}/${version} ${object.kind}`);
    return this.api.create(kind, object.metadata.namespace ?? '', object, args);
  }

  async stop(): Promise<void> {
    await this.controllers.stop();
  }
}
