import { describe, expect, it } from 'vitest';
import { encodePermalink } from '../permalink';
import { DEBIAN_VERSIONS } from './serverVersions';
import { checkedInput, productionTarget, safePermalink, type DeployTarget } from './target';
import { recFor } from '../../testing/scenarios';

describe('productionTarget', () => {
  it('uses Debian’s users and versions and the answers’ paths', () => {
    const rec = recFor({ appDir: '/opt/shop', staticRoot: '/var/www/static', mediaRoot: '/var/www/media' });
    expect(productionTarget(rec)).toEqual({
      socketPath: '/run/gunicorn.sock',
      staticRoot: '/var/www/static',
      mediaRoot: '/var/www/media',
      listenAddress: null,
      httpPort: 80,
      httpsPort: 443,
      tls: { kind: 'managed' },
      proxyUser: 'www-data',
      appUser: 'django',
      logDir: '/var/log/gunicorn',
      venvPath: '/opt/shop/venv',
      gunicornConfPath: '/opt/shop/gunicorn.conf.py',
      caddyAdmin: { kind: 'default' },
      permalink: null,
      versions: DEBIAN_VERSIONS,
      loadBalancer: null,
      pgbouncer: {
        port: 6432,
        authFile: '/etc/pgbouncer/userlist.txt',
        logFile: '/var/log/postgresql/pgbouncer.log',
        runDir: '/var/run/postgresql',
        dbHost: 'your-rds-endpoint.invalid',
        dbPort: 5432,
      },
    } satisfies DeployTarget);
  });

  it('behind a load balancer: plain HTTP on the target group’s port, the ALB’s subnet trusted, no certbot', () => {
    const one = productionTarget(recFor({ lb: 'alb', lbSubnet: '10.1.0.0/16' }));
    expect([one.tls, one.httpPort, one.loadBalancer]).toEqual([
      { kind: 'off' },
      80,
      { trustedCidr: '10.1.0.0/16' },
    ]);
    // 'auto' puts a fleet behind the ALB and leaves one box facing the clients.
    expect(productionTarget(recFor({ lb: 'auto' })).loadBalancer).toBeNull();
    expect(productionTarget(recFor({ lb: 'auto', concurrentUsers: 10_000 })).loadBalancer).toEqual({
      trustedCidr: '172.31.0.0/16',
    });
    // PostgreSQL "on this box" behind the ALB moves to RDS (each box would hold its own database): PgBouncer
    // (if any) connects to the RDS endpoint, not to the box.
    const moved = recFor({ lb: 'alb', dbLocation: 'here' });
    expect(moved.answers.dbLocation).toBe('managed');
    expect(productionTarget(moved).pgbouncer.dbHost).toBe('your-rds-endpoint.invalid');
  });

  it('runs the socket for Caddy’s user when the proxy is Caddy', () => {
    expect(productionTarget(recFor({ proxy: 'caddy' })).proxyUser).toBe('caddy');
  });
});

describe('checkedInput', () => {
  const rec = recFor();
  const prod = productionTarget(rec);
  const refused: Array<[string, Partial<DeployTarget>, RegExp]> = [
    ['a socket path with a line break', { socketPath: '/run/x.sock\nlocation' }, /socketPath.*line break/],
    ['a proxy user with a semicolon', { proxyUser: 'www-data;' }, /proxyUser/],
    [
      'a certificate path with a space',
      { tls: { kind: 'files', certPath: '/a b', keyPath: '/k' } },
      /certPath/,
    ],
    ['a listen address that is not an IPv4 address', { listenAddress: '127.0.0.1; evil' }, /listenAddress/],
    ['port 0', { httpPort: 0 }, /httpPort/],
    ['port 70000', { httpsPort: 70_000 }, /httpsPort/],
    ['the same port for HTTP and HTTPS', { httpPort: 8443, httpsPort: 8443 }, /different ports/],
    ['a gunicorn config not ending in .py', { gunicornConfPath: '/srv/mysite/gunicorn.conf' }, /\.py/],
    [
      'TLS on the box behind a load balancer',
      { loadBalancer: { trustedCidr: '10.0.0.0/8' } },
      /tls.*plain HTTP/,
    ],
    [
      'a trusted subnet that is no CIDR',
      { tls: { kind: 'off' }, loadBalancer: { trustedCidr: '10.0.0.0' } },
      /trustedCidr/,
    ],
    ['a database host with a semicolon', { pgbouncer: { ...prod.pgbouncer, dbHost: 'db;x' } }, /dbHost/],
    ['an unknown nginx version', { versions: { nginx: '1.18' as '1.22', caddy: '2.6' } }, /versions\.nginx/],
  ];
  it.each(refused)('refuses %s', (_, over, message) => {
    expect(() => checkedInput(rec, { ...prod, ...over })).toThrow(message);
  });

  it('allows one port for both when TLS is off', () => {
    expect(() => checkedInput(rec, { ...prod, tls: { kind: 'off' }, httpsPort: 80 })).not.toThrow();
  });

  it('re-validates the answers: a value changed after recommend() is refused', () => {
    const tampered = { ...rec, answers: { ...rec.answers, domain: 'example.com;\nevil' } };
    expect(() => checkedInput(tampered, prod)).toThrow(/Domain/);
  });
});

describe('safePermalink', () => {
  it('keeps links that encodePermalink makes', () => {
    for (const over of [{}, { proxy: 'caddy', concurrentUsers: 900 }, { appDir: '/opt/a_b-c.d' }] as const) {
      const url = `https://rightsize.example/app/?${encodePermalink(recFor(over).answers)}`;
      expect(safePermalink(url)).toBe(url);
    }
  });

  it.each([
    'https://x.example/?a=b\n# injected',
    'https://x.example/?a=b c',
    "https://x.example/?a='b'",
    'https://x.example/?a="b"',
    'https://x.example/?a=`b`',
    'https://x.example/?a=<b>',
    'https://x.example/?a=b\u2028c',
    'https://x.example/?a=\u202eb',
    'javascript:alert(1)',
    '',
    `https://x.example/?${'a'.repeat(2001)}`,
  ])('drops %j', (url) => {
    expect(safePermalink(url)).toBeNull();
  });

  it('drops null', () => {
    expect(safePermalink(null)).toBeNull();
  });
});
