/**
 * Where each distribution keeps its executables, and placeholder ELF contents for them.
 * The shell dispatches on the executable's name, so contents only need to look like a binary
 * (`ls -l` sizes, `head -c4` giving "\x7fELF"). Buffers are shared by every container: file
 * contents are never mutated in place.
 */

/** Busybox applets installed as symlinks to /bin/busybox, by directory (as Alpine lays them out). */
export const BUSYBOX_APPLETS: Record<string, string[]> = {
  '/bin': [
    'ash',
    'base64',
    'cat',
    'chmod',
    'chown',
    'cp',
    'date',
    'df',
    'echo',
    'egrep',
    'false',
    'fgrep',
    'grep',
    'gunzip',
    'gzip',
    'hostname',
    'kill',
    'ln',
    'ls',
    'mkdir',
    'mv',
    'printenv',
    'ps',
    'pwd',
    'rm',
    'rmdir',
    'sh',
    'sleep',
    'stat',
    'tar',
    'touch',
    'true',
    'uname',
    'zcat',
  ],
  '/usr/bin': [
    '[',
    '[[',
    'basename',
    'clear',
    'cut',
    'dirname',
    'du',
    'env',
    'find',
    'free',
    'head',
    'id',
    'md5sum',
    'nproc',
    'printf',
    'readlink',
    'realpath',
    'seq',
    'sha256sum',
    'sort',
    'tail',
    'tee',
    'test',
    'tr',
    'uniq',
    'uptime',
    'wc',
    'which',
    'whoami',
    'xargs',
    'yes',
  ],
};

/** GNU userland binaries of a Debian/Ubuntu image (all in /usr/bin; /bin links there), with sizes. */
export const GNU_BINARIES: Record<string, number> = {
  '[': 51_760,
  base64: 39_328,
  basename: 39_224,
  bash: 1_265_648,
  cat: 43_936,
  chmod: 64_352,
  chown: 72_448,
  clear: 14_568,
  cp: 142_840,
  cut: 48_176,
  dash: 125_560,
  date: 104_912,
  df: 96_264,
  dirname: 39_224,
  du: 100_080,
  echo: 39_064,
  egrep: 41,
  env: 48_344,
  false: 35_504,
  fgrep: 41,
  find: 224_848,
  free: 27_120,
  grep: 186_952,
  gunzip: 2_346,
  gzip: 98_136,
  head: 47_880,
  hostname: 22_760,
  id: 48_152,
  kill: 31_088,
  ln: 68_616,
  ls: 151_344,
  md5sum: 43_808,
  mkdir: 80_200,
  mv: 137_896,
  nproc: 39_192,
  printenv: 39_352,
  printf: 55_336,
  ps: 146_432,
  pwd: 39_224,
  readlink: 43_840,
  realpath: 43_904,
  rm: 60_232,
  rmdir: 43_992,
  seq: 51_744,
  sha256sum: 47_888,
  sleep: 39_240,
  sort: 113_240,
  stat: 88_008,
  tail: 68_472,
  tar: 535_432,
  tee: 39_272,
  test: 47_928,
  touch: 96_016,
  tr: 51_824,
  true: 35_504,
  uname: 39_064,
  uniq: 47_968,
  uptime: 14_616,
  wc: 48_400,
  which: 1_070,
  whoami: 39_256,
  xargs: 68_536,
  yes: 39_192,
  zcat: 1_984,
};

export const BUSYBOX_SIZE = 808_712;

const cache = new Map<number, Uint8Array>();

/** A placeholder x86-64 ELF executable of the given size (shared, do not mutate). */
export function fakeElf(size: number): Uint8Array {
  let buf = cache.get(size);
  if (!buf) {
    buf = new Uint8Array(size);
    // e_ident: magic, 64-bit, little endian, version 1, System V ABI; e_type ET_DYN; e_machine x86-64
    buf.set(
      [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0].slice(0, size),
    );
    cache.set(size, buf);
  }
  return buf;
}

export function isElf(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x7f && data[1] === 0x45 && data[2] === 0x4c && data[3] === 0x46;
}
