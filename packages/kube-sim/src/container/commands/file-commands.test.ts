import { describe, expect, it } from 'vitest';
import { exec, sh, testContainer } from '../testing/exec-harness.ts';

describe('ls', () => {
  it('ls -la aligns columns like GNU coreutils', async () => {
    const c = testContainer('nginx:1.27');
    await sh(
      c,
      'mkdir /srv/site && cd /srv/site && printf hello > index.html && mkdir assets && ln -s index.html home',
    );
    const r = await exec(c, ['ls', '-la', '/srv/site']);
    expect(r.stdout).toBe(
      [
        'total 16',
        'drwxr-xr-x 3 root root 4096 May  1 10:01 .',
        'drwxr-xr-x 3 root root 4096 May  1 10:01 ..',
        'drwxr-xr-x 2 root root 4096 May  1 10:01 assets',
        'lrwxrwxrwx 1 root root   10 May  1 10:01 home -> index.html',
        '-rw-r--r-- 1 root root    5 May  1 10:01 index.html',
        '',
      ].join('\n'),
    );
  });

  it('ls -la aligns columns like busybox on Alpine', async () => {
    const c = testContainer('alpine:3.20');
    await sh(c, 'mkdir /srv/site && printf hello > /srv/site/index.html');
    const r = await exec(c, ['ls', '-la', '/srv/site']);
    expect(r.stdout).toBe(
      [
        'total 12',
        'drwxr-xr-x    2 root     root          4096 May  1 10:01 .',
        'drwxr-xr-x    3 root     root          4096 May  1 10:01 ..',
        '-rw-r--r--    1 root     root             5 May  1 10:01 index.html',
        '',
      ].join('\n'),
    );
  });

  it('shows old files with the year, sizes with -h, one per line when piped, columns on a tty', async () => {
    const c = testContainer();
    c.clock.now = new Date('2025-03-01T00:00:00Z');
    expect((await exec(c, ['ls', '-l', '/etc/nginx/nginx.conf'])).stdout).toBe(
      '-rw-r--r-- 1 root root 647 Apr  8  2024 /etc/nginx/nginx.conf\n',
    );
    expect((await exec(c, ['ls', '-lh', '/usr/bin/bash'])).stdout).toMatch(
      /^-rwxr-xr-x 1 root root 1\.3M Apr {2}8 {2}2024 \/usr\/bin\/bash\n$/,
    );
    expect((await exec(c, ['ls', '/etc/nginx'])).stdout).toBe(
      'conf.d\nfastcgi_params\nmime.types\nmodules\nnginx.conf\n',
    );
    expect((await exec(c, ['ls', '/etc/nginx'], { tty: true, cols: 40 })).stdout).toBe(
      'conf.d          mime.types  nginx.conf\r\nfastcgi_params  modules\r\n',
    );
    expect((await exec(c, ['ls', '-1', '/var/run/secrets/kubernetes.io/serviceaccount'])).stdout).toBe(
      'ca.crt\nnamespace\ntoken\n',
    );
  });

  it('reports missing paths', async () => {
    expect(await exec(testContainer(), ['ls', '/nope'])).toMatchObject({
      stderr: "ls: cannot access '/nope': No such file or directory\n",
      exitCode: 2,
    });
    expect(await exec(testContainer('alpine'), ['ls', '/nope'])).toMatchObject({
      stderr: 'ls: /nope: No such file or directory\n',
      exitCode: 1,
    });
  });
});

describe('file operations', () => {
  it('mkdir -p, rmdir, rm -r/-f with real messages', async () => {
    const c = testContainer();
    expect((await sh(c, 'mkdir -p /a/b/c && ls /a/b')).stdout).toBe('c\n');
    expect((await exec(c, ['mkdir', '/a'])).stderr).toBe(
      "mkdir: cannot create directory '/a': File exists\n",
    );
    expect((await exec(c, ['rmdir', '/a'])).stderr).toBe(
      "rmdir: failed to remove '/a': Directory not empty\n",
    );
    expect((await exec(c, ['rm', '/a'])).stderr).toBe("rm: cannot remove '/a': Is a directory\n");
    expect((await exec(c, ['rm', '/nope'])).stderr).toBe(
      "rm: cannot remove '/nope': No such file or directory\n",
    );
    expect((await exec(c, ['rm', '-f', '/nope'])).exitCode).toBe(0);
    expect((await exec(c, ['rm', '-rf', '/a'])).exitCode).toBe(0);
    expect(c.fs.exists('/a')).toBe(false);
    expect((await exec(c, ['rm', '-rf', '/'])).stderr).toContain(
      "rm: it is dangerous to operate recursively on '/'",
    );
    const bb = testContainer('alpine');
    expect((await exec(bb, ['mkdir', '/etc'])).stderr).toBe(
      "mkdir: can't create directory '/etc': File exists\n",
    );
    expect((await exec(bb, ['rm', '/etc'])).stderr).toBe("rm: '/etc' is a directory\n");
  });

  it('cp -r, mv and touch', async () => {
    const c = testContainer();
    await sh(c, 'mkdir -p /src/sub && echo x > /src/sub/f && mkdir /dst');
    expect((await exec(c, ['cp', '/src', '/dst'])).stderr).toBe(
      "cp: -r not specified; omitting directory '/src'\n",
    );
    await exec(c, ['cp', '-r', '/src', '/dst']);
    expect(c.fs.readText('/dst/src/sub/f')).toBe('x\n');
    await exec(c, ['cp', '/src/sub/f', '/dst/g']);
    await exec(c, ['mv', '/dst/g', '/dst/src']);
    expect(c.fs.readText('/dst/src/g')).toBe('x\n');
    expect((await exec(c, ['mv', '/nope', '/dst'])).stderr).toBe(
      "mv: cannot stat '/nope': No such file or directory\n",
    );
    c.clock.now = new Date('2024-06-01T00:00:00Z');
    await exec(c, ['touch', '/src/sub/f', '/src/new']);
    expect(c.fs.stat('/src/sub/f').mtime.toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(c.fs.readText('/src/new')).toBe('');
  });

  it('ln -s, chmod and chown', async () => {
    const c = testContainer();
    await sh(
      c,
      'echo hi > /tmp/f && ln -s /tmp/f /tmp/l && chmod 600 /tmp/f && chmod u+x,g+r /tmp/f && chown nginx:nginx /tmp/f',
    );
    expect((await exec(c, ['ls', '-l', '/tmp/f', '/tmp/l'])).stdout).toBe(
      '-rwxr----- 1 nginx nginx 3 May  1 10:01 /tmp/f\nlrwxrwxrwx 1 root  root  6 May  1 10:01 /tmp/l -> /tmp/f\n',
    );
    expect((await exec(c, ['cat', '/tmp/l'])).stdout).toBe('hi\n');
  });

  it('find by name and type', async () => {
    const c = testContainer();
    expect((await exec(c, ['find', '/etc/nginx', '-name', '*.conf'])).stdout).toBe(
      '/etc/nginx/conf.d/default.conf\n/etc/nginx/nginx.conf\n',
    );
    expect((await exec(c, ['find', '/etc/nginx', '-type', 'd'])).stdout).toBe(
      '/etc/nginx\n/etc/nginx/conf.d\n',
    );
    expect((await sh(c, 'cd /etc/nginx && find . -maxdepth 1 -type l')).stdout).toBe('./modules\n');
    expect((await exec(c, ['find', '/nope'])).stderr).toBe("find: '/nope': No such file or directory\n");
  });

  it('stat, du -sh and df -h', async () => {
    const c = testContainer();
    const st = await exec(c, ['stat', '/etc/hostname']);
    expect(st.stdout.split('\n').slice(0, 4)).toEqual([
      '  File: /etc/hostname',
      '  Size: 17        \tBlocks: 8          IO Block: 4096   regular file',
      expect.stringMatching(/^Device: 0,123\tInode: \d+ +Links: 1$/),
      'Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)',
    ]);
    expect((await exec(c, ['stat', '-c', '%n %s %a %U %F', '/etc/hostname'])).stdout).toBe(
      '/etc/hostname 17 644 root regular file\n',
    );
    expect((await exec(c, ['du', '-sh', '/usr/share/nginx/html'])).stdout).toBe(
      '12K\t/usr/share/nginx/html\n',
    );
    const df = (await exec(c, ['df', '-h'])).stdout.split('\n');
    expect(df[0]).toBe('Filesystem      Size  Used Avail Use% Mounted on');
    expect(df[1]).toMatch(/^overlay +\d+G +\d+G +\d+G +\d+% \/$/);
  });
});
