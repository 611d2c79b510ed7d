/** Static /proc text: enough for `cat /proc/cpuinfo`, `free`, `uptime` and PID 1 inspection. */
import {
  CPU_COUNT,
  CPU_MODEL,
  KERNEL_RELEASE,
  KERNEL_VERSION,
  MEM_AVAILABLE_KB,
  MEM_BUFFERS_KB,
  MEM_CACHED_KB,
  MEM_FREE_KB,
  MEM_TOTAL_KB,
  containerMounts,
} from './host-facts.ts';
import type { TreeBuilder } from './tree-builder.ts';

function cpuinfo(): string {
  const blocks: string[] = [];
  for (let cpu = 0; cpu < CPU_COUNT; cpu++) {
    blocks.push(
      [
        `processor\t: ${cpu}`,
        'vendor_id\t: GenuineIntel',
        'cpu family\t: 6',
        'model\t\t: 85',
        `model name\t: ${CPU_MODEL}`,
        'stepping\t: 7',
        'cpu MHz\t\t: 2200.216',
        'cache size\t: 39424 KB',
        'physical id\t: 0',
        `siblings\t: ${CPU_COUNT}`,
        `core id\t\t: ${Math.floor(cpu / 2)}`,
        `cpu cores\t: ${CPU_COUNT / 2}`,
        'fpu\t\t: yes',
        'flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch avx2 avx512f avx512dq',
        'bogomips\t: 4400.43',
        'clflush size\t: 64',
        'address sizes\t: 46 bits physical, 48 bits virtual',
        '',
      ].join('\n'),
    );
  }
  return blocks.join('\n') + '\n';
}

function meminfo(): string {
  const row = (name: string, kb: number) => `${(name + ':').padEnd(16)}${String(kb).padStart(8)} kB`;
  return (
    [
      row('MemTotal', MEM_TOTAL_KB),
      row('MemFree', MEM_FREE_KB),
      row('MemAvailable', MEM_AVAILABLE_KB),
      row('Buffers', MEM_BUFFERS_KB),
      row('Cached', MEM_CACHED_KB),
      row('SwapCached', 0),
      row('Active', 3_912_044),
      row('Inactive', 1_818_300),
      row('SwapTotal', 0),
      row('SwapFree', 0),
      row('Dirty', 412),
      row('Shmem', 4_480),
      row('Slab', 402_112),
    ].join('\n') + '\n'
  );
}

export interface ProcOptions {
  command: string[];
  env: Record<string, string>;
  startedAt: Date;
}

export function seedProc(t: TreeBuilder, o: ProcOptions): void {
  t.time = o.startedAt;
  const nul = '\0';
  const cmdline = o.command.join(nul) + nul;
  const environ = Object.entries(o.env)
    .map(([k, v]) => `${k}=${v}${nul}`)
    .join('');
  const mounts = containerMounts()
    .map((m) => `${m.source} ${m.target} ${m.fstype} ${m.options} 0 0`)
    .join('\n');
  t.dir('/proc', 0o555)
    .procFile('/proc/1/cmdline', cmdline)
    .procFile('/proc/1/environ', environ)
    .procFile('/proc/1/comm', `${(o.command[0] ?? 'sh').split(/[ :]/)[0]?.split('/').pop() ?? 'sh'}\n`)
    .link('/proc/self', '1')
    .procFile('/proc/cpuinfo', cpuinfo())
    .procFile('/proc/meminfo', meminfo())
    .procFile(
      '/proc/version',
      `Linux version ${KERNEL_RELEASE} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) ${KERNEL_VERSION}\n`,
    )
    .procFile('/proc/loadavg', '0.31 0.42 0.38 2/611 57\n')
    .procFile('/proc/mounts', mounts + '\n')
    .procFile('/proc/1/mounts', mounts + '\n')
    .procFile('/proc/uptime', '0.00 0.00\n');
  t.dir('/proc/1', 0o555);
  t.dir('/sys', 0o555);
}
