import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { AccessControl } from './access/access-control.ts';
import { BindingService } from './access/bindings/service.ts';
import { BindingStore } from './access/bindings/store.ts';
import { createPermissionRegistry } from './access/permissions/catalog.ts';
import type { PermissionRegistry } from './access/permissions/registry.ts';
import { RoleService } from './access/roles/service.ts';
import { RoleStore } from './access/roles/store.ts';
import type { WorkspaceLocator } from './access/workspace-locator.ts';
import { AuditQueue } from './audit/audit-queue.ts';
import { AuditRecorder } from './audit/recorder.ts';
import { AuditService } from './audit/service.ts';
import { AuditStore } from './audit/store.ts';
import { ApiTokenService } from './auth/api-tokens/service.ts';
import { ApiTokenStore } from './auth/api-tokens/store.ts';
import { Authenticator } from './auth/authenticator.ts';
import { AccountLockout } from './auth/lockout/service.ts';
import { LoginAttemptStore } from './auth/lockout/store.ts';
import { PasswordHasher, type PasswordHashingCost } from './auth/passwords/password-hasher.ts';
import { AccessTokens } from './auth/sessions/access-tokens.ts';
import { SessionService } from './auth/sessions/service.ts';
import { loadSigningKey } from './auth/sessions/signing-key.ts';
import { RefreshSessionStore } from './auth/sessions/store.ts';
import { UserService } from './auth/users/service.ts';
import { UserStore } from './auth/users/store.ts';
import type { Clock } from './core/clock.ts';
import type { DialectName } from './core/config/database-url.ts';
import { SecretBox } from './core/crypto/secret-box.ts';
import type { DB } from './core/db/schema.ts';
import { SettingsStore } from './core/settings/store.ts';
import { createDataPlane, type DataPlane, type DataPlaneOptions } from './kube/data-plane-services.ts';
import { createKubeServices, type KubeOptions, type KubeServices } from './kube/kube-services.ts';

export interface ServiceInputs {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  secretKey: Buffer;
  log: FastifyBaseLogger;
  workspaceLocator: WorkspaceLocator;
  passwordHashing?: PasswordHashingCost;
  /** Clusters: the data directory (demo clusters live there) and test knobs. */
  kube: KubeOptions & { dataDir: string };
  /** Cluster data plane knobs (cache timings) for tests. */
  dataPlane?: DataPlaneOptions;
}

/** Everything the routes use, wired once. Exposed on the app as `app.atrium`. */
export interface Services {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  secretBox: SecretBox;
  registry: PermissionRegistry;
  hasher: PasswordHasher;
  stores: {
    users: UserStore;
    sessions: RefreshSessionStore;
    apiTokens: ApiTokenStore;
    roles: RoleStore;
    bindings: BindingStore;
    audit: AuditStore;
    settings: SettingsStore;
  };
  auditRecorder: AuditRecorder;
  auditQueue: AuditQueue;
  audit: AuditService;
  users: UserService;
  sessions: SessionService;
  apiTokens: ApiTokenService;
  roles: RoleService;
  bindings: BindingService;
  accessControl: AccessControl;
  authenticator: Authenticator;
  /** Cluster registry, connection pool, health, nodes, demo (src/kube). */
  kube: KubeServices;
  /** Cluster data: watch caches, resource API, stream, kubectl proxy (src/kube). */
  dataPlane: DataPlane;
}

export async function createServices(inputs: ServiceInputs): Promise<Services> {
  const { db, clock } = inputs;
  const stores = {
    users: new UserStore(),
    sessions: new RefreshSessionStore(),
    apiTokens: new ApiTokenStore(),
    roles: new RoleStore(),
    bindings: new BindingStore(),
    audit: new AuditStore(),
    settings: new SettingsStore(),
  };
  const secretBox = new SecretBox(inputs.secretKey);
  const registry = createPermissionRegistry();
  const hasher = new PasswordHasher(inputs.passwordHashing);
  const auditRecorder = new AuditRecorder(stores.audit, clock);
  const accessTokens = new AccessTokens(await loadSigningKey(db, stores.settings, secretBox, clock), clock);
  const lockout = new AccountLockout(new LoginAttemptStore(), clock);
  const common = { db, audit: auditRecorder, clock };

  const sessions = new SessionService({
    ...common,
    users: stores.users,
    sessions: stores.sessions,
    lockout,
    hasher,
    accessTokens,
  });
  const apiTokens = new ApiTokenService({
    ...common,
    tokens: stores.apiTokens,
    registry,
  });
  // One for the HTTP layer and the data plane: they share its grant cache.
  const accessControl = new AccessControl(db, stores.bindings, inputs.workspaceLocator);
  const kube = await createKubeServices({
    ...inputs.kube,
    db,
    clock,
    secretBox,
    audit: auditRecorder,
    settings: stores.settings,
    log: inputs.log,
  });
  return {
    db,
    dialect: inputs.dialect,
    clock,
    secretBox,
    registry,
    hasher,
    stores,
    auditRecorder,
    auditQueue: new AuditQueue(db, auditRecorder, inputs.log),
    audit: new AuditService(db, stores.audit),
    users: new UserService({ ...common, users: stores.users, sessions: stores.sessions, hasher }),
    sessions,
    apiTokens,
    roles: new RoleService({ ...common, roles: stores.roles, bindings: stores.bindings, registry }),
    bindings: new BindingService({
      ...common,
      bindings: stores.bindings,
      roles: stores.roles,
      users: stores.users,
    }),
    accessControl,
    authenticator: new Authenticator(sessions, apiTokens),
    kube,
    dataPlane: createDataPlane({
      ...inputs.dataPlane,
      db,
      clock,
      log: inputs.log,
      connections: kube.connections,
      accessControl,
      workspaceLocator: inputs.workspaceLocator,
      audit: auditRecorder,
    }),
  };
}
