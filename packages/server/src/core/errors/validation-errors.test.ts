import { describe, expect, it } from 'vitest';
import { describeValidationError, fieldPath } from './validation-errors.ts';

describe('validation errors', () => {
  it('turn JSON pointers into field paths', () => {
    expect(fieldPath('')).toBe('');
    expect(fieldPath('/username')).toBe('username');
    expect(fieldPath('/permissions/2')).toBe('permissions[2]');
    expect(fieldPath('/spec/containers/0/image')).toBe('spec.containers[0].image');
    expect(fieldPath('/metadata', 'name')).toBe('metadata.name');
    expect(fieldPath('/a~1b')).toBe('a/b');
  });

  it('say what is wrong with the field in words', () => {
    const schema = {
      properties: { username: { pattern: '^[a-z]+$', description: 'lowercase letters only' } },
    };
    const problem = (keyword: string, instancePath: string, params: Record<string, unknown>) =>
      describeValidationError(
        { keyword, instancePath, params, schemaPath: '', message: 'raw' },
        schema,
        'body',
      );
    expect(problem('required', '', { missingProperty: 'password' })).toEqual({
      field: 'password',
      message: 'password is required',
    });
    expect(problem('maxLength', '/displayName', { limit: 64 }).message).toBe(
      'displayName must be at most 64 characters',
    );
    expect(problem('pattern', '/username', { pattern: '^[a-z]+$' }).message).toBe(
      'username is invalid: lowercase letters only',
    );
    expect(problem('enum', '/status', { allowedValues: ['active', 'disabled'] }).message).toBe(
      'status must be one of: active, disabled',
    );
    expect(problem('type', '', { type: 'object' })).toEqual({ field: 'body', message: 'body raw' });
  });
});
