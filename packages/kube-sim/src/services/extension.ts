/**
 * Services: cluster IP and node port allocation at write time, Endpoints and EndpointSlices
 * following the selected pods, a load-balancer provider for LoadBalancer Services and the
 * address an ingress controller reports on Ingresses.
 */
import type { ClusterExtension } from '../cluster/extensions.ts';
import { ServiceAllocations } from './service-allocations.ts';
import { serviceAllocationPlugin } from './service-allocation-plugin.ts';
import { EndpointsController } from './endpoints-controller.ts';
import { EndpointSliceController } from './endpointslice-controller.ts';
import { LoadBalancerController } from './load-balancer-controller.ts';
import { IngressStatusController } from './ingress-status-controller.ts';

export const servicesExtension: ClusterExtension = {
  name: 'services',
  async install(core) {
    const allocations = new ServiceAllocations();
    allocations.attach(core.store, core.api.kind('', 'v1', 'services').storageKey);
    core.admission.register(serviceAllocationPlugin(allocations));
    await core.controllers.add(new EndpointsController());
    await core.controllers.add(new EndpointSliceController());
    await core.controllers.add(new LoadBalancerController());
    await core.controllers.add(new IngressStatusController());
  },
};
