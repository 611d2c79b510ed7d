import { describe, expect, it } from 'vitest';
import { exec, testContainer } from '../testing/exec-harness.ts';

const keys = (text: string) => [...text];

describe('interactive shells', () => {
  it('runs commands fed line by line without a tty: no prompt, no echo', async () => {
    const r = await exec(testContainer(), ['sh'], {
      stdin: ['echo one\n', 'cd /etc/nginx\n', 'pwd; ls conf.d\n'],
    });
    expect(r).toMatchObject({ stdout: 'one\n/etc/nginx\ndefault.conf\n', stderr: '', exitCode: 0 });
  });

  it('ends with the status of the last command at end of input, or exit n', async () => {
    expect((await exec(testContainer(), ['sh'], { stdin: ['false\n'] })).exitCode).toBe(1);
    const r = await exec(testContainer(), ['sh'], { stdin: ['exit 4\n', 'echo never\n'] });
    expect(r).toMatchObject({ stdout: '', exitCode: 4 });
  });

  it('lets a command read the rest of stdin', async () => {
    const r = await exec(testContainer(), ['sh'], { stdin: ['cat > /tmp/in\n', 'line a\n', 'line b\n'] });
    expect(r.exitCode).toBe(0);
    expect(
      (await exec(testContainer(), ['sh'], { stdin: ['read NAME\n', 'pod\n', 'echo hi $NAME\n'] })).stdout,
    ).toBe('hi pod\n');
  });

  it('prompts, echoes keystrokes and translates newlines on a tty (busybox)', async () => {
    const r = await exec(testContainer('alpine:3.20'), ['/bin/sh'], {
      tty: true,
      stdin: [...keys('cd /tmp\r'), ...keys('echo hi\r'), 'exit\r'],
    });
    expect(r.stdout).toBe('/ # cd /tmp\r\n/tmp # echo hi\r\nhi\r\n/tmp # exit\r\n');
    expect(r.exitCode).toBe(0);
  });

  it('shows bash’s user@host prompt and prints exit on Ctrl-D', async () => {
    const r = await exec(testContainer('nginx:1.27'), ['bash'], { tty: true, stdin: ['cd\r', '\x04'] });
    expect(r.stdout).toBe('root@web-7d4b9c-x2x4k:/# cd\r\nroot@web-7d4b9c-x2x4k:~# exit\r\n');
  });

  it('edits the line: backspace erases, Ctrl-C cancels, Ctrl-U kills', async () => {
    const c = testContainer('alpine:3.20');
    const r = await exec(c, ['sh'], {
      tty: true,
      stdin: [
        ...keys('echo nope'),
        '\x03',
        ...keys('echo helo'),
        '\x7f',
        ...keys('lo'),
        '\r',
        ...keys('garbage'),
        '\x15',
        ...keys('echo $?'),
        '\r',
        '\x04',
      ],
    });
    expect(r.stdout).toBe(
      '/ # echo nope^C\r\n/ # echo helo\b \blo\r\nhello\r\n/ # garbage' +
        '\b \b'.repeat(7) +
        'echo $?\r\n0\r\n/ # \r\n',
    );
  });

  it('asks for continuation lines and reports syntax errors without exiting', async () => {
    const r = await exec(testContainer('alpine:3.20'), ['sh'], {
      tty: true,
      stdin: ['echo "a\r', 'b"\r', 'fi\r', 'echo $?\r', '\x04'],
    });
    expect(r.stdout).toBe(
      '/ # echo "a\r\n> b"\r\na\r\nb\r\n/ # fi\r\nsh: syntax error: unexpected "fi"\r\n/ # echo $?\r\n2\r\n/ # \r\n',
    );
  });

  it('accepts input split at arbitrary byte boundaries, including inside UTF-8', async () => {
    const bytes = new TextEncoder().encode('echo grüße\r');
    const split = [bytes.slice(0, 8), bytes.slice(8, 9), bytes.slice(9)];
    const r = await exec(testContainer('alpine:3.20'), ['sh'], { tty: true, stdin: [...split, '\x04'] });
    expect(r.stdout).toContain('grüße\r\n');
  });

  it('interrupts a command reading the terminal with Ctrl-C', async () => {
    const r = await exec(testContainer('alpine:3.20'), ['sh'], {
      tty: true,
      stdin: ['cat\r', 'typed\r', '\x03', 'echo $?\r', '\x04'],
    });
    expect(r.stdout).toBe('/ # cat\r\ntyped\r\ntyped\r\n^C\r\n/ # echo $?\r\n130\r\n/ # \r\n');
  });

  it('stops a runaway loop on Ctrl-C', async () => {
    const r = await exec(testContainer('alpine:3.20'), ['sh'], {
      tty: true,
      stdin: ['while true; do :; done\r', '\x03', 'echo back\r', '\x04'],
    });
    expect(r.stdout).toContain('^C\r\n/ # echo back\r\nback\r\n');
  });

  it('merges stderr into the terminal stream on a tty', async () => {
    const r = await exec(testContainer('alpine:3.20'), ['sh'], { tty: true, stdin: ['nope\r', '\x04'] });
    expect(r.stdout).toBe('/ # nope\r\nsh: nope: not found\r\n/ # \r\n');
    expect(r.stderr).toBe('');
  });
});
