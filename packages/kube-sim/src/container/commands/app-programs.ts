/**
 * The applications' own binaries answer the few invocations people use to inspect them
 * (`nginx -v`, `nginx -t`, `redis-cli ping`); anything else starts "successfully" and returns.
 */
import type { Command } from './command-kit.ts';

function envVersion(env: Record<string, string>, key: string, fallback: string): string {
  return env[key] ?? fallback;
}

export const nginx: Command = (rt) => {
  const args = rt.argv.slice(1);
  const version = envVersion(rt.env, 'NGINX_VERSION', '1.27.3');
  if (args.includes('-v')) {
    rt.io.stderr(`nginx version: nginx/${version}\n`);
    return 0;
  }
  if (args.includes('-V')) {
    rt.io.stderr(
      `nginx version: nginx/${version}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14)\nbuilt with OpenSSL 3.0.13 30 Jan 2024\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --conf-path=/etc/nginx/nginx.conf\n`,
    );
    return 0;
  }
  if (args.includes('-t') || args.includes('-T')) {
    const ok = rt.system.fs.exists('/etc/nginx/nginx.conf');
    if (!ok) {
      rt.io.stderr(
        'nginx: [emerg] open() "/etc/nginx/nginx.conf" failed (2: No such file or directory)\nnginx: configuration file /etc/nginx/nginx.conf test failed\n',
      );
      return 1;
    }
    rt.io.stderr(
      'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
    );
    return 0;
  }
  if (args.includes('-s')) {
    rt.io.stderr(
      `${new Date(rt.system.now()).toISOString().replace('T', ' ').slice(0, 19).replace(/-/g, '/')} [notice] ${rt.system.allocatePid()}#${rt.system.allocatePid()}: signal process started\n`,
    );
    return 0;
  }
  rt.io.stderr(`nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n`);
  return 1;
};

export const redisCli: Command = (rt) => {
  const args = rt.argv
    .slice(1)
    .filter((a, i, all) => !a.startsWith('-') && !(all[i - 1] ?? '').match(/^-[hpa]$/));
  const command = (args[0] ?? '').toLowerCase();
  if (command === 'ping') rt.io.stdout('PONG\n');
  else if (command === 'info')
    rt.io.stdout(
      `# Server\r\nredis_version:${rt.env.REDIS_VERSION ?? '7.4.1'}\r\nredis_mode:standalone\r\nos:Linux\r\n`,
    );
  else if (command === 'dbsize') rt.io.stdout('(integer) 0\n');
  else if (command === '') rt.io.stdout('127.0.0.1:6379> ');
  else rt.io.stdout('OK\n');
  return 0;
};

/** Version probes of language runtimes; real work is beyond a simulation. */
export function versionProgram(envKey: string, fallback: string, format: (v: string) => string): Command {
  return (rt) => {
    if (rt.argv.some((a) => a === '--version' || a === '-v' || a === '-V'))
      rt.io.stdout(format(envVersion(rt.env, envKey, fallback)));
    return 0;
  };
}
