/** The application layer of well-known images: config, content, binaries, entrypoints. */
import { fakeElf } from './fake-binaries.ts';
import type { ImageProfile } from './image-profile.ts';
import type { PasswdEntry } from './os-files.ts';
import type { TreeBuilder } from './tree-builder.ts';

export function appUser(profile: ImageProfile): PasswdEntry | undefined {
  const busybox = profile.toolset === 'busybox';
  switch (profile.app) {
    case 'nginx':
      return busybox
        ? {
            name: 'nginx',
            uid: 101,
            gid: 101,
            gecos: 'nginx',
            home: '/var/cache/nginx',
            shell: '/sbin/nologin',
          }
        : {
            name: 'nginx',
            uid: 101,
            gid: 101,
            gecos: 'nginx user',
            home: '/nonexistent',
            shell: '/bin/false',
          };
    case 'redis':
      return {
        name: 'redis',
        uid: 999,
        gid: 999,
        gecos: '',
        home: '/home/redis',
        shell: '/usr/sbin/nologin',
      };
    case 'postgres':
      return {
        name: 'postgres',
        uid: 999,
        gid: 999,
        gecos: '',
        home: '/var/lib/postgresql',
        shell: '/bin/bash',
      };
    case 'mysql':
      return { name: 'mysql', uid: 999, gid: 999, gecos: '', home: '/var/lib/mysql', shell: '/bin/bash' };
    case 'node':
      return { name: 'node', uid: 1000, gid: 1000, gecos: '', home: '/home/node', shell: '/bin/bash' };
    default:
      return undefined;
  }
}

export function nginxIndexHtml(): string {
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    '<title>Welcome to nginx!</title>',
    '<style>',
    'html { color-scheme: light dark; }',
    'body { width: 35em; margin: 0 auto;',
    'font-family: Tahoma, Verdana, Arial, sans-serif; }',
    '</style>',
    '</head>',
    '<body>',
    '<h1>Welcome to nginx!</h1>',
    '<p>If you see this page, the nginx web server is successfully installed and',
    'working. Further configuration is required.</p>',
    '',
    '<p>For online documentation and support please refer to',
    '<a href="http://nginx.org/">nginx.org</a>.<br/>',
    'Commercial support is available at',
    '<a href="http://nginx.com/">nginx.com</a>.</p>',
    '',
    '<p><em>Thank you for using nginx.</em></p>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    # redirect server error pages to the static page /50x.html
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const NGINX_MIME_TYPES = `
types {
    text/html                                        html htm shtml;
    text/css                                         css;
    text/xml                                         xml;
    image/gif                                        gif;
    image/jpeg                                       jpeg jpg;
    application/javascript                           js;
    application/json                                 json;
    image/png                                        png;
    image/svg+xml                                    svg svgz;
    font/woff2                                       woff2;
    application/octet-stream                         bin exe dll;
}
`;

function seedNginx(t: TreeBuilder, profile: ImageProfile): void {
  const html50x =
    '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n' +
    '<p>Sorry, the page you are looking for is currently unavailable.<br/>\nPlease try again later.</p>\n</body>\n</html>\n';
  t.file('/etc/nginx/nginx.conf', NGINX_CONF.slice(1))
    .file('/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF)
    .file('/etc/nginx/mime.types', NGINX_MIME_TYPES.slice(1))
    .file('/etc/nginx/fastcgi_params', 'fastcgi_param  QUERY_STRING       $query_string;\n')
    .link('/etc/nginx/modules', '/usr/lib/nginx/modules')
    .dir('/usr/lib/nginx/modules')
    .file('/usr/share/nginx/html/index.html', nginxIndexHtml())
    .file('/usr/share/nginx/html/50x.html', html50x)
    .file('/usr/sbin/nginx', fakeElf(1_470_984), 0o755)
    .dir('/var/cache/nginx')
    .dir('/var/log/nginx')
    .link('/var/log/nginx/access.log', '/dev/stdout')
    .link('/var/log/nginx/error.log', '/dev/stderr')
    .file('/docker-entrypoint.sh', '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n\nexec "$@"\n', 0o775)
    .file('/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', '#!/bin/sh\nset -e\n', 0o775)
    .file('/docker-entrypoint.d/20-envsubst-on-templates.sh', '#!/bin/sh\nset -e\n', 0o775)
    .file('/docker-entrypoint.d/30-tune-worker-processes.sh', '#!/bin/sh\nset -eu\n', 0o775);
  if (profile.toolset === 'gnu')
    t.file('/docker-entrypoint.d/15-local-resolvers.envsh', '#!/bin/sh\n', 0o775);
}

function seedRedis(t: TreeBuilder): void {
  t.dir('/data')
    .file('/usr/local/bin/redis-server', fakeElf(16_114_200), 0o755)
    .file('/usr/local/bin/redis-cli', fakeElf(8_172_848), 0o755)
    .file('/usr/local/bin/docker-entrypoint.sh', '#!/bin/sh\nset -e\nexec "$@"\n', 0o775);
}

function seedPostgres(t: TreeBuilder, profile: ImageProfile): void {
  const major = profile.appVersion.split('.')[0] ?? '16';
  const data = '/var/lib/postgresql/data';
  t.file(`/usr/lib/postgresql/${major}/bin/postgres`, fakeElf(9_841_296), 0o755)
    .file(`/usr/lib/postgresql/${major}/bin/psql`, fakeElf(760_720), 0o755)
    .dir('/var/lib/postgresql')
    .dir(data, 0o700)
    .file(`${data}/PG_VERSION`, `${major}\n`, 0o600)
    .file(
      `${data}/postgresql.conf`,
      "listen_addresses = '*'\nmax_connections = 100\nshared_buffers = 128MB\n",
      0o600,
    )
    .file(
      `${data}/pg_hba.conf`,
      'local   all   all                 trust\nhost    all   all   all           scram-sha-256\n',
      0o600,
    )
    .dir(`${data}/base`, 0o700)
    .dir(`${data}/global`, 0o700)
    .dir(`${data}/pg_wal`, 0o700)
    .file(
      '/usr/local/bin/docker-entrypoint.sh',
      '#!/usr/bin/env bash\nset -Eeo pipefail\nexec "$@"\n',
      0o775,
    );
}

function seedAppDir(t: TreeBuilder, profile: ImageProfile): void {
  const name = profile.name.replace(/[^a-z0-9-]/g, '') || 'app';
  switch (profile.app) {
    case 'node':
      t.file('/usr/local/bin/node', fakeElf(118_423_040), 0o755)
        .link('/usr/local/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js')
        .file(
          '/usr/local/lib/node_modules/npm/bin/npm-cli.js',
          '#!/usr/bin/env node\nrequire("../lib/cli.js")(process)\n',
          0o755,
        )
        .file(
          '/app/package.json',
          JSON.stringify(
            { name, version: '1.0.0', main: 'server.js', scripts: { start: 'node server.js' } },
            null,
            2,
          ) + '\n',
        )
        .file(
          '/app/server.js',
          "const http = require('node:http');\nconst port = process.env.PORT || 8080;\nhttp.createServer((req, res) => res.end('ok\\n')).listen(port);\n",
        );
      return;
    case 'python':
      t.file('/usr/local/bin/python3', fakeElf(14_520), 0o755)
        .link('/usr/local/bin/python', 'python3')
        .file('/app/requirements.txt', 'flask==3.0.3\ngunicorn==23.0.0\n')
        .file(
          '/app/app.py',
          'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/")\ndef index():\n    return "ok\\n"\n',
        );
      return;
    case 'httpd':
      t.file('/usr/local/apache2/bin/httpd', fakeElf(2_348_112), 0o755)
        .file(
          '/usr/local/apache2/conf/httpd.conf',
          'ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n',
        )
        .file('/usr/local/apache2/htdocs/index.html', '<html><body><h1>It works!</h1></body></html>\n');
      return;
    case 'mysql':
      t.dir('/var/lib/mysql', 0o750)
        .file('/usr/sbin/mysqld', fakeElf(64_112_496), 0o755)
        .file('/etc/my.cnf', '[mysqld]\nskip-host-cache\nskip-name-resolve\n');
      return;
    case 'generic':
      t.file(`/app/${name}`, fakeElf(12_681_216), 0o755)
        .file('/app/config.yaml', `server:\n  port: 8080\nlog:\n  level: info\n  format: json\n`)
        .file('/app/VERSION', `${profile.tag}\n`);
      return;
    default:
      return;
  }
}

export function seedApplication(t: TreeBuilder, profile: ImageProfile): void {
  if (profile.app === 'nginx') seedNginx(t, profile);
  else if (profile.app === 'redis') seedRedis(t);
  else if (profile.app === 'postgres') seedPostgres(t, profile);
  else seedAppDir(t, profile);
}
