import { CADDY_UPSTREAM_KEEPALIVE_S } from '../gunicorn';
import { fmt } from '../reasoned';
import type { Recommendation } from '../recommend';
import { CADDY_VERSIONS } from './serverVersions';
import { checkedInput, type DeployTarget, type GenInput } from './target';
import { headerTexts } from './text';
import { blank, block, conf, directive as d, note, renderCaddyfile, type Child } from './tree';

// Cap on what Caddy holds in memory per buffered request or response (MiB); a larger body streams past it.
export const CADDY_MAX_BUFFER_MIB = 64;

export const CADDYFILE_PATH = '/etc/caddy/Caddyfile';

function globalOptions(input: GenInput): Child[] {
  const { rec, t } = input;
  const keepalive = rec.fleet.lb.proxyKeepalive;
  const opts: Child[] = [
    t.caddyAdmin.kind === 'off' && d('admin', 'off'),
    t.caddyAdmin.kind === 'local' && d('admin', `127.0.0.1:${t.caddyAdmin.port}`),
    t.loadBalancer !== null && [
      note(keepalive.reason),
      block('servers', block('timeouts', d('idle', `${keepalive.value}s`))),
    ],
    // Automatic HTTPS redirects from http_port and serves on https_port; say so when they are not 80/443.
    t.tls.kind !== 'off' && t.httpPort !== 80 && d('http_port', `${t.httpPort}`),
    t.tls.kind !== 'off' && t.httpsPort !== 443 && d('https_port', `${t.httpsPort}`),
  ].filter(Boolean);
  return opts.length ? [block('', opts), blank] : [];
}

function siteAddress(input: GenInput): string {
  const { a, t } = input;
  // Every Host: the load balancer's health checks carry the box's IP address (Django's ALLOWED_HOSTS still
  // refuses a forged one).
  if (t.loadBalancer !== null) return `http://:${t.httpPort}`;
  if (t.tls.kind === 'off') return `http://${a.domain}${t.httpPort === 80 ? '' : `:${t.httpPort}`}`;
  return `${a.domain}${t.httpsPort === 443 ? '' : `:${t.httpsPort}`}`;
}

function fileRoutes(input: GenInput): Child[] {
  const { a, t } = input;
  if (a.staticFiles !== 'proxy') return [note('Static and media files are served from S3: none here.')];
  return [
    note('collectstatic’s output, served without waking a Gunicorn worker.'),
    block(['handle_path', '/static/*'], d('root', '*', t.staticRoot), d('file_server')),
    block(
      ['handle_path', '/media/*'],
      d('root', '*', t.mediaRoot),
      note('Uploads are served as data: browsers must not sniff them into HTML or scripts.'),
      d('header', 'X-Content-Type-Options', 'nosniff'),
      d('file_server'),
    ),
  ];
}

function healthCheck(input: GenInput): Child[] {
  const { a, rec, t } = input;
  if (t.loadBalancer === null) return [];
  const path = rec.fleet.lb.healthCheck.value;
  return [
    note(rec.fleet.lb.healthCheck.reason),
    a.healthCheck === 'proxy'
      ? block(['handle', path], d('respond', 'ok', '200'))
      : block(
          ['handle', path],
          block(
            ['reverse_proxy', `unix/${t.socketPath}`],
            note(
              `The ALB sends the box’s IP address as Host; Django’s ALLOWED_HOSTS knows ${a.domain}, so send that.`,
            ),
            d('header_up', 'Host', a.domain),
          ),
        ),
  ];
}

/** Where the client's address comes from: the peer, or behind the load balancer its X-Forwarded-For. */
function clientAddress(input: GenInput): Child[] {
  const { rec, t } = input;
  if (t.loadBalancer === null) return [d('header_up', 'X-Real-IP', '{remote_host}')];
  return [
    note(
      `${rec.fleet.lb.trustedSubnet.reason} Caddy 2.6 keeps their X-Forwarded-For and -Proto and adds the ALB’s address; from anywhere else it replaces them. Django takes the right-most address outside that subnet (the generated middleware).`,
    ),
    d('trusted_proxies', t.loadBalancer.trustedCidr),
  ];
}

function buffering(input: GenInput): Child[] {
  const { a, plan, t } = input;
  if (plan.workerClass.value !== 'sync')
    return [note(`${plan.workerClass.value} workers keep serving while a slow client trickles.`)];
  const b = CADDY_VERSIONS[t.versions.caddy].buffering;
  const size = `${Math.min(a.maxUploadMb, CADDY_MAX_BUFFER_MIB)}MiB`;
  return [
    note(
      'Sync workers must sit behind a buffering proxy (Gunicorn’s design doc): a slow client would hold a worker.',
    ),
    b.sized
      ? [d(b.request, size), d(b.response, size)]
      : [d(b.request), d(b.response), b.limit && d(b.limit, size)],
  ];
}

/** The Caddyfile (/etc/caddy/Caddyfile on Debian) for this app. */
export function generateCaddyfile(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { a, t, plan } = input;
  const notes = [
    `For ${CADDY_VERSIONS[t.versions.caddy].label}. Install as ${CADDYFILE_PATH}; Caddy runs as ${t.proxyUser}, which must be able to read the static and media roots.`,
    ...(t.loadBalancer !== null
      ? [
          'Behind the load balancer: TLS ends at the ALB (an ACM certificate), so Caddy serves plain HTTP to it and gets no certificate itself.',
        ]
      : []),
    ...(t.tls.kind === 'managed'
      ? [`Automatic HTTPS: ${a.domain} must resolve to this server, with ports 80 and 443 open.`]
      : []),
    'Check and apply: caddy validate --adapter caddyfile --config /etc/caddy/Caddyfile && sudo systemctl reload caddy',
  ];
  return renderCaddyfile(
    conf(
      headerTexts(input, `Caddyfile for ${a.domain}: Gunicorn on ${t.socketPath}.`, notes).map(note),
      blank,
      globalOptions(input),
      block(
        siteAddress(input),
        t.listenAddress !== null && d('bind', t.listenAddress),
        t.tls.kind === 'files' && d('tls', t.tls.certPath, t.tls.keyPath),
        d('encode', 'zstd', 'gzip'),
        note(`Largest upload you expect (${fmt(a.maxUploadMb)} MB, read as MiB like nginx’s “m”).`),
        block('request_body', d('max_size', `${a.maxUploadMb}MiB`)),
        healthCheck(input),
        fileRoutes(input),
        block(
          'handle',
          note(
            'Caddy sets X-Forwarded-For/-Proto/-Host itself. Django: SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https").',
          ),
          block(
            ['reverse_proxy', `unix/${t.socketPath}`],
            clientAddress(input),
            block(
              ['transport', 'http'],
              note(
                `Idle upstream connections close after ${CADDY_UPSTREAM_KEEPALIVE_S} s, before Gunicorn’s keepalive (${plan.keepalive.value} s) does.`,
              ),
              d('keepalive', `${CADDY_UPSTREAM_KEEPALIVE_S}s`),
              note(plan.proxyReadTimeout.reason),
              d('response_header_timeout', `${plan.proxyReadTimeout.value}s`),
            ),
            buffering(input),
          ),
        ),
      ),
    ),
  );
}
