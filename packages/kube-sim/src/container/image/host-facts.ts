/**
 * Facts about the (simulated) node a container runs on, shared by uname, /proc, free, nproc
 * and df so that every tool tells the same story.
 */

export const KERNEL_RELEASE = '6.1.0-27-cloud-amd64';
export const KERNEL_VERSION = '#1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01)';
export const MACHINE = 'x86_64';
export const CPU_COUNT = 4;
export const CPU_MODEL = 'Intel(R) Xeon(R) CPU @ 2.20GHz';
export const MEM_TOTAL_KB = 16_377_216;
export const MEM_FREE_KB = 9_734_512;
export const MEM_AVAILABLE_KB = 13_209_440;
export const MEM_BUFFERS_KB = 214_880;
export const MEM_CACHED_KB = 3_581_204;

/** Mounts every container sees, as `df` and /proc/mounts report them (sizes in 1K blocks). */
export interface MountFact {
  source: string;
  target: string;
  fstype: string;
  options: string;
  sizeKb: number;
  usedKb: number;
}

export const ROOT_DISK_KB = 101_430_960;
export const ROOT_USED_KB = 23_845_112;

export function containerMounts(): MountFact[] {
  const memKb = MEM_TOTAL_KB;
  return [
    {
      source: 'overlay',
      target: '/',
      fstype: 'overlay',
      options: 'rw,relatime',
      sizeKb: ROOT_DISK_KB,
      usedKb: ROOT_USED_KB,
    },
    {
      source: 'tmpfs',
      target: '/dev',
      fstype: 'tmpfs',
      options: 'rw,nosuid,size=65536k,mode=755',
      sizeKb: 65_536,
      usedKb: 0,
    },
    {
      source: 'shm',
      target: '/dev/shm',
      fstype: 'tmpfs',
      options: 'rw,nosuid,nodev,noexec,relatime,size=65536k',
      sizeKb: 65_536,
      usedKb: 0,
    },
    {
      source: '/dev/sda1',
      target: '/etc/hosts',
      fstype: 'ext4',
      options: 'rw,relatime',
      sizeKb: ROOT_DISK_KB,
      usedKb: ROOT_USED_KB,
    },
    {
      source: '/dev/sda1',
      target: '/dev/termination-log',
      fstype: 'ext4',
      options: 'rw,relatime',
      sizeKb: ROOT_DISK_KB,
      usedKb: ROOT_USED_KB,
    },
    {
      source: '/dev/sda1',
      target: '/etc/hostname',
      fstype: 'ext4',
      options: 'rw,relatime',
      sizeKb: ROOT_DISK_KB,
      usedKb: ROOT_USED_KB,
    },
    {
      source: '/dev/sda1',
      target: '/etc/resolv.conf',
      fstype: 'ext4',
      options: 'rw,relatime',
      sizeKb: ROOT_DISK_KB,
      usedKb: ROOT_USED_KB,
    },
    {
      source: 'tmpfs',
      target: '/run/secrets/kubernetes.io/serviceaccount',
      fstype: 'tmpfs',
      options: 'ro,relatime,size=4194304k',
      sizeKb: Math.min(4_194_304, memKb),
      usedKb: 12,
    },
    {
      source: 'tmpfs',
      target: '/proc/acpi',
      fstype: 'tmpfs',
      options: 'ro,relatime',
      sizeKb: Math.floor(memKb / 2),
      usedKb: 0,
    },
    {
      source: 'tmpfs',
      target: '/sys/firmware',
      fstype: 'tmpfs',
      options: 'ro,relatime',
      sizeKb: Math.floor(memKb / 2),
      usedKb: 0,
    },
  ];
}
