/**
 * GET /metrics/prometheus on the cluster's API server port: one unauthenticated scrape target
 * with everything a cluster's Prometheus would collect from its kubelets (cAdvisor), node
 * exporters, kube-state-metrics and the API server. Unauthenticated like an in-cluster
 * exporter, so a static Prometheus configuration scrapes it (HTTPS: give it the cluster CA or
 * skip verification). Values are computed at the cluster clock's time of the scrape.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../types.ts';
import type { ClusterCore } from '../cluster/cluster-core.ts';
import { defaultListOptions } from '../api/list-options.ts';
import { PrometheusText, TEXT_CONTENT_TYPE } from './prometheus-text.ts';
import { writeCadvisorSeries } from './cadvisor-series.ts';
import { writeKubeStateSeries } from './kube-state-series.ts';
import { writeNodeExporterSeries } from './node-exporter-series.ts';
import type { ApiserverRequestMetrics } from './apiserver-request-metrics.ts';
import type { UsageTracker } from './usage-tracker.ts';

export const PROMETHEUS_PATH = '/metrics/prometheus';

export function renderPrometheus(
  core: ClusterCore,
  tracker: UsageTracker,
  requests: ApiserverRequestMetrics,
): string {
  const now = core.clock.now().getTime();
  const list = (group: string, resource: string): KubeObject[] => {
    const kind = core.registry.preferred(group, resource);
    return kind === undefined ? [] : core.api.list(kind, undefined, defaultListOptions()).items;
  };
  const out = new PrometheusText();
  writeCadvisorSeries(out, tracker, now);
  writeNodeExporterSeries(out, tracker, now);
  writeKubeStateSeries(out, {
    pods: list('', 'pods'),
    nodes: tracker.nodeList(),
    deployments: list('apps', 'deployments'),
    quotas: list('', 'resourcequotas'),
  });
  requests.write(out);
  return out.toString();
}

export function servePrometheus(
  core: ClusterCore,
  tracker: UsageTracker,
  requests: ApiserverRequestMetrics,
): void {
  core.http.publicPaths.set(PROMETHEUS_PATH, (req, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      res.end();
      return;
    }
    const body = renderPrometheus(core, tracker, requests);
    res.statusCode = 200;
    res.setHeader('Content-Type', TEXT_CONTENT_TYPE);
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}
