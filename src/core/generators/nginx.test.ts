import { describe, expect, it } from 'vitest';
import { generateNginxSite, upstreamName } from './nginx';
import { productionTarget, type DeployTarget } from './target';
import { recFor, WORKLOADS } from '../../testing/scenarios';

/** Lines without comments and blanks, trimmed. */
const code = (conf: string) =>
  conf
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

function site(over: Parameters<typeof recFor>[0] = {}, target: Partial<DeployTarget> = {}) {
  const rec = recFor({ proxy: 'nginx', ...over });
  return { rec, conf: generateNginxSite(rec, { ...productionTarget(rec), ...target }) };
}

describe('generateNginxSite', () => {
  it('turns on HTTP/2 with the listen flag for nginx 1.22 and with `http2 on;` for 1.25+', () => {
    const old = site().conf;
    expect(old).toContain('listen 443 ssl http2;');
    expect(old).not.toContain('http2 on;');
    const nu = site({}, { versions: { nginx: '1.25+', caddy: '2.6' } }).conf;
    expect(nu).toContain('listen 443 ssl;');
    expect(nu).toContain('http2 on;');
    expect(nu).not.toMatch(/listen [^;]*http2/);
  });

  it('proxies to the unix socket through an upstream, as Gunicorn’s deploy example does', () => {
    const { conf } = site({ djangoModule: 'shop.site' });
    expect(upstreamName('shop.site')).toBe('shop_site_gunicorn');
    expect(conf).toContain('upstream shop_site_gunicorn {');
    expect(conf).toContain('server unix:/run/gunicorn.sock fail_timeout=0;');
    expect(conf).toContain('proxy_pass http://shop_site_gunicorn;');
  });

  it('has a default server answering 444 on every port, without a certificate', () => {
    const { conf } = site();
    expect(conf).toContain('listen 80 default_server;');
    expect(conf).toContain('listen [::]:443 ssl http2 default_server;');
    expect(conf).toContain('ssl_reject_handshake on;');
    expect(conf).toContain('return 444;');
  });

  it('redirects HTTP to HTTPS and serves TLS with certbot’s files', () => {
    const { conf } = site({ domain: 'shop.example.org' });
    expect(conf).toContain('return 301 https://shop.example.org$request_uri;');
    expect(conf).toContain('ssl_certificate /etc/letsencrypt/live/shop.example.org/fullchain.pem;');
    expect(conf).toContain('ssl_certificate_key /etc/letsencrypt/live/shop.example.org/privkey.pem;');
  });

  it('uses given certificate files, ports and address (a test target)', () => {
    const { conf } = site(
      {},
      {
        listenAddress: '127.0.0.1',
        httpPort: 8080,
        httpsPort: 8443,
        tls: { kind: 'files', certPath: '/tmp/c.pem', keyPath: '/tmp/k.pem' },
      },
    );
    expect(conf).toContain('listen 127.0.0.1:8443 ssl http2;');
    expect(conf).toContain('return 301 https://example.com:8443$request_uri;');
    expect(conf).toContain('ssl_certificate /tmp/c.pem;');
    expect(conf).not.toContain('[::]');
  });

  it('serves plain HTTP with TLS off: no certificate, no redirect', () => {
    const { conf } = site({}, { tls: { kind: 'off' }, httpPort: 8080, listenAddress: '127.0.0.1' });
    expect(conf).not.toMatch(/ssl|return 301/);
    expect(code(conf).filter((l) => l.startsWith('listen'))).toEqual([
      'listen 127.0.0.1:8080 default_server;',
      'listen 127.0.0.1:8080;',
    ]);
  });

  it('serves /static/ and /media/ from the roots only when the proxy serves them', () => {
    const local = site({ staticFiles: 'proxy', staticRoot: '/srv/s', mediaRoot: '/srv/m' }).conf;
    expect(local).toContain('location /static/ {');
    expect(local).toContain('alias /srv/s/;');
    expect(local).toContain('alias /srv/m/;');
    const s3 = site({ staticFiles: 's3' }).conf;
    expect(s3).not.toMatch(/location \/(static|media)\/|alias/);
  });

  it('sets the upload limit, proxy headers, buffering, gzip and a read timeout above Gunicorn’s', () => {
    const { rec, conf } = site({ maxUploadMb: 250, ...WORKLOADS.sync });
    const p = rec.chosen.plan;
    expect(conf).toContain('client_max_body_size 250m;');
    for (const h of [
      'Host $host',
      'X-Real-IP $remote_addr',
      'X-Forwarded-For $proxy_add_x_forwarded_for',
      'X-Forwarded-Proto $scheme',
    ])
      expect(conf).toContain(`proxy_set_header ${h};`);
    expect(conf).toContain('proxy_buffering on;');
    expect(conf).toMatch(/gzip_types [^;]*text\/css/);
    expect(conf).toContain(`proxy_read_timeout ${p.proxyReadTimeout.value}s;`);
    expect(p.proxyReadTimeout.value).toBeGreaterThan(p.timeout.value);
  });
});
