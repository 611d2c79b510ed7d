/**
 * The `shop` namespace: a tenant's workspace as Atrium sets it up (ResourceQuota +
 * LimitRange) with a web front, an API behind an HPA, a Redis StatefulSet on a claim, a public
 * LoadBalancer, an Ingress, config and credentials, a migration Job — and two things gone
 * wrong: a worker whose image crashes and a report whose image cannot be pulled.
 */
import type { KubeObject } from '../types.ts';
import { configMap, container, deployment, secret, service, statefulSet } from './manifests.ts';

const NS = 'shop';

export function shopObjects(): KubeObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'shop-quota', namespace: NS },
      spec: {
        hard: {
          'requests.cpu': '4',
          'requests.memory': '8Gi',
          'limits.cpu': '8',
          'limits.memory': '16Gi',
          pods: '30',
          services: '10',
          'services.loadbalancers': '2',
          persistentvolumeclaims: '5',
          'requests.storage': '20Gi',
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'shop-defaults', namespace: NS },
      spec: {
        limits: [
          {
            type: 'Container',
            default: { cpu: '500m', memory: '512Mi' },
            defaultRequest: { cpu: '100m', memory: '128Mi' },
            max: { cpu: '2', memory: '2Gi' },
          },
        ],
      },
    },
    configMap(NS, 'web-config', {
      'default.conf':
        'server {\n  listen 80;\n  location / { root /usr/share/nginx/html; }\n  location /api/ { proxy_pass http://api:8080/; }\n}\n',
    }),
    configMap(NS, 'api-config', { LOG_LEVEL: 'info', CART_TTL_SECONDS: '3600', REDIS_ADDR: 'redis:6379' }),
    secret(NS, 'api-credentials', {
      DATABASE_URL: 'postgres://shop:demo-only@db.internal:5432/shop',
      PAYMENT_API_KEY: 'sk_demo_0000000000000000',
    }),
    deployment({
      namespace: NS,
      name: 'web',
      replicas: 3,
      labels: { tier: 'frontend' },
      load: 0.3,
      containers: [
        container({
          name: 'nginx',
          image: 'nginx:1.27',
          port: 80,
          requests: { cpu: '100m', memory: '128Mi' },
          limits: { cpu: '250m', memory: '256Mi' },
          volumeMounts: [{ name: 'config', mountPath: '/etc/nginx/conf.d' }],
          readinessPath: '/',
        }),
      ],
      volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
    }),
    deployment({
      namespace: NS,
      name: 'api',
      replicas: 2,
      labels: { tier: 'backend' },
      load: 0.6,
      containers: [
        container({
          name: 'api',
          image: 'ghcr.io/atrium-demo/shop-api:2.4.1',
          port: 8080,
          requests: { cpu: '250m', memory: '256Mi' },
          limits: { cpu: '500m', memory: '512Mi' },
          envFrom: [{ configMapRef: { name: 'api-config' } }, { secretRef: { name: 'api-credentials' } }],
          readinessPath: '/healthz',
        }),
      ],
    }),
    statefulSet({
      namespace: NS,
      name: 'redis',
      serviceName: 'redis',
      labels: { tier: 'cache' },
      load: 0.1,
      claims: [{ name: 'data', storage: '1Gi' }],
      containers: [
        container({
          name: 'redis',
          image: 'redis:7.2',
          port: 6379,
          portName: 'redis',
          requests: { cpu: '100m', memory: '128Mi' },
          limits: { cpu: '500m', memory: '512Mi' },
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
        }),
      ],
    }),
    // Crashes shortly after every start (the image name says so): CrashLoopBackOff.
    deployment({
      namespace: NS,
      name: 'checkout-worker',
      labels: { tier: 'backend' },
      containers: [container({ name: 'worker', image: 'ghcr.io/atrium-demo/checkout-crash:1.0' })],
    }),
    // A tag that does not exist: ErrImagePull, then ImagePullBackOff.
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'legacy-report', namespace: NS, labels: { app: 'legacy-report' } },
      spec: {
        containers: [container({ name: 'report', image: 'ghcr.io/atrium-demo/legacy-report:missing' })],
        restartPolicy: 'Always',
      },
    },
    service(NS, 'web', [{ name: 'http', port: 80, targetPort: 'http' }]),
    service(NS, 'api', [{ name: 'http', port: 8080, targetPort: 'http' }]),
    service(NS, 'redis', [{ name: 'redis', port: 6379, targetPort: 'redis' }], { clusterIP: 'None' }),
    service(
      NS,
      'shop-public',
      [{ name: 'http', port: 80, targetPort: 'http' }],
      { type: 'LoadBalancer' },
      { app: 'web' },
    ),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop', namespace: NS },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'shop.demo.atrium.local',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
                {
                  path: '/api',
                  pathType: 'Prefix',
                  backend: { service: { name: 'api', port: { number: 8080 } } },
                },
              ],
            },
          },
        ],
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'api', namespace: NS },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
        minReplicas: 2,
        maxReplicas: 6,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
          },
        ],
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'db-migrate', namespace: NS },
      spec: {
        backoffLimit: 2,
        template: {
          metadata: { labels: { app: 'db-migrate' } },
          spec: {
            restartPolicy: 'Never',
            containers: [
              container({
                name: 'migrate',
                image: 'busybox:1.36',
                command: ['sh', '-c', 'echo applying migrations 0001..0042; sleep 3; echo done'],
              }),
            ],
          },
        },
      },
    },
  ];
}
