/** The Prometheus text exposition format (version 0.0.4): families with HELP/TYPE and samples. */

export type MetricType = 'counter' | 'gauge' | 'histogram';
export type Labels = Record<string, string>;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

export class PrometheusText {
  private readonly lines: string[] = [];
  private readonly declared = new Set<string>();

  /** Declares a family (once); samples of it follow. */
  family(name: string, type: MetricType, help: string): this {
    if (this.declared.has(name)) return this;
    this.declared.add(name);
    this.lines.push(
      `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`,
      `# TYPE ${name} ${type}`,
    );
    return this;
  }

  sample(name: string, labels: Labels, value: number): this {
    const entries = Object.entries(labels);
    const rendered =
      entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
    this.lines.push(`${name}${rendered} ${formatValue(value)}`);
    return this;
  }

  /** A whole family: HELP, TYPE, then its samples (which must stay together). */
  series(name: string, type: MetricType, help: string, samples: Iterable<[Labels, number]>): this {
    this.family(name, type, help);
    for (const [labels, value] of samples) this.sample(name, labels, value);
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
