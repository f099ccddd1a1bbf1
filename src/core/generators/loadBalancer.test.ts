// The configs behind a load balancer: the target says so (loadBalancer), the text follows. Tests vary the
// target and the answers, never the text.
import { describe, expect, it } from 'vitest';
import { basename, setupSteps } from '../setupSteps';
import { generateAll } from './bundle';
import { generateCaddyfile } from './caddy';
import { generateDjangoDatabase } from './djangoDatabase';
import { generateLbModule } from './djangoLb';
import { generateGunicornConf } from './gunicornConf';
import { generateNginxSite } from './nginx';
import { generatePgbouncerIni } from './pgbouncerIni';
import { productionTarget } from './target';
import { SCENARIOS } from '../../testing/fixtures';

/** The file without its comment lines: what the server reads. */
const code = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
import { recFor } from '../../testing/scenarios';

const fleet = (over = {}) => recFor({ ...SCENARIOS.scaleOut, ...over });

describe('nginx behind the load balancer', () => {
  const rec = fleet({ lbSubnet: '10.20.0.0/16' });
  const site = generateNginxSite(rec, productionTarget(rec));

  it('plain HTTP on the target group’s port, no certificate, no catch-all that answers health checks with nothing', () => {
    expect(site).toContain('    listen 80 default_server;\n');
    expect(code(site)).not.toMatch(/ssl|443|letsencrypt|return 444/);
  });

  it('the client’s address from X-Forwarded-For, only from the ALB’s subnet; the proxy keeps idle connections past 60 s', () => {
    expect(site).toContain(
      '    set_real_ip_from 10.20.0.0/16;\n    real_ip_header X-Forwarded-For;\n    real_ip_recursive on;\n',
    );
    expect(site).toContain('    keepalive_timeout 75s;\n');
    expect(site).toContain(
      'geo $realip_remote_addr $mysite_from_lb {\n    default 0;\n    10.20.0.0/16 1;\n}',
    );
    expect(site).toContain('proxy_set_header X-Forwarded-Proto $mysite_forwarded_proto;');
  });

  it('answers /healthz itself, or sends it to Django with the Host Django knows', () => {
    expect(site).toMatch(
      /location = \/healthz \{\n\s+access_log off;\n\s+default_type text\/plain;\n\s+return 200 ok;/,
    );
    const dj = fleet({ healthCheck: 'django', domain: 'shop.example.org' });
    const djSite = generateNginxSite(dj, productionTarget(dj));
    expect(djSite).toMatch(
      /location = \/healthz \{[^}]*proxy_pass http:\/\/mysite_gunicorn;[^}]*proxy_set_header Host shop\.example\.org;/,
    );
    expect(djSite).not.toContain('return 200 ok');
  });

  it('one box without a load balancer keeps TLS, certbot’s paths and the 444 catch-all', () => {
    const one = recFor();
    const s = generateNginxSite(one, productionTarget(one));
    expect(s).toContain('return 444');
    expect(s).not.toMatch(/set_real_ip_from|healthz/);
  });
});

describe('Caddy behind the load balancer', () => {
  const rec = fleet({ proxy: 'caddy' });
  const file = generateCaddyfile(rec, productionTarget(rec));

  it('every Host on plain HTTP, no automatic HTTPS, idle connections kept 75 s', () => {
    expect(file).toContain('\nhttp://:80 {\n');
    expect(file).toContain('\tservers {\n\t\ttimeouts {\n\t\t\tidle 75s\n\t\t}\n\t}\n');
    expect(code(file)).not.toMatch(/\btls\b|443|example\.com/);
  });

  it('trusts X-Forwarded-For from the ALB’s subnet only (Caddy 2.6: reverse_proxy’s trusted_proxies), no X-Real-IP of the ALB', () => {
    expect(file).toContain('\t\t\ttrusted_proxies 172.31.0.0/16\n');
    expect(file).not.toContain('X-Real-IP');
    expect(file).toContain('\thandle /healthz {\n\t\trespond ok 200\n\t}\n');
  });
});

describe('the other files behind the load balancer', () => {
  it('gunicorn keeps forwarded_allow_ips to the local proxy and says why', () => {
    const rec = fleet();
    const conf = generateGunicornConf(rec, productionTarget(rec));
    expect(conf).toContain("forwarded_allow_ips = '127.0.0.1'");
    expect(conf).toContain('only 172.31.0.0/16');
  });

  it('loadbalancer.py trusts the subnet from the target; the health view only when Django answers it', () => {
    const rec = fleet();
    const t = { ...productionTarget(rec), loadBalancer: { trustedCidr: '127.0.0.0/8' } };
    const py = generateLbModule(rec, t);
    expect(py).toContain("TRUSTED = (ipaddress.ip_network('127.0.0.0/8'),)");
    expect(py).not.toContain('def healthz');
    const dj = fleet({ healthCheck: 'django' });
    expect(generateLbModule(dj, productionTarget(dj))).toContain('def healthz(request):');
  });

  it('the bundle adds loadbalancer.py behind a load balancer, and PgBouncer’s files only when the plan pools', () => {
    const names = (r: ReturnType<typeof fleet>) => generateAll(r, productionTarget(r)).map((f) => f.name);
    expect(names(recFor())).not.toContain('loadbalancer.py');
    expect(names(fleet())).toEqual([
      'gunicorn.conf.py',
      'example.com (nginx site)',
      'gunicorn.socket',
      'gunicorn.service',
      'loadbalancer.py',
    ]);
    expect(names(fleet({ concurrentUsers: 100_000 }))).toEqual([
      ...names(fleet()),
      'pgbouncer.ini',
      'database_settings.py',
    ]);
  });

  it('setup steps: no certbot, ACM and a target group on /healthz, the group’s min, max and CPU target', () => {
    const rec = fleet();
    const t = productionTarget(rec);
    const steps = setupSteps(rec, t, generateAll(rec, t));
    const text = JSON.stringify(steps);
    expect(steps.flatMap((s) => s.commands).join('\n')).not.toContain('certbot');
    expect(text).toContain('aws acm request-certificate --domain-name example.com');
    expect(text).toContain('--port 80 --vpc-id VPC_ID --health-check-path /healthz');
    // 45 boxes + 1 spare; 2 × 45 + 1 = 91, which the database's 4,997 connections hold at 34 a box
    expect(text).toContain('--min-size 46 --max-size 91');
    expect(text).toContain('\\"TargetValue\\":60');
    // One box still gets certbot.
    const one = recFor();
    const t1 = productionTarget(one);
    expect(JSON.stringify(setupSteps(one, t1, generateAll(one, t1)))).toContain('certbot certonly');
  });
});

describe('PgBouncer’s files', () => {
  const rec = fleet({ concurrentUsers: 100_000 });
  const t = productionTarget(rec);

  it('pgbouncer.ini: transaction pooling and the plan’s pool sizes, listening on 127.0.0.1 only', () => {
    const ini = generatePgbouncerIni(rec, t);
    expect(ini).toContain('[databases]\n');
    expect(ini).toContain('\nmysite = host=your-rds-endpoint.invalid port=5432 dbname=mysite\n');
    for (const line of [
      'listen_addr = 127.0.0.1',
      'listen_port = 6432',
      'pool_mode = transaction',
      'default_pool_size = 5',
      'max_db_connections = 5',
      'max_client_conn = 68', // 2 × (17 gthread workers × 2 threads)
      'reserve_pool_size = 0',
      'auth_type = scram-sha-256',
      'server_tls_sslmode = require',
    ])
      expect(ini).toContain(`\n${line}\n`);
    // Every line is a comment, a section, a key = value or blank.
    for (const l of ini.split('\n')) expect(l).toMatch(/^(#.*|\[[a-z]+\]|[a-z_]+ = [A-Za-z0-9_.:/@*= -]+|)$/);
  });

  it('refuses a database host that would change the file, and refuses to write for a plan without PgBouncer', () => {
    expect(() =>
      generatePgbouncerIni(rec, { ...t, pgbouncer: { ...t.pgbouncer, dbHost: 'db\nlisten_addr=*' } }),
    ).toThrow(/dbHost/);
    const small = recFor();
    expect(() => generatePgbouncerIni(small, productionTarget(small))).toThrow(/needs no PgBouncer/);
  });

  it('database_settings.py: Django to the local PgBouncer, server-side cursors off', () => {
    const py = generateDjangoDatabase(rec, t);
    expect(py).toContain("'HOST': '127.0.0.1',\n        'PORT': '6432',");
    expect(py).toContain("'CONN_MAX_AGE': 60,");
    expect(py).toContain("'DISABLE_SERVER_SIDE_CURSORS': True,");
    const steps = setupSteps(rec, t, generateAll(rec, t));
    expect(steps.map((s) => s.title)).toContain('Start PgBouncer on this box');
    expect(steps[1]!.commands).toContain(`sudo install -m 644 pgbouncer.ini /etc/pgbouncer/pgbouncer.ini`);
    expect(basename({ name: 'x', path: '/a/b.ini', language: 'ini', content: '' })).toBe('b.ini');
  });
});
