/** Per-request and per-server state shared by the HTTP handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceApi } from '../api/resource-api.ts';
import type { FieldValidation, RequestContext, UserInfo, WriteOptions } from '../api/request-context.ts';
import { badRequest } from '../api/errors.ts';
import type { WriteArgs } from '../api/writes.ts';
import type { WatchRegistry, WatchStreamSettings } from './watch-stream.ts';
import type { PodIOHandler } from './pod-io.ts';

export interface HttpExchange {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  query: URLSearchParams;
  user: UserInfo;
  ctx: RequestContext;
}

export interface ServerParts {
  api: ResourceApi;
  watches: WatchRegistry;
  watchSettings: WatchStreamSettings;
  /** host:port clients use, for /api's serverAddressByClientCIDRs. */
  serverAddress(): string;
  podIO(): PodIOHandler | undefined;
}

/** dryRun, fieldManager and fieldValidation from the query string. */
export function writeArgs(exchange: HttpExchange): WriteArgs {
  const { query, req } = exchange;
  const options: WriteOptions = {};
  const dryRun = query.getAll('dryRun');
  for (const value of dryRun) {
    if (value !== 'All') {
      throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(value)}: supported values: "All"`);
    }
    options.dryRun = true;
  }
  const manager = query.get('fieldManager');
  options.fieldManager =
    manager !== null && manager !== '' ? manager : managerFromUserAgent(req.headers['user-agent']);
  const validation = query.get('fieldValidation');
  if (validation !== null && validation !== '') {
    if (validation !== 'Strict' && validation !== 'Warn' && validation !== 'Ignore') {
      throw badRequest(
        `fieldValidation: Unsupported value: ${JSON.stringify(validation)}: supported values: "Ignore", "Strict", "Warn"`,
      );
    }
    options.fieldValidation = validation as FieldValidation;
  }
  return { ctx: exchange.ctx, options };
}

/** The real server names an anonymous manager after the User-Agent's product token. */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const product = (userAgent ?? '').split('/')[0] ?? '';
  const printable = [...product]
    .filter((c) => c >= ' ' && c !== '\u007f')
    .join('')
    .slice(0, 128);
  return printable === '' ? 'unknown' : printable;
}
