/**
 * Image references as containerd reports them (docker.io/library/nginx:1.27, digests), which
 * images the simulation cannot pull (tag `missing`), and the pull events' messages.
 */
import { createHash } from 'node:crypto';

/** `nginx` → `docker.io/library/nginx:latest`, `ghcr.io/x/y:1` stays. */
export function normalizeImage(image: string): string {
  let name = image;
  const firstSlash = name.indexOf('/');
  const first = firstSlash === -1 ? '' : name.slice(0, firstSlash);
  const hasRegistry = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = `docker.io/${firstSlash === -1 ? `library/${name}` : name}`;
  const lastSlash = name.lastIndexOf('/');
  const hasTag = name.lastIndexOf(':') > lastSlash;
  if (!hasTag && !name.includes('@')) name += ':latest';
  return name;
}

function repository(normalized: string): string {
  const at = normalized.indexOf('@');
  if (at !== -1) return normalized.slice(0, at);
  const lastSlash = normalized.lastIndexOf('/');
  const colon = normalized.lastIndexOf(':');
  return colon > lastSlash ? normalized.slice(0, colon) : normalized;
}

export function imageDigest(image: string): string {
  return `sha256:${createHash('sha256').update(normalizeImage(image)).digest('hex')}`;
}

/** status.containerStatuses[].imageID: `docker.io/library/nginx@sha256:…`. */
export function imageId(image: string): string {
  return `${repository(normalizeImage(image))}@${imageDigest(image)}`;
}

/** Simulated image size in bytes (stable per image), for pull messages and node.status.images. */
export function imageSize(image: string): number {
  const hash = createHash('sha256').update(image).digest();
  return 5_000_000 + (hash.readUInt32BE(0) % 180_000_000);
}

export function imageMissing(image: string): boolean {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > lastSlash && withoutDigest.slice(colon + 1) === 'missing';
}

/** What containerd answers for an image that does not exist. */
export function pullErrorMessage(image: string): string {
  const ref = normalizeImage(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

/** `1.234s` as Go prints a time.Duration. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(9))}s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return `${minutes}m${Number(rest.toFixed(9))}s`;
}

export function pulledMessage(image: string, pullMs: number): string {
  const d = goDuration(pullMs);
  return `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${imageSize(image)} bytes.`;
}

/** The pull policy the API defaults: Always for :latest (or no tag), IfNotPresent otherwise. */
export function pullPolicy(image: string, declared: string | undefined): string {
  if (declared) return declared;
  const withoutDigest = image.split('@')[0] ?? image;
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const tag = colon > lastSlash ? withoutDigest.slice(colon + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}
