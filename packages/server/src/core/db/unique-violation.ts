/** True when a driver error is a unique/primary-key violation, on any of the three dialects. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; errno?: unknown; errcode?: unknown };
  if (e.code === '23505') return true; // PostgreSQL unique_violation
  if (e.code === 'ER_DUP_ENTRY' || e.errno === 1062) return true; // MySQL / MariaDB
  // SQLite extended codes: SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
  return e.code === 'ERR_SQLITE_ERROR' && (e.errcode === 2067 || e.errcode === 1555);
}
