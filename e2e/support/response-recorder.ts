import type { BrowserContext, Response } from 'playwright-core';

export interface RecordedResponse {
  /** Which browser session received it (e.g. "admin"). */
  session: string;
  method: string;
  url: string;
  status: number;
  contentType: string;
  /** The body as text; undefined when it could not be read (see `error`). */
  body?: string;
  error?: string;
}

/** Bodies worth scanning: JSON, text, scripts, styles, markup, CSV. Images and fonts are not. */
function isTextual(contentType: string): boolean {
  return /^(text\/|application\/(json|javascript|ecmascript|xml|[\w.+-]+\+(json|xml)))/i.test(contentType);
}

/**
 * Keeps every textual response body the browser receives from the server under test, for the
 * secret scan at the end of a story. Bodies are read as they arrive; `settle()` waits for the
 * reads still in flight.
 */
export class ResponseRecorder {
  readonly responses: RecordedResponse[] = [];
  readonly #pending = new Set<Promise<void>>();
  readonly #origin: string;

  constructor(origin: string) {
    this.#origin = new URL(origin).origin;
  }

  attach(context: BrowserContext, session: string): void {
    context.on('response', (response) => {
      const read = this.#record(response, session);
      this.#pending.add(read);
      void read.finally(() => this.#pending.delete(read));
    });
  }

  async settle(): Promise<void> {
    while (this.#pending.size) await Promise.all([...this.#pending]);
  }

  /** Textual responses whose body could not be read (so could not be scanned). */
  unreadable(): RecordedResponse[] {
    return this.responses.filter((r) => r.error !== undefined);
  }

  /** The recorded API responses for `method` and a path matching `path`. */
  find(method: string, path: RegExp): RecordedResponse[] {
    return this.responses.filter((r) => r.method === method && path.test(new URL(r.url).pathname));
  }

  async #record(response: Response, session: string): Promise<void> {
    let url: URL;
    try {
      url = new URL(response.url());
    } catch {
      return;
    }
    if (url.origin !== this.#origin) return;
    const contentType = (await response.headerValue('content-type').catch(() => null)) ?? '';
    const entry: RecordedResponse = {
      session,
      method: response.request().method(),
      url: response.url(),
      status: response.status(),
      contentType,
    };
    this.responses.push(entry);
    if (!isTextual(contentType)) return;
    // Redirects have no body; anything else should be readable.
    if (response.status() >= 300 && response.status() < 400) return;
    try {
      entry.body = (await response.body()).toString('utf8');
    } catch (error) {
      entry.error = (error as Error).message;
    }
  }
}
