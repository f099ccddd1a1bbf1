import { describe, expect, it } from 'vitest';
import { CADDY_UPSTREAM_KEEPALIVE_S } from '../gunicorn';
import { CADDY_MAX_BUFFER_MIB, generateCaddyfile } from './caddy';
import { productionTarget, type DeployTarget } from './target';
import { recFor, WORKLOADS } from '../../testing/scenarios';

const code = (conf: string) =>
  conf
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

function caddyfile(over: Parameters<typeof recFor>[0] = {}, target: Partial<DeployTarget> = {}) {
  const rec = recFor({ proxy: 'caddy', ...over });
  return { rec, conf: generateCaddyfile(rec, { ...productionTarget(rec), ...target }) };
}

describe('generateCaddyfile', () => {
  it('uses the domain as site address in production (automatic HTTPS), with no global options', () => {
    const { conf } = caddyfile({ domain: 'shop.example.org' });
    expect(code(conf)[0]).toBe('shop.example.org {');
    expect(conf).not.toMatch(/admin|http_port|https_port|\btls\b|bind/);
  });

  it('proxies to the unix socket in Caddy’s syntax, idle connections closing before Gunicorn’s', () => {
    const { rec, conf } = caddyfile();
    expect(conf).toContain('reverse_proxy unix//run/gunicorn.sock {');
    expect(conf).toContain(`keepalive ${CADDY_UPSTREAM_KEEPALIVE_S}s`);
    expect(rec.chosen.plan.keepalive.value).toBeGreaterThan(CADDY_UPSTREAM_KEEPALIVE_S);
    expect(conf).toContain(`response_header_timeout ${rec.chosen.plan.proxyReadTimeout.value}s`);
    expect(conf).toContain('header_up X-Real-IP {remote_host}');
  });

  it('compresses and limits uploads', () => {
    const { conf } = caddyfile({ maxUploadMb: 250 });
    expect(conf).toContain('encode zstd gzip');
    expect(code(conf)).toEqual(expect.arrayContaining(['request_body {', 'max_size 250MiB']));
  });

  it('buffers for sync workers with Caddy 2.6’s directives', () => {
    const { conf } = caddyfile({ ...WORKLOADS.sync, maxUploadMb: 10 });
    expect(code(conf)).toEqual(
      expect.arrayContaining(['buffer_requests', 'buffer_responses', 'max_buffer_size 10MiB']),
    );
    expect(conf).not.toMatch(/request_buffers|response_buffers/);
  });

  it('buffers for sync workers with Caddy 2.7+’s renamed, sized directives, capped', () => {
    const { conf } = caddyfile(
      { ...WORKLOADS.sync, maxUploadMb: 500 },
      { versions: { nginx: '1.22', caddy: '2.7+' } },
    );
    const size = `${CADDY_MAX_BUFFER_MIB}MiB`;
    expect(code(conf)).toEqual(
      expect.arrayContaining([`request_buffers ${size}`, `response_buffers ${size}`]),
    );
    expect(conf).not.toMatch(/buffer_requests|buffer_responses|max_buffer_size/);
  });

  it.each(['gthread', 'asgi'] as const)('does not buffer for %s workers', (w) => {
    expect(caddyfile(WORKLOADS[w]).conf).not.toMatch(/buffer/);
  });

  it('serves /static/ and /media/ from the roots only when the proxy serves them', () => {
    const local = code(caddyfile({ staticFiles: 'proxy', staticRoot: '/srv/s', mediaRoot: '/srv/m' }).conf);
    expect(local).toEqual(
      expect.arrayContaining([
        'handle_path /static/* {',
        'root * /srv/s',
        'handle_path /media/* {',
        'root * /srv/m',
        'file_server',
      ]),
    );
    expect(caddyfile({ staticFiles: 's3' }).conf).not.toMatch(/handle_path|file_server/);
  });

  it('takes certificate files, ports and address from a test target', () => {
    const { conf } = caddyfile(
      {},
      {
        listenAddress: '127.0.0.1',
        httpPort: 8080,
        httpsPort: 8443,
        tls: { kind: 'files', certPath: '/tmp/c.pem', keyPath: '/tmp/k.pem' },
        caddyAdmin: { kind: 'off' },
      },
    );
    expect(code(conf).slice(0, 7)).toEqual([
      '{',
      'admin off',
      'http_port 8080',
      'https_port 8443',
      '}',
      'example.com:8443 {',
      'bind 127.0.0.1',
    ]);
    expect(conf).toContain('tls /tmp/c.pem /tmp/k.pem');
  });

  it('serves plain HTTP with TLS off, and can put the admin API on a local port', () => {
    const { conf } = caddyfile(
      {},
      { tls: { kind: 'off' }, httpPort: 8080, caddyAdmin: { kind: 'local', port: 2999 } },
    );
    expect(code(conf).slice(0, 4)).toEqual(['{', 'admin 127.0.0.1:2999', '}', 'http://example.com:8080 {']);
  });
});
