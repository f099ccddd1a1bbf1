import type { Recommendation } from '../recommend';
import { NGINX_VERSIONS } from './serverVersions';
import { checkedInput, type DeployTarget, type GenInput } from './target';
import { comment, header } from './text';

const IN = '    ';
// Mozilla's intermediate profile: TLS 1.2 and 1.3 (Debian's nginx.conf still allows 1.0 and 1.1).
const SSL_PROTOCOLS = 'TLSv1.2 TLSv1.3';
// Text types worth compressing; nginx always includes text/html (ngx_http_gzip_module docs).
const GZIP_TYPES =
  'text/plain text/css text/xml application/javascript application/json application/xml image/svg+xml';

/** Where the site file goes on Debian: sites-available, linked from sites-enabled (included by nginx.conf's http block). */
export const nginxSitePath = (domain: string) => `/etc/nginx/sites-available/${domain}`;

/** An upstream name unique to this app, so two generated sites can share one nginx. */
export const upstreamName = (module: string) => `${module.replace(/\./g, '_')}_gunicorn`;

function listen(input: GenInput, port: number, tls: boolean, extra = ''): string[] {
  const { t } = input;
  const flags =
    (tls ? ' ssl' : '') +
    (tls && NGINX_VERSIONS[t.versions.nginx].http2 === 'listen-flag' ? ' http2' : '') +
    extra;
  const addrs = t.listenAddress === null ? [`${port}`, `[::]:${port}`] : [`${t.listenAddress}:${port}`];
  return addrs.map((a) => `${IN}listen ${a}${flags};`);
}

// nginx 1.25.1+ turns HTTP/2 on per server instead of per listen socket.
const http2On = (input: GenInput): string[] =>
  NGINX_VERSIONS[input.t.versions.nginx].http2 === 'directive' ? [`${IN}http2 on;`] : [];

function defaultServer(input: GenInput, tls: boolean): string[] {
  const { t } = input;
  return [
    comment(
      'Any other host name gets no answer (Gunicorn’s deploy example): Django never sees a forged Host.',
    ),
    'server {',
    ...listen(input, t.httpPort, false, ' default_server'),
    ...(tls
      ? [
          ...listen(input, t.httpsPort, true, ' default_server'),
          ...http2On(input),
          comment('nginx 1.19.4+: refuses the TLS handshake for unknown names without a certificate.', IN),
          `${IN}ssl_reject_handshake on;`,
          comment('The default server of a port decides the TLS versions offered on it.', IN),
          `${IN}ssl_protocols ${SSL_PROTOCOLS};`,
        ]
      : []),
    `${IN}return 444;`,
    '}',
  ];
}

function redirectServer(input: GenInput): string[] {
  const { a, t } = input;
  const port = t.httpsPort === 443 ? '' : `:${t.httpsPort}`;
  return [
    'server {',
    ...listen(input, t.httpPort, false),
    `${IN}server_name ${a.domain};`,
    `${IN}return 301 https://${a.domain}${port}$request_uri;`,
    '}',
  ];
}

function tlsLines(input: GenInput): string[] {
  const { a, t } = input;
  if (t.tls.kind === 'off') return [];
  const [cert, key] =
    t.tls.kind === 'managed'
      ? [`/etc/letsencrypt/live/${a.domain}/fullchain.pem`, `/etc/letsencrypt/live/${a.domain}/privkey.pem`]
      : [t.tls.certPath, t.tls.keyPath];
  return [
    `${IN}ssl_certificate ${cert};`,
    `${IN}ssl_certificate_key ${key};`,
    comment('Mozilla’s intermediate profile: TLS 1.2 and 1.3 only.', IN),
    `${IN}ssl_protocols ${SSL_PROTOCOLS};`,
  ];
}

function fileLocations(input: GenInput): string[] {
  const { a, t } = input;
  if (a.staticFiles !== 'proxy')
    return [comment('Static and media files are served from S3: none here.', IN)];
  return [
    comment('collectstatic’s output, served without waking a Gunicorn worker.', IN),
    `${IN}location /static/ {`,
    `${IN}${IN}alias ${t.staticRoot}/;`,
    `${IN}}`,
    `${IN}location /media/ {`,
    `${IN}${IN}alias ${t.mediaRoot}/;`,
    comment('Uploads are served as data: browsers must not sniff them into HTML or scripts.', IN + IN),
    `${IN}${IN}add_header X-Content-Type-Options nosniff;`,
    `${IN}}`,
  ];
}

function appServer(input: GenInput): string[] {
  const { a, t, plan } = input;
  const tls = t.tls.kind !== 'off';
  return [
    'server {',
    ...listen(input, tls ? t.httpsPort : t.httpPort, tls),
    ...(tls ? http2On(input) : []),
    `${IN}server_name ${a.domain};`,
    ...tlsLines(input),
    '',
    comment(`Largest upload you expect (${a.maxUploadMb} MB); nginx’s default is 1m.`, IN),
    `${IN}client_max_body_size ${a.maxUploadMb}m;`,
    `${IN}gzip on;`,
    `${IN}gzip_vary on;`,
    `${IN}gzip_types ${GZIP_TYPES};`,
    '',
    ...fileLocations(input),
    `${IN}location / {`,
    `${IN}${IN}proxy_pass http://${upstreamName(a.djangoModule)};`,
    comment(
      'Debian’s proxy_params. Django: SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https").',
      IN + IN,
    ),
    `${IN}${IN}proxy_set_header Host $host;`,
    `${IN}${IN}proxy_set_header X-Real-IP $remote_addr;`,
    `${IN}${IN}proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`,
    `${IN}${IN}proxy_set_header X-Forwarded-Proto $scheme;`,
    `${IN}${IN}proxy_redirect off;`,
    comment(
      plan.workerClass.value === 'sync'
        ? 'Buffer responses so a slow client never holds a worker: sync workers require it (Gunicorn’s design doc).'
        : `Buffer responses so a slow client never holds a ${plan.workerClass.value} thread or connection slot.`,
      IN + IN,
    ),
    `${IN}${IN}proxy_buffering on;`,
    comment(plan.proxyReadTimeout.reason, IN + IN),
    `${IN}${IN}proxy_read_timeout ${plan.proxyReadTimeout.value}s;`,
    `${IN}}`,
    '}',
  ];
}

/** The nginx site: include it from the http block of nginx.conf (Debian: sites-enabled/). */
export function generateNginxSite(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { a, t } = input;
  const tls = t.tls.kind !== 'off';
  const notes = [
    `For ${NGINX_VERSIONS[t.versions.nginx].label}. Install as ${nginxSitePath(a.domain)} and link it from /etc/nginx/sites-enabled/ (included from the http block of nginx.conf); remove sites-enabled/default, which also claims default_server.`,
    ...(t.tls.kind === 'managed'
      ? [
          `Get the certificate first: sudo certbot certonly --standalone -d ${a.domain} --pre-hook "systemctl stop nginx" --post-hook "systemctl start nginx" (renewals reuse the hooks).`,
        ]
      : []),
    'Check and apply: sudo nginx -t && sudo systemctl reload nginx',
  ];
  const lines = [
    ...header(input, `nginx site for ${a.domain}: Gunicorn on ${t.socketPath}.`, notes),
    '',
    `upstream ${upstreamName(a.djangoModule)} {`,
    comment('fail_timeout=0: always retry the one socket (Gunicorn’s deploy example).', IN),
    `${IN}server unix:${t.socketPath} fail_timeout=0;`,
    '}',
    '',
    ...defaultServer(input, tls),
    '',
    ...(tls ? [...redirectServer(input), ''] : []),
    ...appServer(input),
  ];
  return `${lines.join('\n')}\n`;
}
