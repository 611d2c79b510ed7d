/**
 * `--seed demo`: a believable cluster to click through — zones on the nodes, team namespaces
 * with workloads, services, an ingress, config, quota and limits, an HPA, batch work, a CRD
 * with custom resources, and a crashing and a stuck pod. Everything goes through the API
 * (admission, quota, controllers), exactly as `kubectl apply` of the same manifests would.
 */
import type { KubeObject } from '../types.ts';
import type { InternalClient } from '../client/internal-client.ts';
import { isApiError } from '../api/errors.ts';
import { timestamp } from '../api/request-context.ts';
import { namespace } from './manifests.ts';
import { shopObjects } from './demo-shop.ts';
import { platformObjects } from './demo-platform.ts';
import { BACKUP_CRD, backups } from './demo-backups.ts';

export const DEMO_REGION = 'atrium-east-1';
export const DEMO_ZONES = ['atrium-east-1a', 'atrium-east-1b', 'atrium-east-1c'];

export interface SeedResult {
  created: number;
  /** `kind namespace/name: message` for objects the cluster refused. */
  refused: string[];
}

export function demoNamespaces(): KubeObject[] {
  return [
    namespace('shop', { team: 'shop', environment: 'demo', 'atrium.dev/workspace': 'shop' }),
    namespace('platform-tools', { team: 'platform', environment: 'demo' }),
  ];
}

async function createAll(client: InternalClient, objects: KubeObject[], result: SeedResult): Promise<void> {
  for (const object of objects) {
    try {
      await client.create(object, { fieldManager: 'kube-sim-seed' });
      result.created++;
    } catch (err) {
      if (isApiError(err) && err.code === 409) continue;
      if (!isApiError(err)) throw err;
      const where = object.metadata.namespace === undefined ? '' : `${object.metadata.namespace}/`;
      result.refused.push(`${object.kind} ${where}${object.metadata.name ?? ''}: ${err.message}`);
    }
  }
}

/** Zones and regions like a cloud provider labels its nodes (the control plane too). */
export async function labelNodeZones(client: InternalClient): Promise<void> {
  const nodes = (await client.list({ apiVersion: 'v1', kind: 'Node' })).items;
  for (const [index, node] of nodes.entries()) {
    await client.patch({ apiVersion: 'v1', kind: 'Node', name: node.metadata.name ?? '' }, 'merge', {
      metadata: {
        labels: {
          'topology.kubernetes.io/region': DEMO_REGION,
          'topology.kubernetes.io/zone': DEMO_ZONES[index % DEMO_ZONES.length] as string,
          'node.kubernetes.io/instance-type': 'sim.standard-8',
        },
      },
    });
  }
}

/** Waits (briefly, on the real clock) until the CRD's kind is served. */
async function waitForKind(client: InternalClient, apiVersion: string, kind: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    try {
      client.kind({ apiVersion, kind });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  throw new Error(`the CRD for ${apiVersion} ${kind} was not established`);
}

/** Waits until the quota controller has filled in status, so the first pods are admitted. */
async function waitForQuotaStatus(
  client: InternalClient,
  namespaceName: string,
  name: string,
): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const quota = await client.tryGet({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      namespace: namespaceName,
      name,
    });
    if (quota === undefined || (quota.status as { used?: unknown } | undefined)?.used !== undefined) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function seedDemo(client: InternalClient, now: Date): Promise<SeedResult> {
  const result: SeedResult = { created: 0, refused: [] };
  await labelNodeZones(client);
  await createAll(client, demoNamespaces(), result);
  const shop = shopObjects();
  const [quota, limits] = shop;
  await createAll(client, [quota as KubeObject, limits as KubeObject], result);
  await waitForQuotaStatus(client, 'shop', 'shop-quota');
  await createAll(client, platformObjects(), result);
  await createAll(client, shop.slice(2), result);
  await createAll(client, [BACKUP_CRD], result);
  await waitForKind(client, 'demo.atrium.dev/v1', 'Backup');
  await createAll(client, backups(timestamp(new Date(now.getTime() - 3 * 3600_000))), result);
  return result;
}
