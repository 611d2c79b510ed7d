/** Where a permission-checked route acts: the platform, or a project/workspace named by a path param. */
export type RouteScope = 'platform' | { type: 'project' | 'workspace'; param: string };

/**
 * Every route declares its access in `config.access`; one preHandler enforces it and a test
 * fails on any route without it.
 */
export type RouteAccess =
  | { public: true }
  | {
      /** Any signed-in user. */
      authenticated: true;
      /** Refuse API tokens: things a token must not do for itself (mint tokens, change passwords). */
      sessionOnly?: boolean;
      /** Reachable while the user still has to change their password (/me, /me/password, logout). */
      allowedBeforePasswordChange?: boolean;
    }
  | { permission: string; scope: RouteScope };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
