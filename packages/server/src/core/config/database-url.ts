import path from 'node:path';
import { ConfigError } from './config-error.ts';

export type DialectName = 'sqlite' | 'postgres' | 'mysql';

export type DatabaseConfig =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; url: string }
  | { dialect: 'mysql'; url: string };

const VARIABLE = 'ATRIUM_DATABASE_URL';

function checkUrl(raw: string): URL {
  try {
    const url = new URL(raw);
    if (!url.hostname) throw new Error('no host');
    return url;
  } catch {
    throw new ConfigError(
      VARIABLE,
      `"${redactUrl(raw)}" is not a valid URL (expected scheme://user@host/db)`,
    );
  }
}

/** Absent means the embedded SQLite file in the data directory. */
export function parseDatabaseUrl(raw: string | undefined, dataDir: string, cwd: string): DatabaseConfig {
  if (raw === undefined || raw.trim() === '') {
    return { dialect: 'sqlite', path: path.join(dataDir, 'atrium.db') };
  }
  const value = raw.trim();
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '')
      throw new ConfigError(VARIABLE, 'sqlite: needs a file path, e.g. sqlite:./data/atrium.db');
    return { dialect: 'sqlite', path: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  const scheme = value.slice(0, value.indexOf(':')).toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    checkUrl(value);
    return { dialect: 'postgres', url: value };
  }
  if (scheme === 'mysql' || scheme === 'mariadb') {
    checkUrl(value);
    return { dialect: 'mysql', url: value.replace(/^mariadb:/i, 'mysql:') };
  }
  throw new ConfigError(
    VARIABLE,
    `unsupported scheme "${scheme}:" (use sqlite:<path>, postgres://…, postgresql://…, mysql://… or mariadb://…)`,
  );
}

/** For logs and messages: the URL without its password. */
export function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

export function describeDatabase(config: DatabaseConfig): string {
  return config.dialect === 'sqlite' ? `sqlite:${config.path}` : redactUrl(config.url);
}
