/** Terse helpers for seeding an image layer into a ContainerFs with fixed times and modes. */
import type { ContainerFs } from '../fs/container-fs.ts';
import { dirName } from '../fs/fs-path.ts';

export class TreeBuilder {
  readonly fs: ContainerFs;
  /** mtime given to everything seeded until changed (image build time, then start time). */
  time: Date;

  constructor(fs: ContainerFs, time: Date) {
    this.fs = fs;
    this.time = time;
  }

  dir(path: string, mode = 0o755): this {
    if (!this.fs.exists(path)) {
      this.ensureParent(path);
      this.fs.mkdir(path, { mode, mtime: this.time });
    } else {
      this.fs.chmod(path, mode);
    }
    this.fs.setMtime(path, this.time, false);
    return this;
  }

  dirs(paths: string[], mode = 0o755): this {
    for (const path of paths) this.dir(path, mode);
    return this;
  }

  file(
    path: string,
    content: string | Uint8Array,
    mode = 0o644,
    extra: { uid?: number; gid?: number } = {},
  ): this {
    this.ensureParent(path);
    this.fs.writeFile(path, content, { mode, mtime: this.time, ...extra });
    this.fs.chmod(path, mode);
    this.restoreParentTime(path);
    return this;
  }

  procFile(path: string, content: string): this {
    this.ensureParent(path);
    this.fs.writeFile(path, content, { mode: 0o444, mtime: this.time, procfs: true });
    this.restoreParentTime(path);
    return this;
  }

  link(path: string, target: string): this {
    this.ensureParent(path);
    if (this.fs.tryStat(path, false)) this.fs.unlink(path);
    this.fs.symlink(target, path);
    this.fs.setMtime(path, this.time, false);
    this.restoreParentTime(path);
    return this;
  }

  device(
    path: string,
    device: Parameters<ContainerFs['makeDevice']>[1],
    major: number,
    minor: number,
    mode = 0o666,
  ): this {
    this.ensureParent(path);
    this.fs.makeDevice(path, device, major, minor, mode);
    this.fs.setMtime(path, this.time, false);
    return this;
  }

  private ensureParent(path: string): void {
    const parent = dirName(path);
    if (!this.fs.exists(parent)) this.dir(parent);
  }

  /** Seeding a file must not make its directory look freshly modified. */
  private restoreParentTime(path: string): void {
    this.fs.setMtime(dirName(path), this.time, true);
  }
}
