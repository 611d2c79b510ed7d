import { describe, expect, it } from 'vitest';
import { exec, sh, testContainer } from '../testing/exec-harness.ts';

describe('text commands', () => {
  it('echo -n / -e and printf', async () => {
    const c = testContainer('alpine:3.20');
    expect((await exec(c, ['echo', '-n', 'a', 'b'])).stdout).toBe('a b');
    expect((await exec(c, ['echo', '-e', 'tab\\there\\c', 'never'])).stdout).toBe('tab\there');
    expect(
      (await exec(c, ['printf', '%s=%5.2f|%-4s|%03d|%x\\n', 'pi', '3.14159', 'ab', '7', '255'])).stdout,
    ).toBe('pi= 3.14|ab  |007|ff\n');
    expect((await exec(c, ['printf', '%s\\n', 'a', 'b'])).stdout).toBe('a\nb\n');
    expect((await exec(c, ['printf', '\\377\\n'])).stdoutBytes).toEqual(new Uint8Array([0xff, 0x0a]));
    expect((await exec(c, ['echo', 'café'])).stdout).toBe('café\n');
  });

  it('cat concatenates files and stdin, numbers lines, and reports missing files', async () => {
    const c = testContainer();
    expect((await sh(c, 'echo one > /tmp/a; echo two | cat /tmp/a - ; cat -n /tmp/a')).stdout).toBe(
      'one\ntwo\n     1\tone\n',
    );
    expect(await exec(c, ['cat', '/nope'])).toMatchObject({
      stderr: 'cat: /nope: No such file or directory\n',
      exitCode: 1,
    });
    expect(await exec(testContainer('alpine'), ['cat', '/nope'])).toMatchObject({
      stderr: "cat: can't open '/nope': No such file or directory\n",
      exitCode: 1,
    });
    expect((await exec(c, ['cat', '/etc'])).stderr).toBe('cat: /etc: Is a directory\n');
  });

  it('head and tail by lines and bytes, including kubectl cp’s tail -c+N', async () => {
    const c = testContainer();
    await sh(c, 'seq 1 20 > /tmp/n');
    expect((await exec(c, ['head', '-n', '3', '/tmp/n'])).stdout).toBe('1\n2\n3\n');
    expect((await exec(c, ['head', '-2', '/tmp/n'])).stdout).toBe('1\n2\n');
    expect((await exec(c, ['tail', '-n', '2', '/tmp/n'])).stdout).toBe('19\n20\n');
    expect((await exec(c, ['tail', '-n', '+19', '/tmp/n'])).stdout).toBe('19\n20\n');
    expect((await exec(c, ['head', '-c', '4', '/tmp/n'])).stdout).toBe('1\n2\n');
    expect((await sh(c, 'printf abcdef | tail -c+0')).stdout).toBe('abcdef');
    expect((await sh(c, 'printf abcdef | tail -c+3')).stdout).toBe('cdef');
    expect((await sh(c, 'printf abcdef | tail -c 2')).stdout).toBe('ef');
    expect((await exec(c, ['head', '-n', '1', '/tmp/n', '/etc/hostname'])).stdout).toBe(
      '==> /tmp/n <==\n1\n\n==> /etc/hostname <==\nweb-7d4b9c-x2x4k\n',
    );
  });

  it('wc counts like coreutils and busybox', async () => {
    const c = testContainer();
    await sh(c, 'printf "a b\\nc\\n" > /tmp/w');
    expect((await exec(c, ['wc', '-l', '/tmp/w'])).stdout).toBe('2 /tmp/w\n');
    expect((await sh(c, 'cat /tmp/w | wc -l')).stdout).toBe('2\n');
    expect((await sh(c, 'cat /tmp/w | wc')).stdout).toBe('      2       3       6\n');
    expect((await exec(c, ['wc', '/tmp/w'])).stdout).toBe('2 3 6 /tmp/w\n');
    expect((await sh(testContainer('alpine'), 'printf "a b\\nc\\n" | wc')).stdout).toBe(
      '        2         3         6\n',
    );
  });

  it('grep with -i -v -n -c, regexes, and exit statuses', async () => {
    const c = testContainer();
    const conf = '/etc/nginx/conf.d/default.conf';
    expect((await exec(c, ['grep', '-n', 'listen', conf])).stdout).toBe(
      '2:    listen       80;\n3:    listen  [::]:80;\n',
    );
    expect((await exec(c, ['grep', '-c', 'location', conf])).stdout).toBe('2\n');
    expect((await exec(c, ['grep', '-i', 'SERVER_NAME', conf])).stdout).toBe('    server_name  localhost;\n');
    expect((await sh(c, 'printf "a\\nb\\nab\\n" | grep -v a')).stdout).toBe('b\n');
    expect((await sh(c, 'printf "x1\\nx22\\n" | grep "x[0-9]\\{2\\}"')).stdout).toBe('x22\n');
    expect((await sh(c, 'printf "x1\\nx22\\n" | grep -E "x[0-9]{2}|x1$"')).stdout).toBe('x1\nx22\n');
    expect((await exec(c, ['grep', 'nomatch', conf])).exitCode).toBe(1);
    expect(await exec(c, ['grep', 'x', '/nope'])).toMatchObject({
      exitCode: 2,
      stderr: 'grep: /nope: No such file or directory\n',
    });
    expect((await exec(c, ['grep', '-r', 'worker_processes', '/etc/nginx'])).stdout).toBe(
      '/etc/nginx/nginx.conf:worker_processes  auto;\n',
    );
  });

  it('sort and uniq', async () => {
    const c = testContainer();
    expect((await sh(c, 'printf "10\\n9\\nb\\nB\\n" | sort')).stdout).toBe('10\n9\nB\nb\n');
    expect((await sh(c, 'printf "10\\n9\\n100\\n" | sort -n')).stdout).toBe('9\n10\n100\n');
    expect((await sh(c, 'printf "a\\nb\\na\\n" | sort -ru')).stdout).toBe('b\na\n');
    expect((await sh(c, 'printf "a\\na\\nb\\n" | uniq -d')).stdout).toBe('a\n');
  });

  it('tr, cut, tee, seq, base64', async () => {
    const c = testContainer();
    expect((await sh(c, 'echo hello | tr a-z A-Z')).stdout).toBe('HELLO\n');
    expect((await sh(c, 'echo a:b:c | cut -d: -f2,3')).stdout).toBe('b:c\n');
    expect((await sh(c, 'echo copy | tee /tmp/t >/dev/null; cat /tmp/t')).stdout).toBe('copy\n');
    expect((await exec(c, ['seq', '2', '2', '6'])).stdout).toBe('2\n4\n6\n');
    expect((await sh(c, 'echo -n hello | base64')).stdout).toBe('aGVsbG8=\n');
    expect((await sh(c, 'echo aGVsbG8= | base64 -d')).stdout).toBe('hello');
  });

  it('base64 round-trips binary data and wraps at 76 columns', async () => {
    const c = testContainer();
    const r = await sh(
      c,
      'head -c 300 /dev/urandom > /tmp/r; base64 /tmp/r > /tmp/r.b64; base64 -d /tmp/r.b64 | cmp 2>/dev/null; base64 -d /tmp/r.b64 > /tmp/r2; sha256sum /tmp/r /tmp/r2',
    );
    const [a, b] = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0]);
    expect(a).toBe(b);
    const wrapped = c.fs.readText('/tmp/r.b64').split('\n');
    expect(wrapped[0]?.length).toBe(76);
    expect(await sh(c, 'echo "not base64!" | base64 -d')).toMatchObject({
      exitCode: 1,
      stderr: 'base64: invalid input\n',
    });
  });
});
