import { reactive } from 'vue';
import { ApiError } from '../api/errors';
import { errorText, showError } from '../utils/showError';

/**
 * Server-side field errors for a dialog's form: bind `errors[field]` to an el-form-item's
 * `error`, and pass a failed request to `report`, which puts the message on the field the server
 * named (details.field) and shows it as a message too.
 */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({});

  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key];
  }

  /** Puts the message on the field the server named, for a form that shows the error itself. */
  function assign(error: unknown): void {
    clear();
    if (error instanceof ApiError && error.field) errors[error.field] = errorText(error);
  }

  function report(error: unknown): void {
    assign(error);
    showError(error);
  }

  return { errors, clear, assign, report };
}
