import { describe, expect, it } from 'vitest';
import { exec, sh, testContainer } from '../testing/exec-harness.ts';

describe('sh -c', () => {
  it('prints hi', async () => {
    const r = await sh(testContainer(), 'echo hi');
    expect(r).toMatchObject({ stdout: 'hi\n', stderr: '', exitCode: 0 });
  });

  it('handles quoting, escapes and expansion', async () => {
    const c = testContainer();
    const r = await sh(
      c,
      `X=world; echo 'single $X' "double $X" \\$X \${X}! "\${UNSET:-fallback}" $? \${#X}`,
    );
    expect(r.stdout).toBe('single $X double world $X world! fallback 0 5\n');
    expect((await sh(c, 'A="a  b"; printf "[%s]" $A "$A"; echo')).stdout).toBe('[a][b][a  b]\n');
    expect((await sh(c, 'echo $((3 * (4 + 1))) $(echo nested $(hostname))')).stdout).toBe(
      '15 nested web-7d4b9c-x2x4k\n',
    );
    expect((await sh(c, 'f=/etc/nginx/nginx.conf; echo ${f##*/} ${f%/*}')).stdout).toBe(
      'nginx.conf /etc/nginx\n',
    );
  });

  it('runs lists with ; && || and sets $?', async () => {
    const r = await sh(
      testContainer(),
      'false && echo no; false || echo yes; true; echo $?; ! true; echo $?',
    );
    expect(r.stdout).toBe('yes\n0\n1\n');
  });

  it('passes bytes through pipes', async () => {
    const c = testContainer();
    expect((await sh(c, 'printf "b\\na\\nb\\n" | sort | uniq -c')).stdout).toBe('      1 a\n      2 b\n');
    const bin = await sh(c, 'head -c 8 /bin/ls | base64');
    expect(bin.stdout).toBe(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).toString('base64') + '\n');
  });

  it('redirects stdout, stderr and stdin', async () => {
    const c = testContainer();
    const r = await sh(
      c,
      'echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f; ls /nope 2>/dev/null; echo "err" >&2; ls /nope 2>&1 | wc -l',
    );
    expect(r.stdout).toBe('one\ntwo\n1\n');
    expect(r.stderr).toBe('err\n');
    expect(c.fs.readText('/tmp/f')).toBe('one\ntwo\n');
    const write = await sh(c, 'echo x > /missing/dir/file');
    expect(write).toMatchObject({
      stderr: 'sh: 1: cannot create /missing/dir/file: Directory nonexistent\n',
      exitCode: 2,
    });
  });

  it('writes through /dev/stdout symlinks (nginx access.log) to the exec output', async () => {
    const r = await sh(testContainer(), 'echo into-log > /var/log/nginx/access.log');
    expect(r.stdout).toBe('into-log\n');
  });

  it('expands globs in the working directory and keeps unmatched patterns', async () => {
    const c = testContainer();
    const r = await sh(c, 'cd /etc/nginx && echo *.conf conf.d/* && echo *.nothing');
    expect(r.stdout).toBe('nginx.conf conf.d/default.conf\n*.nothing\n');
  });

  it('supports cd, export, VAR=x cmd and exit', async () => {
    const c = testContainer();
    const r = await sh(
      c,
      "cd /tmp; pwd; export GREETING=hey; sh -c 'echo $GREETING $ONCE'; ONCE=1 printenv ONCE; echo ${ONCE:-unset}; exit 7; echo never",
    );
    expect(r.stdout).toBe('/tmp\nhey\n1\nunset\n');
    expect(r.exitCode).toBe(7);
  });

  it('runs if, for, while, case and functions', async () => {
    const c = testContainer();
    const script = [
      'greet() { echo "hello $1"; }',
      'for n in 1 2 3; do if [ $n -eq 2 ]; then continue; fi; greet $n; done',
      'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo i=$i',
      'case nginx.conf in *.yaml) echo yaml;; *.conf) echo conf;; esac',
      'printf "a\\nb\\n" | while read line; do echo "<$line>"; done',
    ].join('\n');
    expect((await sh(c, script)).stdout).toBe('hello 1\nhello 3\ni=3\nconf\n<a>\n<b>\n');
  });

  it('feeds here-documents to commands', async () => {
    const r = await sh(testContainer(), "NAME=pod; cat <<EOF\nhello $NAME\nEOF\ncat <<'RAW'\n$NAME\nRAW");
    expect(r.stdout).toBe('hello pod\n$NAME\n');
  });

  it('reports unknown commands with status 127 in each shell’s words', async () => {
    expect(await sh(testContainer('alpine:3.20'), 'foo')).toMatchObject({
      stderr: 'sh: foo: not found\n',
      exitCode: 127,
    });
    expect(await sh(testContainer('nginx:1.27'), 'true\nfoo')).toMatchObject({
      stderr: 'sh: 2: foo: not found\n',
      exitCode: 127,
    });
    expect(await exec(testContainer('nginx:1.27'), ['bash', '-c', 'foo'])).toMatchObject({
      stderr: 'bash: line 1: foo: command not found\n',
      exitCode: 127,
    });
  });

  it('reports syntax errors with status 2', async () => {
    expect(await sh(testContainer('alpine:3.20'), 'echo "unterminated')).toMatchObject({
      stderr: 'sh: syntax error: unterminated quoted string\n',
      exitCode: 2,
    });
    expect(await sh(testContainer('alpine:3.20'), 'echo a | | b')).toMatchObject({
      stderr: 'sh: syntax error: unexpected "|"\n',
      exitCode: 2,
    });
    expect(await sh(testContainer('nginx:1.27'), 'if true; then echo x')).toMatchObject({
      stderr: 'sh: 1: Syntax error: end of file unexpected\n',
      exitCode: 2,
    });
  });

  it('honours set -e and dash’s echo escapes', async () => {
    const c = testContainer();
    expect((await sh(c, 'set -e; echo a; false; echo b')).stdout).toBe('a\n');
    expect((await sh(c, 'echo "x\\ty"')).stdout).toBe('x\ty\n');
    expect((await sh(testContainer('alpine:3.20'), 'echo "x\\ty"; echo -e "x\\ty"')).stdout).toBe(
      'x\\ty\nx\ty\n',
    );
  });

  it('runs executable scripts through their shebang', async () => {
    const c = testContainer();
    const r = await sh(
      c,
      'printf "#!/bin/sh\\necho script \\$1\\n" > /tmp/s.sh; chmod +x /tmp/s.sh; /tmp/s.sh arg; cd /tmp && ./s.sh two; sh s.sh three',
    );
    expect(r.stdout).toBe('script arg\nscript two\nscript three\n');
    expect((await sh(c, '/etc/hosts')).stderr).toBe('sh: 1: /etc/hosts: Permission denied\n');
  });
});
