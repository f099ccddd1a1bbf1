import { CADDY_UPSTREAM_KEEPALIVE_S } from '../gunicorn';
import type { Recommendation } from '../recommend';
import { CADDY_VERSIONS } from './serverVersions';
import { checkedInput, type DeployTarget, type GenInput } from './target';
import { comment, header } from './text';

// Caddyfile convention (and `caddy fmt`): tabs.
const IN = '\t';
// Cap on what Caddy holds in memory per buffered request or response (MiB); a larger body streams past it.
export const CADDY_MAX_BUFFER_MIB = 64;

export const CADDYFILE_PATH = '/etc/caddy/Caddyfile';

function globalOptions(input: GenInput): string[] {
  const { t } = input;
  const opts: string[] = [];
  if (t.caddyAdmin.kind === 'off') opts.push(`${IN}admin off`);
  if (t.caddyAdmin.kind === 'local') opts.push(`${IN}admin 127.0.0.1:${t.caddyAdmin.port}`);
  if (t.tls.kind !== 'off') {
    // Automatic HTTPS redirects from http_port and serves on https_port; say so when they are not 80/443.
    if (t.httpPort !== 80) opts.push(`${IN}http_port ${t.httpPort}`);
    if (t.httpsPort !== 443) opts.push(`${IN}https_port ${t.httpsPort}`);
  }
  return opts.length ? ['{', ...opts, '}', ''] : [];
}

function siteAddress(input: GenInput): string {
  const { a, t } = input;
  if (t.tls.kind === 'off') return `http://${a.domain}${t.httpPort === 80 ? '' : `:${t.httpPort}`}`;
  return `${a.domain}${t.httpsPort === 443 ? '' : `:${t.httpsPort}`}`;
}

function fileRoutes(input: GenInput): string[] {
  const { a, t } = input;
  if (a.staticFiles !== 'proxy')
    return [comment('Static and media files are served from S3: none here.', IN)];
  return [
    comment('collectstatic’s output, served without waking a Gunicorn worker.', IN),
    `${IN}handle_path /static/* {`,
    `${IN}${IN}root * ${t.staticRoot}`,
    `${IN}${IN}file_server`,
    `${IN}}`,
    `${IN}handle_path /media/* {`,
    `${IN}${IN}root * ${t.mediaRoot}`,
    comment('Uploads are served as data: browsers must not sniff them into HTML or scripts.', IN + IN),
    `${IN}${IN}header X-Content-Type-Options nosniff`,
    `${IN}${IN}file_server`,
    `${IN}}`,
  ];
}

function buffering(input: GenInput): string[] {
  const { a, plan, t } = input;
  const I3 = IN + IN + IN;
  if (plan.workerClass.value !== 'sync')
    return [comment(`${plan.workerClass.value} workers keep serving while a slow client trickles.`, I3)];
  const b = CADDY_VERSIONS[t.versions.caddy].buffering;
  const size = `${Math.min(a.maxUploadMb, CADDY_MAX_BUFFER_MIB)}MiB`;
  return [
    comment(
      'Sync workers must sit behind a buffering proxy (Gunicorn’s design doc): a slow client would hold a worker.',
      I3,
    ),
    ...(b.sized
      ? [`${I3}${b.request} ${size}`, `${I3}${b.response} ${size}`]
      : [`${I3}${b.request}`, `${I3}${b.response}`, ...(b.limit ? [`${I3}${b.limit} ${size}`] : [])]),
  ];
}

/** The Caddyfile (/etc/caddy/Caddyfile on Debian) for this app. */
export function generateCaddyfile(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { a, t, plan } = input;
  const I2 = IN + IN;
  const I3 = I2 + IN;
  const notes = [
    `For ${CADDY_VERSIONS[t.versions.caddy].label}. Install as ${CADDYFILE_PATH}; Caddy runs as ${t.proxyUser}, which must be able to read the static and media roots.`,
    ...(t.tls.kind === 'managed'
      ? [`Automatic HTTPS: ${a.domain} must resolve to this server, with ports 80 and 443 open.`]
      : []),
    'Check and apply: caddy validate --adapter caddyfile --config /etc/caddy/Caddyfile && sudo systemctl reload caddy',
  ];
  const lines = [
    ...header(input, `Caddyfile for ${a.domain}: Gunicorn on ${t.socketPath}.`, notes),
    '',
    ...globalOptions(input),
    `${siteAddress(input)} {`,
    ...(t.listenAddress !== null ? [`${IN}bind ${t.listenAddress}`] : []),
    ...(t.tls.kind === 'files' ? [`${IN}tls ${t.tls.certPath} ${t.tls.keyPath}`] : []),
    `${IN}encode zstd gzip`,
    comment(`Largest upload you expect (${a.maxUploadMb} MB, read as MiB like nginx’s “m”).`, IN),
    `${IN}request_body {`,
    `${I2}max_size ${a.maxUploadMb}MiB`,
    `${IN}}`,
    ...fileRoutes(input),
    `${IN}handle {`,
    comment(
      'Caddy sets X-Forwarded-For/-Proto/-Host itself. Django: SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https").',
      I2,
    ),
    `${I2}reverse_proxy unix/${t.socketPath} {`,
    `${I3}header_up X-Real-IP {remote_host}`,
    `${I3}transport http {`,
    comment(
      `Idle upstream connections close after ${CADDY_UPSTREAM_KEEPALIVE_S} s, before Gunicorn’s keepalive (${plan.keepalive.value} s) does.`,
      I3 + IN,
    ),
    `${I3}${IN}keepalive ${CADDY_UPSTREAM_KEEPALIVE_S}s`,
    comment(plan.proxyReadTimeout.reason, I3 + IN),
    `${I3}${IN}response_header_timeout ${plan.proxyReadTimeout.value}s`,
    `${I3}}`,
    ...buffering(input),
    `${I2}}`,
    `${IN}}`,
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
