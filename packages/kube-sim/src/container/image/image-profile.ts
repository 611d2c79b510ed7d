/**
 * What an image reference implies about the container inside it: the distribution (which
 * decides busybox vs GNU tools and dash vs ash), the application and its version, PID 1's
 * command line and the ENV the image's Dockerfile would have set.
 */

export type Distro = 'alpine' | 'busybox' | 'debian' | 'ubuntu';
export type AppKind =
  'nginx' | 'redis' | 'postgres' | 'mysql' | 'node' | 'python' | 'httpd' | 'busybox' | 'generic';

export interface ImageProfile {
  image: string;
  /** Last path component of the repository, e.g. `nginx` for `docker.io/library/nginx:1.27`. */
  name: string;
  tag: string;
  distro: Distro;
  app: AppKind;
  appVersion: string;
  /** Busybox images ship one multi-call binary; Debian/Ubuntu ship coreutils, dash and bash. */
  toolset: 'busybox' | 'gnu';
  hasBash: boolean;
  /** PID 1's argv as /proc/1/cmdline shows it. */
  command: string[];
  /** ENV lines of the image (PATH first). */
  env: Record<string, string>;
  workingDir: string;
  /** Images whose name contains `crash` die shortly after start (CrashLoopBackOff demos). */
  crashes: boolean;
}

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const DEFAULT_APP_VERSIONS: Record<AppKind, string> = {
  nginx: '1.27.3',
  redis: '7.4.1',
  postgres: '16.4',
  mysql: '8.4.3',
  node: '22.11.0',
  python: '3.12.7',
  httpd: '2.4.62',
  busybox: '1.36.1',
  generic: '1.0.0',
};

export function parseImageReference(image: string): { name: string; tag: string } {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastColon = withoutDigest.lastIndexOf(':');
  const hasTag = lastColon > lastSlash;
  const repository = hasTag ? withoutDigest.slice(0, lastColon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(lastColon + 1) : 'latest';
  return { name: repository.slice(repository.lastIndexOf('/') + 1).toLowerCase(), tag };
}

function detectApp(name: string): AppKind {
  const apps: AppKind[] = ['nginx', 'redis', 'postgres', 'mysql', 'httpd', 'busybox', 'python', 'node'];
  for (const app of apps) if (name.includes(app)) return app;
  if (name.includes('mariadb')) return 'mysql';
  return 'generic';
}

function detectDistro(name: string, tag: string, app: AppKind): Distro {
  if (app === 'busybox') return 'busybox';
  if (name.includes('alpine') || tag.includes('alpine')) return 'alpine';
  if (name.includes('ubuntu') || tag.includes('ubuntu') || tag.includes('noble') || tag.includes('jammy'))
    return 'ubuntu';
  return 'debian';
}

function versionFromTag(tag: string, fallback: string): string {
  const match = /^v?(\d+(?:\.\d+){0,2})/.exec(tag);
  if (!match?.[1]) return fallback;
  const parts = match[1].split('.');
  const defaults = fallback.split('.');
  while (parts.length < defaults.length) parts.push(defaults[parts.length] ?? '0');
  return parts.join('.');
}

function appCommand(app: AppKind, name: string): string[] {
  switch (app) {
    case 'nginx':
      return ['nginx: master process nginx -g daemon off;'];
    case 'redis':
      return ['redis-server *:6379'];
    case 'postgres':
      return ['postgres'];
    case 'mysql':
      return ['mysqld'];
    case 'httpd':
      return ['httpd', '-DFOREGROUND'];
    case 'node':
      return ['node', 'server.js'];
    case 'python':
      return ['python3', 'app.py'];
    case 'busybox':
      return ['sleep', '3600'];
    case 'generic':
      return [`/app/${name.replace(/[^a-z0-9-]/g, '') || 'app'}`];
  }
}

function appEnv(app: AppKind, version: string, distro: Distro): Record<string, string> {
  const release = distro === 'alpine' ? '1' : '1~bookworm';
  switch (app) {
    case 'nginx':
      return { NGINX_VERSION: version, NJS_VERSION: '0.8.7', NJS_RELEASE: release, PKG_RELEASE: release };
    case 'redis':
      return { REDIS_VERSION: version };
    case 'postgres': {
      const major = version.split('.')[0] ?? '16';
      return { PG_MAJOR: major, PG_VERSION: version, PGDATA: '/var/lib/postgresql/data', LANG: 'en_US.utf8' };
    }
    case 'mysql':
      return { MYSQL_MAJOR: version.split('.').slice(0, 2).join('.'), MYSQL_VERSION: version };
    case 'node':
      return { NODE_VERSION: version, YARN_VERSION: '1.22.22' };
    case 'python':
      return { LANG: 'C.UTF-8', PYTHON_VERSION: version };
    case 'httpd':
      return { HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: version };
    default:
      return {};
  }
}

function appPath(app: AppKind, version: string): string {
  if (app === 'postgres') return `${DEFAULT_PATH}:/usr/lib/postgresql/${version.split('.')[0] ?? '16'}/bin`;
  if (app === 'httpd') return `/usr/local/apache2/bin:${DEFAULT_PATH}`;
  return DEFAULT_PATH;
}

function appWorkingDir(app: AppKind): string {
  switch (app) {
    case 'redis':
      return '/data';
    case 'httpd':
      return '/usr/local/apache2';
    case 'node':
    case 'python':
    case 'generic':
      return '/app';
    default:
      return '/';
  }
}

export function imageProfile(image: string): ImageProfile {
  const { name, tag } = parseImageReference(image);
  const app = detectApp(name);
  const distro = detectDistro(name, tag, app);
  const appVersion = versionFromTag(tag, DEFAULT_APP_VERSIONS[app]);
  const toolset = distro === 'alpine' || distro === 'busybox' ? 'busybox' : 'gnu';
  return {
    image,
    name,
    tag,
    distro,
    app,
    appVersion,
    toolset,
    hasBash: toolset === 'gnu',
    command: appCommand(app, name),
    env: { PATH: appPath(app, appVersion), ...appEnv(app, appVersion, distro) },
    workingDir: appWorkingDir(app),
    crashes: name.includes('crash') || tag.includes('crash'),
  };
}
