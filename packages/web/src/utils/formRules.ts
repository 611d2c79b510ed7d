import type { FormItemRule } from 'element-plus';
import { i18n } from '../locales';

const t = (key: string, values?: Record<string, unknown>) =>
  values ? i18n.global.t(key, values) : i18n.global.t(key);

export const PASSWORD_MIN_LENGTH = 8;

// Rules read the current language when they run, so messages follow a language switch.
export function requiredRule(messageKey: string): FormItemRule {
  return {
    required: true,
    trigger: 'blur',
    validator: (_r, value, cb) => (String(value ?? '').trim() ? cb() : cb(new Error(t(messageKey)))),
  };
}

export function passwordRules(): FormItemRule[] {
  return [
    requiredRule('password.required'),
    {
      trigger: 'blur',
      validator: (_rule, value: string, callback) =>
        value && value.length < PASSWORD_MIN_LENGTH
          ? callback(new Error(t('password.tooShort', { min: PASSWORD_MIN_LENGTH })))
          : value && !(/\p{L}/u.test(value) && /\p{Nd}/u.test(value))
            ? callback(new Error(t('password.lettersAndDigits')))
            : callback(),
    },
  ];
}

export function matchRule(other: () => string): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: string, callback) =>
      value !== other() ? callback(new Error(t('password.mismatch'))) : callback(),
  };
}

export function emailRule(): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: string, callback) =>
      value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
        ? callback(new Error(t('users.emailInvalid')))
        : callback(),
  };
}

export function phoneRule(): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: string, callback) =>
      value && !/^[0-9+()\- ]{3,32}$/.test(value) ? callback(new Error(t('users.phoneInvalid'))) : callback(),
  };
}

// The server's own patterns (packages/server/src/auth/users/schemas.ts, access/roles/schemas.ts).
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/;
/** Role names end up next to Kubernetes names: lowercase, digits and dashes. */
export const ROLE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export function patternRule(pattern: RegExp, messageKey: string): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: string, callback) =>
      value && !pattern.test(value) ? callback(new Error(t(messageKey))) : callback(),
  };
}
