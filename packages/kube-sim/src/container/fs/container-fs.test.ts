import { describe, expect, it } from 'vitest';
import { ContainerFs } from './container-fs.ts';
import { FsError } from './fs-errors.ts';
import { modeString } from './fs-nodes.ts';

const T0 = new Date('2024-05-01T10:00:00Z');

function fresh(): ContainerFs {
  return new ContainerFs({ now: () => T0 });
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof FsError ? `${err.code}: ${err.message}` : String(err);
  }
  return undefined;
}

describe('ContainerFs', () => {
  it('creates nested directories and files and lists them like a file manager needs', () => {
    const fs = fresh();
    fs.mkdir('/srv/app/data', { parents: true });
    fs.writeFile('/srv/app/data/a.txt', 'hello\n');
    fs.writeFile('/srv/app/b.bin', new Uint8Array([0, 1, 2]));
    expect(fs.list('/srv/app').map((e) => [e.name, e.type, e.size, modeString(e.type, e.mode)])).toEqual([
      ['b.bin', 'file', 3, '-rw-r--r--'],
      ['data', 'dir', 4096, 'drwxr-xr-x'],
    ]);
    expect(fs.readText('/srv/app/data/a.txt')).toBe('hello\n');
    expect(fs.stat('/srv/app/data').nlink).toBe(2);
    expect(fs.stat('/srv/app').nlink).toBe(3);
  });

  it('reports the real error texts', () => {
    const fs = fresh();
    fs.mkdir('/d');
    fs.writeFile('/d/f', 'x');
    expect(code(() => fs.readFile('/nope'))).toBe('ENOENT: No such file or directory');
    expect(code(() => fs.readFile('/d'))).toBe('EISDIR: Is a directory');
    expect(code(() => fs.readFile('/d/f/g'))).toBe('ENOTDIR: Not a directory');
    expect(code(() => fs.mkdir('/d'))).toBe('EEXIST: File exists');
    expect(code(() => fs.rmdir('/d'))).toBe('ENOTEMPTY: Directory not empty');
    expect(code(() => fs.mkdir('/x/y'))).toBe('ENOENT: No such file or directory');
  });

  it('resolves relative paths, dot-dot and symlinks', () => {
    const fs = fresh();
    fs.mkdir('/usr/bin', { parents: true });
    fs.writeFile('/usr/bin/tool', 'bin');
    fs.symlink('usr/bin', '/bin');
    fs.symlink('/usr/bin/tool', '/usr/bin/alias');
    expect(fs.readText('/bin/tool')).toBe('bin');
    expect(fs.readText('/bin/../bin/./alias')).toBe('bin');
    expect(fs.realpath('/bin/alias')).toBe('/usr/bin/tool');
    expect(fs.lstat('/bin').type).toBe('symlink');
    expect(fs.stat('/bin').type).toBe('dir');
    fs.symlink('loop', '/loop');
    expect(code(() => fs.stat('/loop'))).toBe('ELOOP: Too many levels of symbolic links');
  });

  it('renames, copies and removes trees', () => {
    const fs = fresh();
    fs.mkdir('/a/b', { parents: true });
    fs.writeFile('/a/b/c', '1');
    fs.copy('/a', '/copy', { recursive: true });
    fs.rename('/a', '/moved');
    expect(fs.readText('/moved/b/c')).toBe('1');
    expect(fs.readText('/copy/b/c')).toBe('1');
    expect(fs.exists('/a')).toBe(false);
    expect(code(() => fs.rename('/moved', '/moved/b/inside'))).toBe('EINVAL: Invalid argument');
    expect(code(() => fs.remove('/moved'))).toBe('ENOTEMPTY: Directory not empty');
    fs.remove('/moved', { recursive: true });
    expect(fs.exists('/moved')).toBe(false);
  });

  it('accounts disk usage in 4 KiB blocks like du', () => {
    const fs = fresh();
    fs.mkdir('/data');
    fs.writeFile('/data/small', 'x');
    fs.writeFile('/data/big', new Uint8Array(5000));
    expect(fs.diskUsage('/data')).toEqual({ kilobytes: 4 + 4 + 8, bytes: 4096 + 1 + 5000 });
  });

  it('stamps writes with the injected clock', () => {
    let now = T0;
    const fs = new ContainerFs({ now: () => now });
    now = new Date('2024-05-02T00:00:00Z');
    fs.writeFile('/f', 'x');
    expect(fs.stat('/f').mtime).toEqual(now);
    expect(fs.stat('/').mtime).toEqual(now);
  });
});
