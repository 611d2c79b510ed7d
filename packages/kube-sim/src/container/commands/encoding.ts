/** base64, md5sum, sha256sum and gzip/gunzip/zcat. */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  complain,
  fileError,
  forEachInput,
  parseArgs,
  readInput,
  resolvePath,
  withUsage,
  type Command,
} from './command-kit.ts';

export const base64: Command = (rt) =>
  withUsage(rt, async () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'di',
      withValue: 'w',
      long: { decode: 'd', 'ignore-garbage': 'i', 'wrap=': 'w' },
    });
    const file = args.operands[0];
    let data: Uint8Array;
    try {
      data = await readInput(rt, file);
    } catch (err) {
      fileError(rt, file ?? '-', err);
      return 1;
    }
    if (args.flags.has('d')) {
      const text = Buffer.from(data)
        .toString('latin1')
        .replace(/[\r\n\t ]/g, '');
      const cleaned = args.flags.has('i') ? text.replace(/[^A-Za-z0-9+/=]/g, '') : text;
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(cleaned)) {
        rt.io.stdout(Buffer.from(cleaned.replace(/[^A-Za-z0-9+/=].*$/, ''), 'base64'));
        complain(rt, 'invalid input');
        return 1;
      }
      rt.io.stdout(Uint8Array.from(Buffer.from(cleaned, 'base64')));
      return 0;
    }
    const wrap = Number(args.values.get('w') ?? 76);
    const encoded = Buffer.from(data).toString('base64');
    const lines = wrap > 0 ? (encoded.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? []) : [encoded];
    rt.io.stdout(lines.length > 0 && encoded !== '' ? lines.join('\n') + '\n' : '');
    return 0;
  });

function checksum(algorithm: 'md5' | 'sha256'): Command {
  return (rt) =>
    forEachInput(
      rt,
      rt.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-'),
      (data, name) => {
        rt.io.stdout(`${createHash(algorithm).update(data).digest('hex')}  ${name}\n`);
      },
      {},
    );
}

export const md5sum = checksum('md5');
export const sha256sum = checksum('sha256');

export const gzip: Command = (rt) =>
  withUsage(rt, async () => {
    const program = rt.argv[0]?.split('/').pop() ?? 'gzip';
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'dckfnq123456789',
      long: { decompress: 'd', stdout: 'c', keep: 'k', force: 'f' },
    });
    const decompress = args.flags.has('d') || program === 'gunzip' || program === 'zcat';
    const toStdout = args.flags.has('c') || program === 'zcat' || args.operands.length === 0;
    const transform = (data: Uint8Array): Uint8Array =>
      decompress ? Uint8Array.from(gunzipSync(data)) : Uint8Array.from(gzipSync(data));
    let status = 0;
    for (const operand of args.operands.length > 0 ? args.operands : ['-']) {
      try {
        const out = transform(await readInput(rt, operand));
        if (toStdout || operand === '-') {
          rt.io.stdout(out);
          continue;
        }
        if (decompress && !operand.endsWith('.gz')) {
          complain(rt, `${operand}: unknown suffix -- ignored`);
          status = 1;
          continue;
        }
        const target = decompress ? operand.slice(0, -3) : `${operand}.gz`;
        rt.system.fs.writeFile(resolvePath(rt, target), out);
        if (!args.flags.has('k')) rt.system.fs.unlink(resolvePath(rt, operand));
      } catch (err) {
        if (err instanceof Error && /header|incorrect|unexpected end/i.test(err.message))
          complain(rt, `${operand === '-' ? 'stdin' : operand}: not in gzip format`);
        else fileError(rt, operand, err);
        status = 1;
      }
    }
    return status;
  });
