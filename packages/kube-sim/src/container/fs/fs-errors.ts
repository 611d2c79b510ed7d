/**
 * File-system errors carry the errno name and the exact strerror text glibc/musl print, so
 * commands can compose messages users recognise (`cat: x: No such file or directory`).
 */

export type FsErrorCode =
  | 'ENOENT'
  | 'EISDIR'
  | 'ENOTDIR'
  | 'EEXIST'
  | 'ENOTEMPTY'
  | 'EINVAL'
  | 'ELOOP'
  | 'EBUSY'
  | 'EACCES'
  | 'EXDEV';

const STRERROR: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
  EBUSY: 'Device or resource busy',
  EACCES: 'Permission denied',
  EXDEV: 'Invalid cross-device link',
};

export class FsError extends Error {
  readonly code: FsErrorCode;
  readonly path: string;

  constructor(code: FsErrorCode, path: string) {
    super(STRERROR[code]);
    this.name = 'FsError';
    this.code = code;
    this.path = path;
  }
}

export function isFsError(err: unknown): err is FsError {
  return err instanceof FsError;
}

/** The strerror text for any thrown value (non-FsErrors keep their own message). */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
