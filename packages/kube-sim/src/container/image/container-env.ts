/** The environment a container process starts with: image ENV, pod env, service variables. */
import { imageProfile } from './image-profile.ts';

export interface ContainerEnvOptions {
  image: string;
  hostname: string;
  /** The pod spec's env for this container (already resolved to strings). */
  env?: Record<string, string>;
  /** ClusterIP of the `kubernetes` Service, for the KUBERNETES_* variables. */
  kubernetesServiceHost?: string;
}

/** PATH and HOSTNAME first, then image ENV, pod env, service links and HOME, as runc orders them. */
export function defaultContainerEnv(o: ContainerEnvOptions): Record<string, string> {
  const { PATH, ...imageEnv } = imageProfile(o.image).env;
  const host = o.kubernetesServiceHost ?? '10.96.0.1';
  return {
    PATH: PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: o.hostname,
    ...imageEnv,
    ...o.env,
    KUBERNETES_SERVICE_HOST: host,
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: `tcp://${host}:443`,
    KUBERNETES_PORT_443_TCP: `tcp://${host}:443`,
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_ADDR: host,
    HOME: '/root',
  };
}
