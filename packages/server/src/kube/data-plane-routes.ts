import type { FastifyPluginAsync } from 'fastify';
import type { TlsEndpoint } from '../core/http/tls-listener.ts';
import type { Services } from '../services.ts';
import { kubeconfigRoutes } from './kubeconfig/routes.ts';
import { KubeconfigService } from './kubeconfig/service.ts';
import { ProxyAudit } from './proxy/proxy-audit.ts';
import { kubeProxyRoutes } from './proxy/routes.ts';
import { resourceRoutes } from './resources/routes.ts';
import { streamRoutes } from './stream/routes.ts';
import { StreamHub } from './stream/stream-hub.ts';

/** Under /api/v1: the resource API, the apply endpoint, discovery, kubeconfigs and the stream. */
export const dataPlaneRoutes: FastifyPluginAsync<{
  services: Services;
  publicUrl: string | null;
  tls: TlsEndpoint;
}> = async (app, { services, publicUrl, tls }) => {
  const { dataPlane, kube } = services;
  const { reads, acrossClusters, writes, apply } = dataPlane;
  await app.register(resourceRoutes, {
    reads,
    acrossClusters,
    writes,
    apply,
    auditQueue: services.auditQueue,
  });
  const hub = new StreamHub({
    caches: dataPlane.caches,
    access: dataPlane.access,
    authenticator: services.authenticator,
    auditQueue: services.auditQueue,
    log: app.log,
    ...(dataPlane.options.stream && { settings: dataPlane.options.stream }),
    onHealthChange: (listener) => kube.healthBoard.onChange((cluster, health) => listener(cluster, health)),
    onDrainProgress: (listener) => kube.drains.onProgress((drain) => listener(drain)),
  });
  await app.register(streamRoutes, { hub });
  const kubeconfigs = new KubeconfigService({
    connections: kube.connections,
    access: dataPlane.access,
    apiTokens: services.apiTokens,
    now: () => services.clock.now(),
  });
  await app.register(kubeconfigRoutes, { kubeconfigs, publicUrl, tls });
};

/** At the root: `/k8s/clusters/:cluster/*`, kubectl through Atrium. */
export const kubectlProxyRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { dataPlane, kube } = services;
  await app.register(kubeProxyRoutes, {
    connections: kube.connections,
    caches: dataPlane.caches,
    access: dataPlane.access,
    audit: new ProxyAudit(services.db, services.auditRecorder),
    log: app.log,
  });
};
