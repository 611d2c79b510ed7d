import { validationFailed } from '../../core/errors/errors.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Why the password is not acceptable, or null when it is. */
export function passwordPolicyViolation(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) return 'must contain both letters and digits';
  return null;
}

export function assertPasswordPolicy(password: string, field: string): void {
  const violation = passwordPolicyViolation(password);
  if (violation) throw validationFailed(field, `${field} ${violation}`);
}
