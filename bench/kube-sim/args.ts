/** Command-line options of the kube-sim scale benchmark. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  nodes: number;
  pods: number;
  /** Label patches of the watch burst. */
  burst: number;
  /** HTTPS watchers that must all receive the burst. */
  watchers: number;
  /** Pods created (and updated twice) by the per-write micro-benchmark; 0 skips it. */
  microPods: number;
  /** Alternating rounds of each micro-benchmark variant (the median is reported). */
  microRounds: number;
  settleTimeoutSeconds: number;
  kubectl: boolean;
  /** Skip the big cluster (micro-benchmark only). */
  microOnly: boolean;
  /**
   * `workloads`: what `kube-sim --scale` seeds (Deployments with Running pods); `pending`: pods
   * created Pending, bound by the scheduler and started by the kubelet.
   */
  seed: 'workloads' | 'pending';
  outDir: string;
}

const USAGE = `usage: node bench/kube-sim/scale.ts [--nodes 1000] [--pods 30000] [--burst 10000]
       [--watchers 1] [--micro-pods 5000] [--micro-rounds 3] [--settle-timeout 300]
       [--seed workloads|pending] [--no-kubectl] [--micro-only] [--out bench/output]`;

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      nodes: { type: 'string', default: '1000' },
      pods: { type: 'string', default: '30000' },
      burst: { type: 'string', default: '10000' },
      watchers: { type: 'string', default: '1' },
      'micro-pods': { type: 'string', default: '5000' },
      'micro-rounds': { type: 'string', default: '3' },
      'settle-timeout': { type: 'string', default: '300' },
      'no-kubectl': { type: 'boolean', default: false },
      'micro-only': { type: 'boolean', default: false },
      seed: { type: 'string', default: 'workloads' },
      out: { type: 'string', default: 'bench/output' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.seed !== 'workloads' && values.seed !== 'pending') {
    throw new Error(`--seed takes workloads or pending, got ${values.seed}\n${USAGE}`);
  }
  return {
    seed: values.seed,
    nodes: count('--nodes', values.nodes),
    pods: count('--pods', values.pods),
    burst: count('--burst', values.burst),
    watchers: Math.max(1, count('--watchers', values.watchers)),
    microPods: count('--micro-pods', values['micro-pods']),
    microRounds: Math.max(1, count('--micro-rounds', values['micro-rounds'])),
    settleTimeoutSeconds: count('--settle-timeout', values['settle-timeout']),
    kubectl: !values['no-kubectl'],
    microOnly: values['micro-only'],
    outDir: values.out,
  };
}

function count(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${flag} takes a whole number, got ${text}\n${USAGE}`);
  return value;
}
