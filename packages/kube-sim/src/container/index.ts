/**
 * What runs inside a simulated container: its file system, a shell with the usual commands
 * (what `kubectl exec`, `kubectl cp` and the web terminal talk to), and its log output.
 */
export { ContainerFs, type ContainerFsOptions, type WriteOptions } from './fs/container-fs.ts';
export { FsError, isFsError, type FsErrorCode } from './fs/fs-errors.ts';
export { modeString, type FileStat, type NodeType } from './fs/fs-nodes.ts';
export { createContainerFs, type CreateContainerFsOptions } from './image/create-container-fs.ts';
export { defaultContainerEnv, type ContainerEnvOptions } from './image/container-env.ts';
export { imageProfile, parseImageReference, type ImageProfile } from './image/image-profile.ts';
export {
  execInContainer,
  type ContainerContext,
  type ExecIO,
  type ExecResult,
} from './exec/exec-in-container.ts';
export type { ProcessInfo } from './shell/system.ts';
export {
  containerLogEntries,
  containerLogLines,
  followContainerLog,
  formatLogTimestamp,
  nextLogLineAt,
  type ContainerLogOptions,
  type LogEntry,
} from './logs/container-logs.ts';
export { CRASH_AFTER_MS, CRASH_EXIT_CODE, LOG_INTERVAL_MS } from './logs/log-profile.ts';
