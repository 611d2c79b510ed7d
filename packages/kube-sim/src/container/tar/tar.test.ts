import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exec, sh, testContainer } from '../testing/exec-harness.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atrium-tar-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const LONG_DIR = 'deeply/nested/' + 'directory-with-a-rather-long-name/'.repeat(3);
const LONG_FILE = `${LONG_DIR}file with spaces and a name that keeps going and going.txt`;
const BINARY = Uint8Array.from({ length: 3000 }, (_v, i) => (i * 37 + 11) & 0xff);

function gnuTar(args: string[], input?: Uint8Array, cwd = scratch) {
  const r = spawnSync('tar', args, { cwd, ...(input ? { input } : {}) });
  return { stdout: r.stdout as Buffer, stderr: r.stderr.toString(), status: r.status };
}

describe('tar interoperates with GNU tar', () => {
  it('GNU tar reads what the container writes (spaces, nesting, long names, binary, symlinks)', async () => {
    const c = testContainer();
    c.fs.mkdir(`/srv/data/${LONG_DIR}`, { parents: true });
    c.fs.writeFile(`/srv/data/${LONG_FILE}`, 'long name content\n');
    c.fs.writeFile('/srv/data/bin.dat', BINARY);
    c.fs.writeFile('/srv/data/my notes.txt', 'spaces\n');
    c.fs.mkdir('/srv/data/empty');
    c.fs.symlink('my notes.txt', '/srv/data/link');
    c.fs.chmod('/srv/data/bin.dat', 0o755);
    const r = await exec(c, ['tar', 'cf', '-', '/srv/data']);
    expect(r.stderr).toBe("tar: Removing leading `/' from member names\n");
    expect(r.exitCode).toBe(0);
    expect(r.stdoutBytes.length % 10240).toBe(0);

    const listing = gnuTar(['tf', '-'], r.stdoutBytes);
    expect(listing.stderr).toBe('');
    expect(listing.stdout.toString().split('\n')).toEqual(
      expect.arrayContaining([
        'srv/data/',
        `srv/data/${LONG_FILE}`,
        'srv/data/empty/',
        'srv/data/link',
        'srv/data/my notes.txt',
      ]),
    );

    const out = join(scratch, 'from-container');
    mkdirSync(out);
    expect(gnuTar(['xf', '-', '-C', out], r.stdoutBytes)).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(join(out, 'srv/data', LONG_FILE), 'utf8')).toBe('long name content\n');
    expect(new Uint8Array(readFileSync(join(out, 'srv/data/bin.dat')))).toEqual(BINARY);
    expect(statSync(join(out, 'srv/data/bin.dat')).mode & 0o777).toBe(0o755);
    expect(readlinkSync(join(out, 'srv/data/link'))).toBe('my notes.txt');
    expect(statSync(join(out, 'srv/data/my notes.txt')).mtime.toISOString()).toBe('2024-05-01T10:01:30.000Z');
  });

  it('the container reads what GNU tar writes, in gnu, ustar and pax formats', async () => {
    const src = join(scratch, 'src');
    mkdirSync(join(src, 'tree', LONG_DIR), { recursive: true });
    writeFileSync(join(src, 'tree', LONG_FILE), 'from the host\n');
    writeFileSync(join(src, 'tree', 'bin.dat'), BINARY);
    writeFileSync(join(src, 'tree', 'a b.txt'), 'spaced\n');
    symlinkSync('a b.txt', join(src, 'tree', 'link'));
    for (const format of ['gnu', 'posix', 'ustar']) {
      // ustar splits the long path into its prefix and name fields; gnu uses ././@LongLink; posix uses pax headers.
      const archive = gnuTar(
        ['cf', '-', `--format=${format}`, '--owner=0', '--group=0', '--mtime=2024-03-01 12:00:00Z', 'tree'],
        undefined,
        src,
      );
      expect(archive.stderr).toBe('');
      const c = testContainer();
      const r = await exec(c, ['tar', '-xmf', '-', '-C', '/tmp'], {
        stdin: [new Uint8Array(archive.stdout)],
      });
      expect(r).toMatchObject({ exitCode: 0, stderr: '' });
      expect(c.fs.readFile('/tmp/tree/bin.dat')).toEqual(BINARY);
      expect(c.fs.readText('/tmp/tree/a b.txt')).toBe('spaced\n');
      expect(c.fs.readlink('/tmp/tree/link')).toBe('a b.txt');
      expect(c.fs.readText(`/tmp/tree/${LONG_FILE}`)).toBe('from the host\n');
      // -m: modification times are the extraction time, not the archive's.
      expect(c.fs.stat('/tmp/tree/bin.dat').mtime).toEqual(c.clock.now);
    }
  });

  it('restores times, modes and owners unless told not to', async () => {
    const src = join(scratch, 'modes');
    mkdirSync(src);
    writeFileSync(join(src, 'script.sh'), '#!/bin/sh\n');
    chmodSync(join(src, 'script.sh'), 0o777);
    const archive = gnuTar(
      ['cf', '-', '--owner=nginx:101', '--group=nginx:101', '--mtime=2024-03-01 12:00:00Z', 'script.sh'],
      undefined,
      src,
    );
    const c = testContainer();
    await exec(c, ['tar', 'xf', '-', '-C', '/tmp'], { stdin: [new Uint8Array(archive.stdout)] });
    expect(c.fs.stat('/tmp/script.sh')).toMatchObject({
      mode: 0o777,
      uid: 101,
      mtime: new Date('2024-03-01T12:00:00Z'),
    });
    await exec(c, ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-', '-C', '/tmp'], {
      stdin: [new Uint8Array(archive.stdout)],
    });
    expect(c.fs.stat('/tmp/script.sh')).toMatchObject({ mode: 0o755, uid: 0 });
  });

  it('creates gzip archives GNU tar can read, and lists archives', async () => {
    const c = testContainer();
    const r = await exec(c, ['tar', 'czf', '-', '-C', '/etc/nginx', 'nginx.conf', 'conf.d']);
    const listing = gnuTar(['tzf', '-'], r.stdoutBytes);
    expect(listing.stdout.toString()).toBe('nginx.conf\nconf.d/\nconf.d/default.conf\n');
    expect((await exec(c, ['tar', 'tf', '-'], { stdin: [r.stdoutBytes] })).stdout).toBe(
      'nginx.conf\nconf.d/\nconf.d/default.conf\n',
    );
    const verbose = await exec(c, ['tar', 'tvf', '-'], { stdin: [r.stdoutBytes] });
    expect(verbose.stdout.split('\n')[0]).toBe('-rw-r--r-- root/root       647 2024-04-08 02:14 nginx.conf');
    expect(gnuTar(['tvzf', '-'], r.stdoutBytes).stdout.toString().split('\n')[0]).toBe(
      '-rw-r--r-- root/root       647 2024-04-08 02:14 nginx.conf',
    );
  });
});

describe('tar in the container', () => {
  it('round-trips a tree through a file and reports what it extracts with -v', async () => {
    const c = testContainer();
    const r = await sh(
      c,
      'cd /etc && tar cf /tmp/n.tar nginx && mkdir /tmp/out && tar xvf /tmp/n.tar -C /tmp/out && cat /tmp/out/nginx/conf.d/default.conf | head -1',
    );
    expect(r.stdout).toBe(
      'nginx/\nnginx/conf.d/\nnginx/conf.d/default.conf\nnginx/fastcgi_params\nnginx/mime.types\nnginx/modules\nnginx/nginx.conf\nserver {\n',
    );
  });

  it('gives GNU tar’s errors', async () => {
    const c = testContainer();
    expect(await exec(c, ['tar', 'cf', '-', '/nope'])).toMatchObject({
      stderr:
        "tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n",
      exitCode: 2,
    });
    expect(
      await exec(c, ['tar', 'xf', '-', '-C', '/nope'], { stdin: [new Uint8Array(10240)] }),
    ).toMatchObject({
      stderr:
        'tar: /nope: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n',
      exitCode: 2,
    });
    expect(
      await exec(c, ['tar', 'xf', '-'], { stdin: ['this is not a tar archive'.repeat(40)] }),
    ).toMatchObject({
      stderr:
        'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n',
      exitCode: 2,
    });
    expect((await exec(c, ['tar', 'cf', '-'])).stderr).toBe(
      "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n",
    );
    expect((await exec(c, ['tar', 'cf', '-', '/etc/hostname'], { tty: true })).stdout).toContain(
      'Refusing to write archive contents to terminal',
    );
  });
});

describe('kubectl cp against the container (argv as kubectl 1.27–1.33 sends it)', () => {
  it('copies out with `tar cf - <path>` and resumes with `sh -c "tar cf - <path> | tail -c+N"`', async () => {
    const c = testContainer();
    c.fs.writeFile('/var/log/app.log', 'log line\n');
    const plain = await exec(c, ['tar', 'cf', '-', '/var/log/app.log']);
    const resumed = await exec(c, ['sh', '-c', 'tar cf - /var/log/app.log | tail -c+0']);
    expect(resumed.stdoutBytes).toEqual(plain.stdoutBytes);
    const tailFrom = await exec(c, ['sh', '-c', 'tar cf - /var/log/app.log | tail -c+513']);
    expect(tailFrom.stdoutBytes).toEqual(plain.stdoutBytes.subarray(512));
  });

  it('checks the destination with `test -d` and copies in with `tar -xmf - -C <dir>`', async () => {
    const c = testContainer();
    expect((await exec(c, ['test', '-d', '/tmp'])).exitCode).toBe(0);
    expect((await exec(c, ['test', '-d', '/tmp/new.txt'])).exitCode).toBe(1);
    const src = join(scratch, 'cp-in');
    mkdirSync(src);
    writeFileSync(join(src, 'new.txt'), 'copied in\n');
    const archive = new Uint8Array(gnuTar(['cf', '-', 'new.txt'], undefined, src).stdout);
    const r = await exec(c, ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-', '-C', '/tmp'], {
      stdin: [archive.subarray(0, 700), archive.subarray(700)],
    });
    expect(r).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(c.fs.readText('/tmp/new.txt')).toBe('copied in\n');
  });
});
