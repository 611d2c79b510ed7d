import path from 'node:path';
import { passwordPolicyViolation } from '../../auth/passwords/password-policy.ts';
import { ConfigError } from './config-error.ts';
import { parseDatabaseUrl, type DatabaseConfig } from './database-url.ts';
import { decodeSecretKey, SECRET_KEY_VARIABLE } from './secret-key.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  /** Absolute path; created at start-up if missing. */
  dataDir: string;
  database: DatabaseConfig;
  /** From ATRIUM_SECRET_KEY; null means "use or create <dataDir>/secret.key" (SQLite only). */
  secretKey: Buffer | null;
  /** Password for the first admin account; null means generate and print one. */
  adminPassword: string | null;
  demo: boolean;
  logLevel: LogLevel;
  /**
   * Where users reach this Atrium (ATRIUM_PUBLIC_URL), e.g. in downloaded kubeconfigs; null
   * means "from the request's Host".
   */
  publicUrl: string | null;
  /**
   * The HTTPS listener (ATRIUM_TLS_PORT, default 8443; `off` disables it): the same API and
   * console over TLS, which kubectl needs. Certificate from ATRIUM_TLS_CERT_FILE/KEY_FILE, or
   * issued by a CA Atrium keeps in the data directory.
   */
  tls: TlsConfig | null;
}

export interface TlsConfig {
  /** 0 picks a free port. */
  port: number;
  certFile: string | null;
  keyFile: string | null;
}

type Env = Record<string, string | undefined>;

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > 65535) {
    throw new ConfigError(name, `"${raw}" is not a port number (0-65535)`);
  }
  return Number(raw);
}

function parseTls(env: Env, cwd: string): TlsConfig | null {
  const rawPort = present(env, 'ATRIUM_TLS_PORT');
  if (rawPort?.trim().toLowerCase() === 'off') return null;
  const certFile = present(env, 'ATRIUM_TLS_CERT_FILE');
  const keyFile = present(env, 'ATRIUM_TLS_KEY_FILE');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    const missing = certFile === undefined ? 'ATRIUM_TLS_CERT_FILE' : 'ATRIUM_TLS_KEY_FILE';
    throw new ConfigError(missing, 'is required together with the other of ATRIUM_TLS_CERT_FILE/KEY_FILE');
  }
  return {
    port: parsePort('ATRIUM_TLS_PORT', rawPort, 8443),
    certFile: certFile === undefined ? null : path.resolve(cwd, certFile),
    keyFile: keyFile === undefined ? null : path.resolve(cwd, keyFile),
  };
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `"${raw}" is not a boolean (use 1/0, true/false)`);
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined) return 'info';
  const value = raw.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError('LOG_LEVEL', `"${raw}" is not one of ${LOG_LEVELS.join(', ')}`);
  }
  return value as LogLevel;
}

function parseSecretKey(raw: string | undefined, database: DatabaseConfig): Buffer | null {
  if (raw === undefined) {
    if (database.dialect !== 'sqlite') {
      throw new ConfigError(
        SECRET_KEY_VARIABLE,
        `is required with ${database.dialect} (every replica must share it); generate one with: openssl rand -base64 32`,
      );
    }
    return null;
  }
  const key = decodeSecretKey(raw);
  if (!key) throw new ConfigError(SECRET_KEY_VARIABLE, 'must be 32 bytes as base64 or 64 hex characters');
  return key;
}

function parseAdminPassword(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const violation = passwordPolicyViolation(raw);
  if (violation) throw new ConfigError('ATRIUM_ADMIN_PASSWORD', violation);
  return raw;
}

function parsePublicUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError('ATRIUM_PUBLIC_URL', `"${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('ATRIUM_PUBLIC_URL', `"${raw}" must start with http:// or https://`);
  }
  return url.toString().replace(/\/+$/, '');
}

/** Reads and validates the whole configuration; throws ConfigError naming the variable at fault. */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const port = parsePort('PORT', present(env, 'PORT'), 8080);
  const host = present(env, 'HOST')?.trim() ?? '127.0.0.1';
  const dataDir = path.resolve(cwd, present(env, 'ATRIUM_DATA_DIR') ?? './data');
  const database = parseDatabaseUrl(present(env, 'ATRIUM_DATABASE_URL'), dataDir, cwd);
  return {
    port,
    host,
    dataDir,
    database,
    secretKey: parseSecretKey(present(env, SECRET_KEY_VARIABLE), database),
    adminPassword: parseAdminPassword(env['ATRIUM_ADMIN_PASSWORD'] || undefined),
    demo: parseBoolean('ATRIUM_DEMO', present(env, 'ATRIUM_DEMO'), true),
    logLevel: parseLogLevel(present(env, 'LOG_LEVEL')),
    publicUrl: parsePublicUrl(present(env, 'ATRIUM_PUBLIC_URL')),
    tls: parseTls(env, cwd),
  };
}
