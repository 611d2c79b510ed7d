import { describe, expect, it } from 'vitest';
import { exec, testContainer } from '../testing/exec-harness.ts';

const OCI = 'OCI runtime exec failed: exec failed: unable to start container process: ';

describe('execInContainer', () => {
  it('runs a command directly, without a shell', async () => {
    expect(await exec(testContainer(), ['cat', '/etc/hostname'])).toMatchObject({
      stdout: 'web-7d4b9c-x2x4k\n',
      exitCode: 0,
    });
    expect(await exec(testContainer(), ['/bin/echo', '$HOME'])).toMatchObject({ stdout: '$HOME\n' });
  });

  it('fails like the runtime for executables that do not exist', async () => {
    expect(await exec(testContainer(), ['foo'])).toEqual({
      stdout: '',
      stderr: '',
      stdoutBytes: new Uint8Array(0),
      exitCode: 127,
      message: `${OCI}exec: "foo": executable file not found in $PATH: unknown`,
    });
    expect((await exec(testContainer(), ['/opt/app/run'])).message).toBe(
      `${OCI}exec: "/opt/app/run": stat /opt/app/run: no such file or directory: unknown`,
    );
    expect(await exec(testContainer(), ['/etc/hosts'])).toMatchObject({
      exitCode: 126,
      message: `${OCI}exec: "/etc/hosts": permission denied: unknown`,
    });
  });

  it('has no bash in Alpine images, but has sh and ash', async () => {
    const alpine = testContainer('alpine:3.20');
    expect((await exec(alpine, ['bash'])).message).toBe(
      `${OCI}exec: "bash": executable file not found in $PATH: unknown`,
    );
    expect((await exec(alpine, ['ash', '-c', 'echo $0'])).stdout).toBe('ash\n');
    expect((await exec(alpine, ['sh', '-c', 'bash'])).stderr).toBe('sh: bash: not found\n');
  });

  it('starts in the working directory with the container environment plus TERM on a tty', async () => {
    const c = testContainer('node:22', { workingDir: '/app' });
    expect((await exec(c, ['pwd'])).stdout).toBe('/app\n');
    expect((await exec(c, ['sh', '-c', 'ls; echo $TERM'])).stdout).toBe('package.json\nserver.js\n\n');
    expect((await exec(c, ['sh', '-c', 'echo $TERM'], { tty: true })).stdout).toBe('xterm\r\n');
  });

  it('exposes a believable identity: hostname, os-release, service account', async () => {
    const c = testContainer();
    expect((await exec(c, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace'])).stdout).toBe(
      'shop',
    );
    expect((await exec(c, ['sh', '-c', '. /etc/os-release; echo $ID $VERSION_ID'])).stdout).toBe(
      'debian 12\n',
    );
  });

  it('reports a removed binary as not found afterwards', async () => {
    const c = testContainer();
    await exec(c, ['rm', '/usr/bin/ls']);
    expect((await exec(c, ['sh', '-c', 'ls'])).stderr).toBe('sh: 1: ls: not found\n');
  });

  it('aborts a session from outside', async () => {
    const controller = new AbortController();
    const c = testContainer('alpine', { signal: controller.signal });
    const pending = exec(c, ['sh', '-c', 'while true; do :; done']);
    setTimeout(() => controller.abort(), 20);
    expect((await pending).exitCode).toBe(137);
  });
});
