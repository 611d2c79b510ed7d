import { ElMessage } from 'element-plus';
import { ApiError } from '../api/errors';
import { i18n } from '../locales';

// Codes whose server message is generic: the console has a clearer, translated sentence.
const TRANSLATED_CODES = new Set([
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'NETWORK_ERROR',
  'SESSION_REVOKED',
  'REFRESH_TOKEN_REUSED',
  'TOKEN_EXPIRED',
]);

/** The sentence to show a user for a failed request. */
export function errorText(error: unknown): string {
  const { t } = i18n.global;
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.code === 'ACCOUNT_LOCKED') {
    const seconds = Number(error.details.retryAfterSeconds);
    const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 1;
    return t('errors.ACCOUNT_LOCKED', { minutes });
  }
  if (error.code === 'FORBIDDEN' && typeof error.details.permission === 'string') {
    return t('errors.FORBIDDEN', { permission: error.details.permission });
  }
  if (TRANSLATED_CODES.has(error.code)) return t(`errors.${error.code}`);
  return error.message || t('errors.generic');
}

export function showError(error: unknown): void {
  // A 401 has already ended the session: the sign-in page and its notice (main.ts) say so.
  if (error instanceof ApiError && error.status === 401) return;
  ElMessage({ type: 'error', message: errorText(error), grouping: true, showClose: true });
}
