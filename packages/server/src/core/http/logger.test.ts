import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED } from './logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('createLogger', () => {
  it('redacts credentials wherever they show up', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'session=1' } },
        body: { username: 'alice', password: 'hunter2', refreshToken: 'r-123' },
        token: 'atr_secret',
      },
      'something happened',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['abc.def.ghi', 'session=1', 'hunter2', 'r-123', 'atr_secret']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(REDACTED);
    expect(text).toContain('alice');
  });
});
