import { describe, expect, it } from 'vitest';
import { parseCli } from './cli.ts';

describe('kube-sim CLI arguments', () => {
  it('defaults to one HTTPS cluster named sim-1 on a free port', () => {
    const options = parseCli([]);
    expect(options).toMatchObject({
      clusters: 1,
      nodes: 1,
      names: ['sim-1'],
      port: 0,
      https: true,
      host: '127.0.0.1',
    });
    expect(options.out).toMatch(/\.kube-sim$/);
  });

  it('names clusters sim-1…sim-N unless --names says otherwise', () => {
    expect(parseCli(['--clusters', '3']).names).toEqual(['sim-1', 'sim-2', 'sim-3']);
    expect(parseCli(['--clusters', '3', '--names', 'prod,stage']).names).toEqual(['prod', 'stage', 'sim-3']);
    expect(parseCli(['--names', 'a,b']).clusters).toBe(2);
  });

  it('reads ports, nodes, plain HTTP, seed and scale', () => {
    const options = parseCli([
      '--port',
      '7443',
      '--nodes',
      '5',
      '--http',
      '--seed',
      'demo',
      '--scale',
      'nodes=1000,pods=30000',
      '--out',
      '/tmp/x',
    ]);
    expect(options).toMatchObject({
      port: 7443,
      nodes: 5,
      https: false,
      seed: 'demo',
      out: '/tmp/x',
      scale: { nodes: 1000, pods: 30000 },
    });
  });

  it('rejects malformed numbers and scale targets with usage help', () => {
    expect(() => parseCli(['--nodes', 'many'])).toThrow(/--nodes must be a non-negative integer/);
    expect(() => parseCli(['--scale', 'cpus=4'])).toThrow(/--scale takes nodes=N,pods=M/);
    expect(() => parseCli(['--help'])).toThrow(/usage: kube-sim/);
  });
});
