import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { ConfigError } from './config-error.ts';

const cwd = '/srv/atrium';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to embedded SQLite in ./data on 127.0.0.1:8080', () => {
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/atrium/data',
      database: { dialect: 'sqlite', path: '/srv/atrium/data/atrium.db' },
      secretKey: null,
      adminPassword: null,
      demo: true,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const key = randomBytes(32);
    const config = loadConfig(
      {
        PORT: '9090',
        HOST: '0.0.0.0',
        ATRIUM_DATA_DIR: '/var/lib/atrium',
        ATRIUM_DATABASE_URL: 'postgresql://atrium:pw@db:5432/atrium',
        ATRIUM_SECRET_KEY: key.toString('hex'),
        ATRIUM_ADMIN_PASSWORD: 'changeme123',
        ATRIUM_DEMO: '0',
        LOG_LEVEL: 'debug',
      },
      cwd,
    );
    expect(config.port).toBe(9090);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe('/var/lib/atrium');
    expect(config.database).toEqual({ dialect: 'postgres', url: 'postgresql://atrium:pw@db:5432/atrium' });
    expect(config.secretKey?.equals(key)).toBe(true);
    expect(config.adminPassword).toBe('changeme123');
    expect(config.demo).toBe(false);
    expect(config.logLevel).toBe('debug');
  });

  it('accepts base64 keys and every database scheme', () => {
    const key = randomBytes(32).toString('base64');
    expect(loadConfig({ ATRIUM_SECRET_KEY: key }, cwd).secretKey?.toString('base64')).toBe(key);
    expect(loadConfig({ ATRIUM_DATABASE_URL: 'sqlite:./x.db' }, cwd).database).toEqual({
      dialect: 'sqlite',
      path: '/srv/atrium/x.db',
    });
    const maria = loadConfig({ ATRIUM_DATABASE_URL: 'mariadb://root@h/db', ATRIUM_SECRET_KEY: key }, cwd);
    expect(maria.database).toEqual({ dialect: 'mysql', url: 'mysql://root@h/db' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', /not a port/],
    [{ PORT: '70000' }, 'PORT', /not a port/],
    [{ ATRIUM_DATABASE_URL: 'oracle://x' }, 'ATRIUM_DATABASE_URL', /unsupported scheme/],
    [{ ATRIUM_DATABASE_URL: 'postgres://' }, 'ATRIUM_DATABASE_URL', /not a valid URL/],
    [{ ATRIUM_DATABASE_URL: 'mysql://root@db/atrium' }, 'ATRIUM_SECRET_KEY', /required with mysql/],
    [{ ATRIUM_SECRET_KEY: 'short' }, 'ATRIUM_SECRET_KEY', /32 bytes/],
    [{ ATRIUM_ADMIN_PASSWORD: 'password' }, 'ATRIUM_ADMIN_PASSWORD', /letters and digits/],
    [{ ATRIUM_DEMO: 'maybe' }, 'ATRIUM_DEMO', /not a boolean/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /not one of/],
  ])('rejects %j naming %s', (env, variable, message) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.toLine()).toMatch(message);
    expect(error.toLine().startsWith(`${variable}: `)).toBe(true);
  });

  it('never echoes a database password', () => {
    const error = errorOf({ ATRIUM_DATABASE_URL: 'postgres://u:hunter2@' });
    expect(error.message).not.toContain('hunter2');
  });

  it('reads ATRIUM_PUBLIC_URL without its trailing slash, and refuses what is not an http(s) URL', () => {
    expect(loadConfig({}, cwd).publicUrl).toBeNull();
    expect(loadConfig({ ATRIUM_PUBLIC_URL: 'https://atrium.example.com/' }, cwd).publicUrl).toBe(
      'https://atrium.example.com',
    );
    expect(errorOf({ ATRIUM_PUBLIC_URL: 'ftp://x' }).variable).toBe('ATRIUM_PUBLIC_URL');
    expect(errorOf({ ATRIUM_PUBLIC_URL: 'not a url' }).toLine()).toMatch(
      /^ATRIUM_PUBLIC_URL: "not a url" is not a URL/,
    );
  });

  it('serves TLS on 8443 with its own CA unless told otherwise', () => {
    expect(loadConfig({}, cwd).tls).toEqual({ port: 8443, certFile: null, keyFile: null });
    expect(loadConfig({ ATRIUM_TLS_PORT: 'off' }, cwd).tls).toBeNull();
    const provided = {
      ATRIUM_TLS_PORT: '0',
      ATRIUM_TLS_CERT_FILE: 'tls.crt',
      ATRIUM_TLS_KEY_FILE: '/k/tls.key',
    };
    expect(loadConfig(provided, cwd).tls).toEqual({
      port: 0,
      certFile: '/srv/atrium/tls.crt',
      keyFile: '/k/tls.key',
    });
    expect(errorOf({ ATRIUM_TLS_PORT: '99999' }).variable).toBe('ATRIUM_TLS_PORT');
    expect(errorOf({ ATRIUM_TLS_CERT_FILE: 'tls.crt' }).variable).toBe('ATRIUM_TLS_KEY_FILE');
  });
});
