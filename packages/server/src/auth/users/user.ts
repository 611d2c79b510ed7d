import { toIsoTime } from '../../core/clock.ts';
import type { User } from './schemas.ts';
import type { UserRow } from './store.ts';

/** The API's view of a user: never the password hash. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    status: row.status,
    mustChangePassword: row.must_change_password === 1,
    lastLoginAt: toIsoTime(row.last_login_at),
    createdAt: toIsoTime(row.created_at),
    updatedAt: toIsoTime(row.updated_at),
  };
}
