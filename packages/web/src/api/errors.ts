/** An error answered by the server (`{error:{code,message,details}}`) or a failure to reach it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The request field the server blamed (VALIDATION_FAILED, ALREADY_EXISTS…), if any. */
  get field(): string | undefined {
    const field = this.details.field;
    return typeof field === 'string' ? field : undefined;
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';

/** Builds an ApiError from a non-2xx response, tolerating bodies that are not the error envelope. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const envelope = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  const code = typeof envelope?.code === 'string' ? envelope.code : `HTTP_${response.status}`;
  const message =
    typeof envelope?.message === 'string'
      ? envelope.message
      : response.statusText || `HTTP ${response.status}`;
  const details =
    envelope?.details && typeof envelope.details === 'object'
      ? (envelope.details as Record<string, unknown>)
      : {};
  return new ApiError(response.status, code, message, details);
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
