/** What reading a /dev character device yields. Endless devices return one bounded chunk. */
import type { DeviceKind } from './fs-nodes.ts';

const ENDLESS_READ_BYTES = 64 * 1024;

let randomState = 0x9e3779b9;

/** xorshift32: /dev/urandom only has to look random, and must not need a real entropy source. */
function pseudoRandomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = randomState;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  randomState = x >>> 0 || 1;
  return out;
}

export function deviceRead(device: DeviceKind): Uint8Array {
  switch (device) {
    case 'zero':
    case 'full':
      return new Uint8Array(ENDLESS_READ_BYTES);
    case 'random':
    case 'urandom':
      return pseudoRandomBytes(ENDLESS_READ_BYTES);
    case 'null':
    case 'tty':
      return new Uint8Array(0);
  }
}
