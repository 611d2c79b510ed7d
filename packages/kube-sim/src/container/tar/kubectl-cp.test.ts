import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContainer, type TestContainer } from '../testing/exec-harness.ts';
import { startExecServer, type ExecServer } from '../testing/kubectl-exec-server.ts';

const LONG = 'sub/' + 'a-long-directory-name-that-needs-pax-headers/'.repeat(3) + 'report final.csv';
const BINARY = Uint8Array.from({ length: 70_000 }, (_v, i) => (i * 131 + 7) & 0xff);

describe('the real kubectl against the container', () => {
  let container: TestContainer;
  let server: ExecServer;
  let scratch: string;

  beforeAll(async () => {
    container = testContainer('nginx:1.27');
    server = await startExecServer(container.ctx);
    scratch = mkdtempSync(join(tmpdir(), 'atrium-kubectl-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  // Async on purpose: the API server runs in this process, so kubectl must not block it.
  async function kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const r = await promisify(execFile)('kubectl', ['--server', server.url, ...args], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('kubectl exec runs commands and reports the exit code', async () => {
    expect(await kubectl('exec', 'web', '--', 'sh', '-c', 'cat /etc/hostname; exit 3')).toEqual({
      code: 3,
      stdout: 'web-7d4b9c-x2x4k\n',
      stderr: 'command terminated with exit code 3\n',
    });
  });

  it('kubectl cp copies a tree into the pod (spaces, long names, binary)', async () => {
    const src = join(scratch, 'upload');
    mkdirSync(join(src, LONG, '..'), { recursive: true });
    writeFileSync(join(src, LONG), 'id,total\n1,42\n');
    writeFileSync(join(src, 'blob.bin'), BINARY);
    writeFileSync(join(src, 'read me.txt'), 'hello from the laptop\n');
    const r = await kubectl('cp', src, 'web:/srv/upload');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const fs = container.fs;
    expect(fs.readText(`/srv/upload/${LONG}`)).toBe('id,total\n1,42\n');
    expect(fs.readFile('/srv/upload/blob.bin')).toEqual(BINARY);
    expect(fs.readText('/srv/upload/read me.txt')).toBe('hello from the laptop\n');
    expect(server.commands.slice(-2)).toEqual([
      ['test', '-d', '/srv/upload'],
      ['tar', '-xmf', '-', '-C', '/srv'],
    ]);
  });

  it('kubectl cp into an existing directory, with --no-preserve', async () => {
    const file = join(scratch, 'notes.txt');
    writeFileSync(file, 'n\n');
    expect((await kubectl('cp', '--no-preserve', file, 'web:/tmp/')).code).toBe(0);
    expect(container.fs.readText('/tmp/notes.txt')).toBe('n\n');
    expect(server.commands.slice(-2)).toEqual([
      ['test', '-d', '/tmp'],
      ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-', '-C', '/tmp'],
    ]);
  });

  it('kubectl cp copies files and trees out of the pod, also with --retries', async () => {
    container.fs.mkdir('/data/reports/2024', { parents: true });
    container.fs.writeFile('/data/reports/2024/q1 summary.txt', 'revenue up\n');
    container.fs.writeFile('/data/reports/raw.bin', BINARY);
    const out = join(scratch, 'download');
    const r = await kubectl('cp', 'web:/data/reports', out);
    expect(r).toMatchObject({ code: 0, stdout: "tar: Removing leading `/' from member names\n" });
    expect(readFileSync(join(out, '2024/q1 summary.txt'), 'utf8')).toBe('revenue up\n');
    expect(new Uint8Array(readFileSync(join(out, 'raw.bin')))).toEqual(BINARY);
    expect(server.commands.at(-1)).toEqual(['tar', 'cf', '-', '/data/reports']);

    const single = join(scratch, 'hostname.txt');
    expect((await kubectl('cp', '--retries=2', 'web:/etc/hostname', single)).code).toBe(0);
    expect(readFileSync(single, 'utf8')).toBe('web-7d4b9c-x2x4k\n');
    expect(server.commands.at(-1)).toEqual(['sh', '-c', 'tar cf - /etc/hostname | tail -c+0']);
  });

  it('kubectl exec -i feeds stdin to a shell', async () => {
    const r = await new Promise<{ stdout: string }>((resolve, reject) => {
      const child = execFile(
        'kubectl',
        ['--server', server.url, 'exec', '-i', 'web', '--', 'sh'],
        { encoding: 'utf8', timeout: 30_000 },
        (err, stdout) => (err ? reject(err) : resolve({ stdout })),
      );
      child.stdin?.end('cd /etc/nginx\nls conf.d\n');
    });
    expect(r.stdout).toBe('default.conf\n');
  });
});
