// Running nginx and Caddy on files in a test directory, writing nothing outside it.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, CLEAN_ENV, run, startServer, type Server } from './tools';

/**
 * A minimal nginx.conf under `prefix` that includes `site` from its http block, as Debian's nginx.conf
 * includes sites-enabled/*. pid, logs and temp files stay under the prefix.
 */
export async function writeNginxConf(prefix: string, site: string): Promise<string> {
  await mkdir(join(prefix, 'tmp'), { recursive: true });
  const conf = join(prefix, 'nginx.conf');
  await writeFile(
    conf,
    [
      'daemon off;',
      'worker_processes 1;',
      'pid nginx.pid;',
      'error_log error.log;',
      'events {',
      '    worker_connections 64;',
      '}',
      'http {',
      '    include /etc/nginx/mime.types;',
      '    default_type application/octet-stream;',
      '    access_log access.log;',
      '    client_body_temp_path tmp/client_body;',
      '    proxy_temp_path tmp/proxy;',
      '    fastcgi_temp_path tmp/fastcgi;',
      '    uwsgi_temp_path tmp/uwsgi;',
      '    scgi_temp_path tmp/scgi;',
      `    include ${site};`,
      '}',
      '',
    ].join('\n'),
  );
  return conf;
}

// -e: nginx opens its compiled-in error log before reading the config unless told otherwise.
const nginxArgs = (prefix: string, conf: string) => [
  '-p',
  `${prefix}/`,
  '-c',
  conf,
  '-e',
  join(prefix, 'error.log'),
];

export const nginxTest = (prefix: string, conf: string) => run(BIN.nginx, ['-t', ...nginxArgs(prefix, conf)]);

export const startNginx = (prefix: string, conf: string): Server =>
  startServer('nginx', BIN.nginx, nginxArgs(prefix, conf), { stopSignal: 'SIGTERM' });

// Caddy keeps certificates and autosave.json under XDG dirs: keep them in the test directory.
const caddyEnv = (home: string) => ({
  ...CLEAN_ENV,
  HOME: home,
  XDG_DATA_HOME: join(home, 'data'),
  XDG_CONFIG_HOME: join(home, 'config'),
});

export const caddyValidate = (caddyfile: string, home: string) =>
  run(BIN.caddy, ['validate', '--adapter', 'caddyfile', '--config', caddyfile], { env: caddyEnv(home) });

export const startCaddy = (caddyfile: string, home: string): Server =>
  startServer('caddy', BIN.caddy, ['run', '--adapter', 'caddyfile', '--config', caddyfile], {
    env: caddyEnv(home),
    stopSignal: 'SIGTERM',
  });

const DEBIAN_NGINX_CONF = '/etc/nginx/nginx.conf';

/**
 * Debian's own nginx.conf, with its sites-enabled include pointed at `site` and its pid and logs moved under
 * `prefix`: the site must also work inside Debian's http block (gzip, ssl_* set there).
 */
export async function writeDebianNginxConf(prefix: string, site: string): Promise<string> {
  let text = await readFile(DEBIAN_NGINX_CONF, 'utf8');
  const swaps: Array<[string, string]> = [
    ['include /etc/nginx/sites-enabled/*;', `include ${site};`],
    ['pid /run/nginx.pid;', `pid ${join(prefix, 'nginx.pid')};`],
    ['/var/log/nginx/', `${prefix}/`],
  ];
  for (const [from, to] of swaps) {
    // If Debian's file changes shape, fail loudly rather than test something else.
    if (!text.includes(from))
      throw new Error(`${DEBIAN_NGINX_CONF} no longer contains ${JSON.stringify(from)}`);
    text = text.split(from).join(to);
  }
  const conf = join(prefix, 'debian-nginx.conf');
  await writeFile(conf, text);
  return conf;
}
