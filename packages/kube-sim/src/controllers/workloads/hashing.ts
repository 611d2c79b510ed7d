/**
 * The hashes workload controllers put in names and labels: pod-template-hash (Deployments) and
 * controller-revision-hash (StatefulSets, DaemonSets). Like the real controllers: a 32-bit
 * FNV-1a over the object (here its canonical JSON: keys sorted, so the hash is stable per
 * template), the collision count mixed in when set, the decimal digits then mapped onto the
 * apimachinery "safe" alphabet — which is why real hashes look like `5d8f7c9b4`.
 */

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted, undefined members dropped: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv32a(bytes: Uint8Array, seed = FNV_OFFSET): number {
  let hash = seed;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/** rand.SafeEncodeString: each character picks a letter of the alphabet by its code. */
export function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** The hash of `value`, distinct per collisionCount (a non-zero count is mixed in, as a uint32). */
export function computeHash(value: unknown, collisionCount?: number): string {
  let hash = fnv32a(new TextEncoder().encode(canonicalJson(value)));
  if (collisionCount !== undefined && collisionCount !== 0) {
    const count = new Uint8Array(4);
    new DataView(count.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(count, hash);
  }
  return safeEncode(String(hash));
}
