import { fmt } from '../reasoned';
import type { Recommendation } from '../recommend';
import { NGINX_VERSIONS } from './serverVersions';
import { checkedInput, type DeployTarget, type GenInput } from './target';
import { headerTexts } from './text';
import { blank, block, conf, directive as d, note, renderNginx, type Child } from './tree';

// Mozilla's intermediate profile: TLS 1.2 and 1.3 (Debian's nginx.conf still allows 1.0 and 1.1).
const SSL_PROTOCOLS = ['TLSv1.2', 'TLSv1.3'];
// Text types worth compressing; nginx always includes text/html (ngx_http_gzip_module docs).
const GZIP_TYPES = [
  'text/plain',
  'text/css',
  'text/xml',
  'application/javascript',
  'application/json',
  'application/xml',
  'image/svg+xml',
];

/** Where the site file goes on Debian: sites-available, linked from sites-enabled (included by nginx.conf's http block). */
export const nginxSitePath = (domain: string) => `/etc/nginx/sites-available/${domain}`;

/** An upstream name unique to this app, so two generated sites can share one nginx. */
export const upstreamName = (module: string) => `${module.replace(/\./g, '_')}_gunicorn`;

function listen(input: GenInput, port: number, tls: boolean, ...extra: string[]): Child[] {
  const { t } = input;
  const flags = [
    ...(tls ? ['ssl'] : []),
    ...(tls && NGINX_VERSIONS[t.versions.nginx].http2 === 'listen-flag' ? ['http2'] : []),
    ...extra,
  ];
  const addrs = t.listenAddress === null ? [`${port}`, `[::]:${port}`] : [`${t.listenAddress}:${port}`];
  return addrs.map((addr) => d('listen', addr, ...flags));
}

// nginx 1.25.1+ turns HTTP/2 on per server instead of per listen socket.
const http2On = (input: GenInput): Child =>
  NGINX_VERSIONS[input.t.versions.nginx].http2 === 'directive' && d('http2', 'on');

function defaultServer(input: GenInput, tls: boolean): Child[] {
  const { t } = input;
  return [
    note('Any other host name gets no answer (Gunicorn’s deploy example): Django never sees a forged Host.'),
    block(
      'server',
      listen(input, t.httpPort, false, 'default_server'),
      tls && [
        listen(input, t.httpsPort, true, 'default_server'),
        http2On(input),
        note('nginx 1.19.4+: refuses the TLS handshake for unknown names without a certificate.'),
        d('ssl_reject_handshake', 'on'),
        note('The default server of a port decides the TLS versions offered on it.'),
        d('ssl_protocols', ...SSL_PROTOCOLS),
      ],
      d('return', '444'),
    ),
  ];
}

function redirectServer(input: GenInput): Child {
  const { a, t } = input;
  const port = t.httpsPort === 443 ? '' : `:${t.httpsPort}`;
  return block(
    'server',
    listen(input, t.httpPort, false),
    d('server_name', a.domain),
    d('return', '301', `https://${a.domain}${port}$request_uri`),
  );
}

function tlsLines(input: GenInput): Child[] {
  const { a, t } = input;
  if (t.tls.kind === 'off') return [];
  const [cert, key] =
    t.tls.kind === 'managed'
      ? [`/etc/letsencrypt/live/${a.domain}/fullchain.pem`, `/etc/letsencrypt/live/${a.domain}/privkey.pem`]
      : [t.tls.certPath, t.tls.keyPath];
  return [
    d('ssl_certificate', cert),
    d('ssl_certificate_key', key),
    note('Mozilla’s intermediate profile: TLS 1.2 and 1.3 only.'),
    d('ssl_protocols', ...SSL_PROTOCOLS),
  ];
}

function fileLocations(input: GenInput): Child[] {
  const { a, t } = input;
  if (a.staticFiles !== 'proxy') return [note('Static and media files are served from S3: none here.')];
  return [
    note('collectstatic’s output, served without waking a Gunicorn worker.'),
    block(['location', '/static/'], d('alias', `${t.staticRoot}/`)),
    block(
      ['location', '/media/'],
      d('alias', `${t.mediaRoot}/`),
      note('Uploads are served as data: browsers must not sniff them into HTML or scripts.'),
      d('add_header', 'X-Content-Type-Options', 'nosniff'),
    ),
  ];
}

/** nginx's variable names for this app (one nginx may hold two generated sites). */
const varName = (input: GenInput, what: string) => `$${input.a.djangoModule.replace(/\./g, '_')}_${what}`;

/**
 * Behind a load balancer, X-Forwarded-Proto is believed only on connections from its subnet (geo reads the
 * connection's own address, before the realip module replaces it); from anywhere else it is this hop's scheme.
 */
function forwardedProtoMaps(input: GenInput): Child[] {
  const { t } = input;
  if (!t.loadBalancer) return [];
  return [
    note('X-Forwarded-Proto counts only from the load balancer’s subnet, like X-Forwarded-For below.'),
    block(
      ['geo', '$realip_remote_addr', varName(input, 'from_lb')],
      d('default', '0'),
      d(t.loadBalancer.trustedCidr, '1'),
    ),
    block(
      ['map', varName(input, 'from_lb'), varName(input, 'forwarded_proto')],
      d('1', '$http_x_forwarded_proto'),
      d('default', '$scheme'),
    ),
    blank,
  ];
}

function behindLb(input: GenInput): Child[] {
  const { rec, t } = input;
  if (!t.loadBalancer) return [];
  const lb = rec.fleet.lb;
  return [
    note(
      `The client’s address: ${lb.trustedSubnet.reason} The right-most address not in it (real_ip_recursive) becomes $remote_addr.`,
    ),
    d('set_real_ip_from', t.loadBalancer.trustedCidr),
    d('real_ip_header', 'X-Forwarded-For'),
    d('real_ip_recursive', 'on'),
    note(lb.proxyKeepalive.reason),
    d('keepalive_timeout', `${lb.proxyKeepalive.value}s`),
    blank,
  ];
}

function healthCheck(input: GenInput): Child[] {
  const { a, rec, t } = input;
  if (!t.loadBalancer) return [];
  const path = rec.fleet.lb.healthCheck.value;
  return [
    note(rec.fleet.lb.healthCheck.reason),
    a.healthCheck === 'proxy'
      ? block(
          ['location', '=', path],
          d('access_log', 'off'),
          d('default_type', 'text/plain'),
          d('return', '200', 'ok'),
        )
      : block(
          ['location', '=', path],
          d('access_log', 'off'),
          d('proxy_pass', `http://${upstreamName(a.djangoModule)}`),
          note(
            `The ALB sends the box’s IP address as Host; Django’s ALLOWED_HOSTS knows ${a.domain}, so send that.`,
          ),
          d('proxy_set_header', 'Host', a.domain),
        ),
  ];
}

function appServer(input: GenInput): Child {
  const { a, t, plan } = input;
  const tls = t.tls.kind !== 'off';
  const lb = t.loadBalancer !== null;
  return block(
    'server',
    listen(input, tls ? t.httpsPort : t.httpPort, tls, ...(lb ? ['default_server'] : [])),
    tls && http2On(input),
    lb &&
      note(
        `The load balancer’s health checks carry the box’s IP address as Host, so this is the default server: no catch-all may answer them with nothing. Django’s ALLOWED_HOSTS still refuses a forged Host.`,
      ),
    d('server_name', a.domain),
    tlsLines(input),
    blank,
    behindLb(input),
    note(`Largest upload you expect (${fmt(a.maxUploadMb)} MB); nginx’s default is 1m.`),
    d('client_max_body_size', `${a.maxUploadMb}m`),
    d('gzip', 'on'),
    d('gzip_vary', 'on'),
    d('gzip_types', ...GZIP_TYPES),
    blank,
    healthCheck(input),
    fileLocations(input),
    block(
      ['location', '/'],
      d('proxy_pass', `http://${upstreamName(a.djangoModule)}`),
      note('Debian’s proxy_params. Django: SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https").'),
      d('proxy_set_header', 'Host', '$host'),
      d('proxy_set_header', 'X-Real-IP', '$remote_addr'),
      d('proxy_set_header', 'X-Forwarded-For', '$proxy_add_x_forwarded_for'),
      d('proxy_set_header', 'X-Forwarded-Proto', lb ? varName(input, 'forwarded_proto') : '$scheme'),
      d('proxy_redirect', 'off'),
      note(
        plan.workerClass.value === 'sync'
          ? 'Buffer responses so a slow client never holds a worker: sync workers require it (Gunicorn’s design doc).'
          : `Buffer responses so a slow client never holds a ${plan.workerClass.value} thread or connection slot.`,
      ),
      d('proxy_buffering', 'on'),
      note(plan.proxyReadTimeout.reason),
      d('proxy_read_timeout', `${plan.proxyReadTimeout.value}s`),
    ),
  );
}

/** The nginx site: include it from the http block of nginx.conf (Debian: sites-enabled/). */
export function generateNginxSite(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { a, t } = input;
  const tls = t.tls.kind !== 'off';
  const lb = t.loadBalancer !== null;
  const notes = [
    `For ${NGINX_VERSIONS[t.versions.nginx].label}. Install as ${nginxSitePath(a.domain)} and link it from /etc/nginx/sites-enabled/ (included from the http block of nginx.conf); remove sites-enabled/default, which also claims default_server.`,
    ...(lb
      ? [
          'Behind the load balancer: TLS ends at the ALB (an ACM certificate), so this box serves plain HTTP to it and needs no certbot.',
        ]
      : []),
    ...(t.tls.kind === 'managed'
      ? [
          `Get the certificate first: sudo certbot certonly --standalone -d ${a.domain} --pre-hook "systemctl stop nginx" --post-hook "systemctl start nginx" (renewals reuse the hooks).`,
        ]
      : []),
    'Check and apply: sudo nginx -t && sudo systemctl reload nginx',
  ];
  return renderNginx(
    conf(
      headerTexts(
        input,
        `nginx site for ${a.domain}: Gunicorn on ${t.socketPath}${lb ? ', behind a load balancer' : ''}.`,
        notes,
      ).map(note),
      blank,
      block(
        ['upstream', upstreamName(a.djangoModule)],
        note('fail_timeout=0: always retry the one socket (Gunicorn’s deploy example).'),
        d('server', `unix:${t.socketPath}`, 'fail_timeout=0'),
      ),
      blank,
      forwardedProtoMaps(input),
      !lb && [defaultServer(input, tls), blank],
      tls && [redirectServer(input), blank],
      appServer(input),
    ),
  );
}
