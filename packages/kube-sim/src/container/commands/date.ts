/** date: print the simulated time (`+FORMAT`, -R, -I, -d), refuse to set it. */
import { complain, isBusybox, parseArgs, withUsage, type Command } from './command-kit.ts';
import { strftime } from './time-format.ts';

function parseDate(text: string): Date | undefined {
  if (text.startsWith('@')) return new Date(Number(text.slice(1)) * 1000);
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !/\d:\d/.test(text) ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const date: Command = (rt) =>
  withUsage(rt, () => {
    const argv = rt.argv
      .slice(1)
      .map((a) => (a.startsWith('-I') && a.length > 2 ? `--iso-8601=${a.slice(2)}` : a));
    const args = parseArgs(rt, argv, {
      flags: 'uRI',
      withValue: 'ds',
      long: {
        utc: 'u',
        'rfc-2822': 'R',
        'rfc-email': 'R',
        'date=': 'd',
        'set=': 's',
        'iso-8601': 'I',
        'iso-8601=': 'iso',
      },
    });
    if (args.values.has('s') || args.operands.some((o) => !o.startsWith('+'))) {
      complain(
        rt,
        isBusybox(rt)
          ? "can't set date: Operation not permitted"
          : 'cannot set date: Operation not permitted',
      );
      return 1;
    }
    let when = rt.system.now();
    const dateArg = args.values.get('d');
    if (dateArg !== undefined) {
      const parsed = parseDate(dateArg);
      if (!parsed) {
        complain(rt, isBusybox(rt) ? `invalid date '${dateArg}'` : `invalid date '${dateArg}'`);
        return 1;
      }
      when = parsed;
    }
    const format = args.operands.find((o) => o.startsWith('+'));
    let out: string;
    if (format) out = strftime(format.slice(1), when);
    else if (args.flags.has('R')) out = strftime('%a, %d %b %Y %H:%M:%S +0000', when);
    else if (args.flags.has('I') || args.values.has('iso')) {
      const precision = args.values.get('iso') ?? 'date';
      out = precision.startsWith('s')
        ? strftime('%Y-%m-%dT%H:%M:%S+00:00', when)
        : precision.startsWith('m')
          ? strftime('%Y-%m-%dT%H:%M+00:00', when)
          : precision.startsWith('h')
            ? strftime('%Y-%m-%dT%H+00:00', when)
            : strftime('%Y-%m-%d', when);
    } else out = strftime('%a %b %e %H:%M:%S %Z %Y', when);
    rt.io.stdout(out + '\n');
    return 0;
  });
