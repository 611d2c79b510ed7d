/**
 * kube-apiserver's request metrics, counted from the requests the HTTP server really serves:
 * apiserver_request_total{verb,group,version,resource,subresource,scope,component,code,dry_run}
 * and the apiserver_request_duration_seconds histogram (not for long-running WATCH requests).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestInfo } from '../apiserver/request-info.ts';
import type { Labels, PrometheusText } from './prometheus-text.ts';

const BUCKETS = [
  0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60,
];

const REPORTED_VERBS: Record<string, string> = {
  get: 'GET',
  list: 'LIST',
  watch: 'WATCH',
  create: 'POST',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  deletecollection: 'DELETECOLLECTION',
};

interface Histogram {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

export class ApiserverRequestMetrics {
  private readonly totals = new Map<string, { labels: Labels; value: number }>();
  private readonly durations = new Map<string, Histogram>();

  /** An HttpHooks observer: counts the request once its response is done. */
  readonly observe = (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'http://kube-sim.invalid');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return;
    }
    const info = requestInfo(req.method ?? 'GET', path, url.searchParams);
    if (!info.resourceRequest) return;
    let verb = REPORTED_VERBS[info.verb] ?? info.verb.toUpperCase();
    if (verb === 'PATCH' && (req.headers['content-type'] ?? '').startsWith('application/apply-patch+yaml'))
      verb = 'APPLY';
    const base: Labels = {
      component: 'apiserver',
      dry_run: url.searchParams.getAll('dryRun').join(','),
      group: info.apiGroup,
      resource: info.resource,
      scope: info.name !== '' ? 'resource' : info.namespace !== '' ? 'namespace' : 'cluster',
      subresource: info.subresource,
      verb,
      version: info.apiVersion,
    };
    let done = false;
    const record = (): void => {
      if (done) return;
      done = true;
      this.count({ ...base, code: String(res.statusCode) });
      if (verb !== 'WATCH') this.time(base, Number(process.hrtime.bigint() - started) / 1e9);
    };
    res.once('finish', record);
    res.once('close', record);
  };

  private count(labels: Labels): void {
    const key = JSON.stringify(labels);
    const entry = this.totals.get(key);
    if (entry === undefined) this.totals.set(key, { labels, value: 1 });
    else entry.value++;
  }

  private time(labels: Labels, seconds: number): void {
    const key = JSON.stringify(labels);
    let histogram = this.durations.get(key);
    if (histogram === undefined) {
      histogram = { labels, counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(key, histogram);
    }
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound)
        (histogram as Histogram).counts[i] = ((histogram as Histogram).counts[i] ?? 0) + 1;
    });
    histogram.sum += seconds;
    histogram.count++;
  }

  write(out: PrometheusText): void {
    out.series(
      'apiserver_request_total',
      'counter',
      '[STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
      [...this.totals.values()].map((e): [Labels, number] => [e.labels, e.value]),
    );
    out.family(
      'apiserver_request_duration_seconds',
      'histogram',
      '[STABLE] Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
    );
    for (const histogram of this.durations.values()) {
      BUCKETS.forEach((bound, i) =>
        out.sample(
          'apiserver_request_duration_seconds_bucket',
          { ...histogram.labels, le: String(bound) },
          histogram.counts[i] ?? 0,
        ),
      );
      out.sample(
        'apiserver_request_duration_seconds_bucket',
        { ...histogram.labels, le: '+Inf' },
        histogram.count,
      );
      out.sample('apiserver_request_duration_seconds_sum', histogram.labels, histogram.sum);
      out.sample('apiserver_request_duration_seconds_count', histogram.labels, histogram.count);
    }
  }
}
