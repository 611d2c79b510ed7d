import { describe, expect, it } from 'vitest';
import { exec, sh, testContainer } from '../testing/exec-harness.ts';

describe('system commands', () => {
  it('env and printenv show the container environment', async () => {
    const c = testContainer();
    const env = (await exec(c, ['env'])).stdout.split('\n');
    expect(env[0]).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(env).toContain('HOSTNAME=web-7d4b9c-x2x4k');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect((await exec(c, ['printenv', 'NGINX_VERSION'])).stdout).toBe('1.27.3\n');
    expect((await exec(c, ['printenv', 'NOPE'])).exitCode).toBe(1);
    expect((await exec(c, ['env', 'A=1', 'sh', '-c', 'echo $A'])).stdout).toBe('1\n');
    expect((await exec(c, ['env', 'nope'])).stderr).toBe("env: 'nope': No such file or directory\n");
  });

  it('hostname, whoami, id, uname', async () => {
    const c = testContainer();
    expect((await exec(c, ['hostname'])).stdout).toBe('web-7d4b9c-x2x4k\n');
    expect((await exec(c, ['hostname', '-i'])).stdout).toBe('10.244.1.17\n');
    expect((await exec(c, ['whoami'])).stdout).toBe('root\n');
    expect((await exec(c, ['id'])).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect((await exec(c, ['uname'])).stdout).toBe('Linux\n');
    expect((await exec(c, ['uname', '-a'])).stdout).toBe(
      'Linux web-7d4b9c-x2x4k 6.1.0-27-cloud-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01) x86_64 GNU/Linux\n',
    );
    expect((await exec(testContainer('alpine'), ['uname', '-a'])).stdout).toMatch(/ x86_64 Linux\n$/);
  });

  it('date prints the simulated time', async () => {
    const c = testContainer();
    expect((await exec(c, ['date'])).stdout).toBe('Wed May  1 10:01:30 UTC 2024\n');
    expect((await exec(c, ['date', '+%Y-%m-%dT%H:%M:%S %s %j'])).stdout).toBe(
      '2024-05-01T10:01:30 1714557690 122\n',
    );
    expect((await exec(c, ['date', '-d', '@0', '+%F %T'])).stdout).toBe('1970-01-01 00:00:00\n');
    expect((await exec(c, ['date', '-s', 'now'])).exitCode).toBe(1);
  });

  it('ps lists the container processes busybox-style and procps-style', async () => {
    const alpine = testContainer('alpine');
    const bb = (await exec(alpine, ['ps'])).stdout.split('\n');
    expect(bb[0]).toBe('PID   USER     TIME  COMMAND');
    expect(bb[1]).toBe('    1 root      0:00 sleep 3600');
    expect(bb[2]).toMatch(/^ +\d+ root {6}0:00 ps$/);
    const c = testContainer();
    const aux = (await exec(c, ['ps', 'aux'])).stdout.split('\n');
    expect(aux[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(aux[1]).toBe(
      'root           1  0.0  0.0  11412  4096 ?        Ss   10:00   0:00 nginx: master process nginx -g daemon off;',
    );
    const ef = (await sh(c, 'ps -ef')).stdout.split('\n');
    expect(ef[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect(ef.some((l) => / sh -c ps -ef$/.test(l))).toBe(true);
  });

  it('which, test and [', async () => {
    const c = testContainer();
    expect((await exec(c, ['which', 'ls', 'tar'])).stdout).toBe('/usr/bin/ls\n/usr/bin/tar\n');
    expect((await exec(c, ['which', 'nope'])).exitCode).toBe(1);
    expect(
      (
        await sh(
          c,
          '[ -d /etc ] && [ -f /etc/hosts ] && [ ! -e /nope ] && [ -z "" ] && [ -n x ] && [ a = a ] && [ a != b ] && [ 3 -gt 2 ] && echo ok',
        )
      ).stdout,
    ).toBe('ok\n');
    expect((await exec(c, ['test', '-d', '/etc/hosts'])).exitCode).toBe(1);
    expect((await exec(c, ['[', '-d', '/etc'])).stderr).toBe('[: missing ]\n');
    expect((await sh(c, '[ abc -gt 1 ]')).exitCode).toBe(2);
  });

  it('true, false, clear, nginx -v', async () => {
    const c = testContainer();
    expect((await exec(c, ['true'])).exitCode).toBe(0);
    expect((await exec(c, ['false'])).exitCode).toBe(1);
    expect((await exec(c, ['clear'])).stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
    expect((await exec(c, ['nginx', '-v'])).stderr).toBe('nginx version: nginx/1.27.3\n');
    expect((await exec(c, ['nginx', '-t'])).stderr).toContain('test is successful');
  });

  it('sleep waits on the injected timer, not the wall clock', async () => {
    const waits: number[] = [];
    const c = testContainer('nginx', { sleep: async (ms) => void waits.push(ms) });
    expect((await sh(c, 'sleep 1.5; sleep 2m; echo done')).stdout).toBe('done\n');
    expect(waits).toEqual([1500, 120_000]);
    expect((await exec(c, ['sleep', 'soon'])).stderr).toBe("sleep: invalid time interval 'soon'\n");
  });

  it('kill reports unknown pids', async () => {
    const r = await sh(testContainer(), 'kill 1; echo $?; kill 4242');
    expect(r.stdout).toBe('0\n');
    expect(r.stderr).toBe('kill: (4242): No such process\n');
  });
});
