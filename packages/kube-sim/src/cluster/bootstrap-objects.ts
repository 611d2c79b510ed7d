/**
 * What exists in a fresh cluster: the four system namespaces, the bootstrap RBAC policy, the
 * `kubernetes` Service and its Endpoints, and the Node objects.
 */
import type { KubeObject } from '../types.ts';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from '../auth/bootstrap-rbac.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function namespaceObject(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
  };
}

export function bootstrapObjects(apiServerPort: number): KubeObject[] {
  return [
    ...SYSTEM_NAMESPACES.map(namespaceObject),
    ...bootstrapClusterRoles(),
    ...bootstrapClusterRoleBindings(),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        sessionAffinity: 'None',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: apiServerPort }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [
        {
          addresses: [{ ip: '127.0.0.1' }],
          ports: [{ name: 'https', port: apiServerPort, protocol: 'TCP' }],
        },
      ],
    },
  ];
}
