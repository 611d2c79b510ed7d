/**
 * Controller references and the claim step every workload controller runs before acting
 * (controller.ControllerRefManager): keep its own children that still match, adopt orphans
 * that match (never while either side is being deleted), release children that stopped
 * matching. Adoption and release are ordinary updates, so they conflict like the real ones.
 */
import type { KubeObject, OwnerReference } from '../../types.ts';
import { isApiError } from '../../api/errors.ts';
import type { InternalClient } from '../../client/internal-client.ts';
import { controllerRefOf } from './indexed-cache.ts';

export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  return controllerRefOf(object)?.uid === owner.metadata.uid;
}

export interface ClaimSource {
  /** Objects whose controller reference names the owner. */
  owned: KubeObject[];
  /** Objects of the owner's namespace without a controller. */
  orphans: KubeObject[];
}

/**
 * Returns the children the owner controls after claiming; adoption/release failures because
 * the child changed or vanished leave that child out (the next sync sees the new state).
 */
export async function claimChildren(
  client: InternalClient,
  owner: KubeObject,
  source: ClaimSource,
  matches: (child: KubeObject) => boolean,
): Promise<KubeObject[]> {
  const ownerDeleting = owner.metadata.deletionTimestamp !== undefined;
  const claimed: KubeObject[] = [];
  for (const child of source.owned) {
    if (matches(child) || ownerDeleting) {
      claimed.push(child);
      continue;
    }
    await ignoringGoneOrChanged(() => release(client, owner, child));
  }
  if (ownerDeleting) return claimed;
  for (const orphan of source.orphans) {
    if (orphan.metadata.deletionTimestamp !== undefined || !matches(orphan)) continue;
    const adopted = await ignoringGoneOrChanged(() => adopt(client, owner, orphan));
    if (adopted !== undefined) claimed.push(adopted);
  }
  return claimed;
}

async function adopt(client: InternalClient, owner: KubeObject, child: KubeObject): Promise<KubeObject> {
  const next = structuredClone(child);
  next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), newControllerRef(owner)];
  return client.update(next);
}

async function release(client: InternalClient, owner: KubeObject, child: KubeObject): Promise<KubeObject> {
  const next = structuredClone(child);
  const remaining = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
  if (remaining.length === 0) delete next.metadata.ownerReferences;
  else next.metadata.ownerReferences = remaining;
  return client.update(next);
}

/** Runs a write; a 404 or 409 (the object went away or changed meanwhile) yields undefined. */
export async function ignoringGoneOrChanged<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (err) {
    if (isApiError(err) && (err.code === 404 || err.code === 409)) return undefined;
    throw err;
  }
}
