/** What a mutating route records in the audit log (`config.audit`). */
export interface RouteAudit {
  /** `<area>.<verb>`, e.g. `users.create`. */
  action: string;
  /** e.g. `user`, `role`. */
  targetType: string;
  /** Path param holding the target's id, for failure records; defaults to `id`. */
  targetParam?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    audit?: RouteAudit;
  }
}
