/**
 * tar's three option syntaxes: old-style bundles (`tar xmf - -C /tmp`, where each letter
 * that takes an argument consumes the next word), short options (`-xmf -`) and long ones.
 */

export interface TarOptions {
  mode?: 'create' | 'extract' | 'list';
  file?: string;
  /** `-C dir` in command-line order, interleaved with member names for create. */
  members: { name: string; dir: string | undefined }[];
  dir?: string;
  verbose: number;
  gzip: boolean;
  touch: boolean;
  sameOwner?: boolean;
  samePermissions?: boolean;
  dereference: boolean;
  absoluteNames: boolean;
  toStdout: boolean;
  keepOldFiles: boolean;
  stripComponents: number;
  excludes: string[];
}

export class TarUsageError extends Error {}

const TAKES_ARGUMENT = new Set(['f', 'C', 'T', 'X', 'b', 'K', 'N', 'g', 'L', 'V', 'H', 'I']);

export function parseTarArgs(argv: readonly string[]): TarOptions {
  const options: TarOptions = {
    members: [],
    verbose: 0,
    gzip: false,
    touch: false,
    dereference: false,
    absoluteNames: false,
    toStdout: false,
    keepOldFiles: false,
    stripComponents: 0,
    excludes: [],
  };
  const args = [...argv];
  let currentDir: string | undefined;
  const setMode = (mode: TarOptions['mode']) => {
    if (options.mode && options.mode !== mode)
      throw new TarUsageError(
        "You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option",
      );
    options.mode = mode;
  };
  const applyShort = (letter: string, value: () => string): void => {
    switch (letter) {
      case 'c':
        return setMode('create');
      case 'x':
        return setMode('extract');
      case 't':
        return setMode('list');
      case 'f':
        options.file = value();
        return;
      case 'C':
        currentDir = value();
        options.dir = currentDir;
        return;
      case 'v':
        options.verbose++;
        return;
      case 'z':
        options.gzip = true;
        return;
      case 'm':
        options.touch = true;
        return;
      case 'p':
        options.samePermissions = true;
        return;
      case 'o':
        options.sameOwner = false;
        return;
      case 'h':
        options.dereference = true;
        return;
      case 'P':
        options.absoluteNames = true;
        return;
      case 'O':
        options.toStdout = true;
        return;
      case 'k':
        options.keepOldFiles = true;
        return;
      case 'X':
        value();
        return;
      case 'r':
      case 'u':
      case 'A':
      case 'd':
        throw new TarUsageError(`Option -${letter} is not supported`);
      case 'j':
      case 'J':
        throw new TarUsageError(`Option -${letter} is not supported (only gzip compression is available)`);
      default:
        if (TAKES_ARGUMENT.has(letter)) {
          value();
          return;
        }
        throw new TarUsageError(`invalid option -- '${letter}'`);
    }
  };
  const next = (letter: string) => () => {
    const v = args.shift();
    if (v === undefined) throw new TarUsageError(`option requires an argument -- '${letter}'`);
    return v;
  };
  // Old style: the first word is a bundle of letters without a dash.
  if (args[0] !== undefined && /^[a-zA-Z]+$/.test(args[0]) && /[ctx]/.test(args[0])) {
    const bundle = args.shift() as string;
    for (const letter of bundle) applyShort(letter, next(letter));
  }
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === '--') {
      for (const name of args.splice(0)) options.members.push({ name, dir: currentDir });
    } else if (arg.startsWith('--')) {
      const [key = '', inline] = arg.slice(2).split(/=(.*)/s);
      const value = () => inline ?? next(key)();
      switch (key) {
        case 'create':
          setMode('create');
          break;
        case 'extract':
        case 'get':
          setMode('extract');
          break;
        case 'list':
          setMode('list');
          break;
        case 'file':
          options.file = value();
          break;
        case 'directory':
          currentDir = value();
          options.dir = currentDir;
          break;
        case 'verbose':
          options.verbose++;
          break;
        case 'gzip':
        case 'gunzip':
          options.gzip = true;
          break;
        case 'touch':
          options.touch = true;
          break;
        case 'no-same-owner':
          options.sameOwner = false;
          break;
        case 'same-owner':
          options.sameOwner = true;
          break;
        case 'no-same-permissions':
          options.samePermissions = false;
          break;
        case 'same-permissions':
        case 'preserve-permissions':
          options.samePermissions = true;
          break;
        case 'dereference':
          options.dereference = true;
          break;
        case 'absolute-names':
          options.absoluteNames = true;
          break;
        case 'to-stdout':
          options.toStdout = true;
          break;
        case 'keep-old-files':
          options.keepOldFiles = true;
          break;
        case 'strip-components':
          options.stripComponents = Number(value());
          break;
        case 'exclude':
          options.excludes.push(value());
          break;
        case 'overwrite':
        case 'overwrite-dir':
        case 'no-overwrite-dir':
        case 'numeric-owner':
        case 'recursion':
        case 'warning':
        case 'delay-directory-restore':
        case 'no-delay-directory-restore':
        case 'unlink-first':
        case 'recursive-unlink':
        case 'xattrs':
        case 'no-xattrs':
        case 'acls':
        case 'no-acls':
        case 'selinux':
        case 'no-selinux':
          break;
        default:
          throw new TarUsageError(`unrecognized option '${arg}'`);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let i = 1; i < arg.length; i++) {
        const letter = arg[i] as string;
        if (TAKES_ARGUMENT.has(letter)) {
          const rest = arg.slice(i + 1);
          applyShort(letter, rest ? () => rest : next(letter));
          break;
        }
        applyShort(letter, next(letter));
      }
    } else {
      options.members.push({ name: arg, dir: currentDir });
    }
  }
  return options;
}
