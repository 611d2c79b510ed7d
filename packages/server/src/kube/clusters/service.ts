import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ChangeContext } from '../../audit/audit-entry.ts';
import { auditDiff } from '../../audit/diff.ts';
import type { AuditRecorder } from '../../audit/recorder.ts';
import { toIsoTime, type Clock } from '../../core/clock.ts';
import type { Executor } from '../../core/db/schema.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import { alreadyExists, validationFailed } from '../../core/errors/errors.ts';
import { clusterNotFound } from '../connections/cluster-failures.ts';
import type { ConnectionPool } from '../connections/connection-pool.ts';
import type { CredentialInput } from '../credentials/credential.ts';
import type { CredentialVault } from '../credentials/credential-vault.ts';
import type { HealthBoard } from '../health/health-board.ts';
import { ClusterSummaries } from './cluster-summaries.ts';
import type { ClusterCapacitySource } from './cluster-capacity.ts';
import { auditedCluster, toCluster } from './cluster-view.ts';
import type { CredentialChecker } from './credential-checker.ts';
import { KeyedLock } from './keyed-lock.ts';
import type { Cluster, ClusterListItem, CreateClusterBody, UpdateClusterBody } from './schemas.ts';
import type { ClusterRow, ClusterStore } from './store.ts';

export interface ClusterServiceDeps {
  db: Executor;
  store: ClusterStore;
  audit: AuditRecorder;
  clock: Clock;
  vault: CredentialVault;
  pool: ConnectionPool;
  board: HealthBoard;
  checker: CredentialChecker;
  capacity: ClusterCapacitySource;
  /** How long the list waits for one cluster's numbers before showing its error instead. */
  summaryTimeoutMs: number;
  log: FastifyBaseLogger;
}

/** The cluster registry: connecting, editing, rotating and removing clusters. */
export class ClusterService {
  readonly #d: ClusterServiceDeps;
  readonly #lock = new KeyedLock();
  readonly #summaries: ClusterSummaries;

  constructor(deps: ClusterServiceDeps) {
    this.#d = deps;
    this.#summaries = new ClusterSummaries(deps.pool, deps.capacity, deps.summaryTimeoutMs);
  }

  /** The watch cache supplies node counts and resources once it is there. */
  useCapacitySource(source: ClusterCapacitySource): void {
    this.#summaries.source = source;
  }

  /** Start-up: a connection for every registered cluster. One that fails is logged, not fatal. */
  async loadConnections(): Promise<void> {
    for (const row of await this.#d.store.list(this.#d.db)) {
      try {
        const spec = await this.#d.vault.connectionSpec(this.#d.vault.open(row.name, row.credential));
        this.#d.pool.put(row.name, spec, row.credential_version);
      } catch (error) {
        this.#d.log.error(
          { err: error, cluster: row.name },
          'cannot open the credential of a registered cluster',
        );
        const reason = error instanceof Error ? error.message : String(error);
        const message = `Atrium cannot use this cluster's stored credential (${reason}): rotate it`;
        this.#d.board.set(row.name, { phase: 'Unreachable', message, lastReadyTime: null, version: null });
      }
    }
  }

  async list(): Promise<ClusterListItem[]> {
    const clusters = (await this.#d.store.list(this.#d.db)).map((row) => this.#view(row));
    return this.#summaries.attach(clusters);
  }

  async get(name: string): Promise<Cluster> {
    return this.#view(await this.#require(this.#d.db, name));
  }

  /** Whether a row exists, for callers that must not re-register a cluster (the demo). */
  async exists(name: string): Promise<boolean> {
    return (await this.#d.store.findByName(this.#d.db, name)) !== undefined;
  }

  /** Tests a credential without saving it; the attempt is audited (who probed which server). */
  async testConnection(ctx: ChangeContext, input: CredentialInput) {
    const credential = await this.#d.checker.parse(input);
    const { ok, version, checks, failure } = await this.#d.checker.test('connection-test', credential);
    const { type, server } = credential.view;
    const after = { type, server, ok, ...(failure && { failure: failure.code }) };
    await inTransaction(this.#d.db, (tx) =>
      this.#d.audit.recordChange(tx, ctx, { targetId: '', diff: { after } }),
    );
    return { ok, version, checks };
  }

  /** `onCreated` runs in the registration's transaction (the demo remembers what it made). */
  async create(
    ctx: ChangeContext,
    input: CreateClusterBody,
    options: { onCreated?: (tx: Executor) => Promise<void> } = {},
  ): Promise<Cluster> {
    return this.#lock.run(input.name, async () => {
      if (await this.#d.store.findByName(this.#d.db, input.name)) throw nameTaken(input.name);
      const { credential, test } = await this.#d.checker.verify(input.name, input.credential);
      const now = this.#d.clock.now();
      const row: ClusterRow = {
        id: randomUUID(),
        name: input.name,
        display_name: input.displayName ?? input.name,
        description: input.description ?? '',
        environment: input.environment ?? '',
        region: input.region ?? '',
        credential_type: credential.view.type,
        server: credential.view.server,
        insecure_skip_tls_verify: credential.view.insecureSkipTLSVerify ? 1 : 0,
        credential: this.#d.vault.seal(input.name, credential.stored),
        credential_version: 1,
        created_at: now,
        updated_at: now,
      };
      await inTransaction(this.#d.db, async (tx) => {
        try {
          await this.#d.store.insert(tx, row);
        } catch (error) {
          throw isUniqueViolation(error) ? nameTaken(input.name) : error;
        }
        await options.onCreated?.(tx);
        await this.#record(tx, ctx, row.name, auditDiff(null, auditedCluster(row)));
      });
      const connected = { phase: 'Ready' as const, message: 'Connected', version: test.version };
      this.#d.board.set(row.name, { ...connected, lastReadyTime: toIsoTime(now) });
      this.#d.pool.put(row.name, credential.spec, row.credential_version);
      return this.#view(row);
    });
  }

  async update(ctx: ChangeContext, name: string, patch: UpdateClusterBody): Promise<Cluster> {
    return inTransaction(this.#d.db, async (tx) => {
      const before = await this.#require(tx, name);
      await this.#d.store.update(tx, name, {
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.environment !== undefined && { environment: patch.environment }),
        ...(patch.region !== undefined && { region: patch.region }),
        updated_at: this.#d.clock.now(),
      });
      const after = await this.#require(tx, name);
      await this.#record(tx, ctx, name, auditDiff(auditedCluster(before), auditedCluster(after)));
      return this.#view(after);
    });
  }

  /** Tests the new credential, then swaps it in: the pool's generation for the cluster bumps. */
  async rotateCredential(ctx: ChangeContext, name: string, input: CredentialInput): Promise<Cluster> {
    return this.#lock.run(name, async () => {
      await this.#require(this.#d.db, name);
      const { credential } = await this.#d.checker.verify(name, input);
      const after = await inTransaction(this.#d.db, async (tx) => {
        const before = await this.#require(tx, name);
        await this.#d.store.replaceCredential(tx, name, {
          credential: this.#d.vault.seal(name, credential.stored),
          credential_type: credential.view.type,
          server: credential.view.server,
          insecure_skip_tls_verify: credential.view.insecureSkipTLSVerify ? 1 : 0,
          updated_at: this.#d.clock.now(),
        });
        const row = await this.#require(tx, name);
        await this.#record(tx, ctx, name, auditDiff(auditedCluster(before), auditedCluster(row)));
        return row;
      });
      this.#d.pool.put(name, credential.spec, after.credential_version);
      return this.#view(after);
    });
  }

  /** Forgets the cluster; nothing in the cluster itself is touched. */
  async delete(ctx: ChangeContext, name: string, confirmName: string | undefined): Promise<void> {
    if (confirmName !== name) {
      throw validationFailed(
        'confirmName',
        confirmName
          ? `confirmName "${confirmName}" does not match: type the cluster's name "${name}" to remove it`
          : `confirmName is required: type the cluster's name "${name}" to remove it`,
      );
    }
    await this.#lock.run(name, async () => {
      await inTransaction(this.#d.db, async (tx) => {
        const before = await this.#require(tx, name);
        await this.#d.store.delete(tx, name);
        await this.#record(tx, ctx, name, auditDiff(auditedCluster(before), null));
      });
      this.#d.pool.remove(name);
    });
  }

  #view(row: ClusterRow): Cluster {
    return toCluster(row, this.#d.board.get(row.name));
  }

  async #record(tx: Executor, ctx: ChangeContext, name: string, diff: ReturnType<typeof auditDiff>) {
    ctx.scope = { ...ctx.scope, clusterId: name };
    await this.#d.audit.recordChange(tx, ctx, { targetId: name, diff });
  }

  async #require(db: Executor, name: string): Promise<ClusterRow> {
    const row = await this.#d.store.findByName(db, name);
    if (!row) throw clusterNotFound(name);
    return row;
  }
}

function nameTaken(name: string) {
  return alreadyExists('name', `name "${name}" is already used by another cluster`);
}
