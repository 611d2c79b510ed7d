import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * Case-insensitive "contains" that works the same on all three dialects. `!` is the escape
 * character because a backslash means different things in MySQL and PostgreSQL literals.
 */
export function containsIgnoringCase(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '!'`;
}
