/**
 * Metrics: the resource metrics API (metrics.k8s.io, for kubectl top and the HPA) and the
 * Prometheus scrape endpoint, both fed by the usage tracker; the API server's request metrics.
 */
import type { ClusterExtension } from '../cluster/extensions.ts';
import { UsageTracker } from './usage-tracker.ts';
import { serveMetricsApi } from './metrics-api.ts';
import { servePrometheus } from './prometheus-endpoint.ts';
import { ApiserverRequestMetrics } from './apiserver-request-metrics.ts';

export const metricsExtension: ClusterExtension = {
  name: 'metrics',
  async install(core) {
    const tracker = new UsageTracker();
    const requests = new ApiserverRequestMetrics();
    serveMetricsApi(core, tracker);
    core.http.observers.add(requests.observe);
    servePrometheus(core, tracker, requests);
    await core.controllers.add(tracker);
  },
};
