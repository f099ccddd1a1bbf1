import * as z from 'zod/mini';
import { answersSchema, type Answers } from '../answers';
import type { GunicornPlan } from '../gunicorn';
import type { Recommendation } from '../recommend';
import { cidrSchema, domainSchema, pathSchema, userSchema } from '../safeText';
import { CADDY_VERSIONS, DEBIAN_VERSIONS, NGINX_VERSIONS } from './serverVersions';

const port = z.int().check(z.minimum(1), z.maximum(65_535));
// A dotted IPv4 address; null in a target means every address, IPv4 and IPv6.
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const keysOf = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/**
 * Everything that differs between a production server and a test run. Free text goes through the same
 * strict schemas as the answers (safeText.ts), so no value here can add a line or a block to a config.
 */
export const deployTargetSchema = z
  .object({
    socketPath: pathSchema('Socket path'),
    staticRoot: pathSchema('Static root'),
    mediaRoot: pathSchema('Media root'),
    listenAddress: z.nullable(
      z.string().check(z.regex(IPV4, { error: 'Listen address must be an IPv4 address.' })),
    ),
    httpPort: port,
    httpsPort: port,
    /** managed: certbot's files for Nginx, automatic HTTPS for Caddy. files: given paths. off: plain HTTP. */
    tls: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('managed') }),
      z.object({
        kind: z.literal('files'),
        certPath: pathSchema('Certificate path'),
        keyPath: pathSchema('Key path'),
      }),
      z.object({ kind: z.literal('off') }),
    ]),
    proxyUser: userSchema,
    appUser: userSchema,
    logDir: pathSchema('Log directory'),
    venvPath: pathSchema('Virtualenv path'),
    gunicornConfPath: pathSchema('Gunicorn config path'),
    /** Caddy's admin endpoint: Caddy's default (localhost:2019, which `systemctl reload caddy` uses), off, or a local port. */
    caddyAdmin: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('default') }),
      z.object({ kind: z.literal('off') }),
      z.object({ kind: z.literal('local'), port }),
    ]),
    /** The permalink URL printed in headers; dropped (not an error) unless it is made of URL characters only. */
    permalink: z.nullable(z.string()),
    versions: z.object({ nginx: z.enum(keysOf(NGINX_VERSIONS)), caddy: z.enum(keysOf(CADDY_VERSIONS)) }),
    /**
     * Behind a load balancer: the proxy serves plain HTTP on httpPort (the target group's port), answers the
     * health check, and believes X-Forwarded-For only from `trustedCidr` (where the load balancer connects
     * from). null: the box faces the clients itself.
     */
    loadBalancer: z.nullable(z.object({ trustedCidr: cidrSchema })),
    /** PgBouncer on each web box (used when the plan pools connections): where it listens and keeps its files. */
    pgbouncer: z.object({
      port,
      authFile: pathSchema('PgBouncer auth file'),
      logFile: pathSchema('PgBouncer log file'),
      runDir: pathSchema('PgBouncer run directory'),
      /** The database PgBouncer connects to: a host name (the RDS endpoint) or an IPv4 address. */
      dbHost: z.union([
        z.string().check(z.regex(IPV4, { error: 'Database host must be a host name or an IPv4 address.' })),
        domainSchema,
      ]),
      dbPort: port,
    }),
  })
  .check(
    z.refine((t) => t.tls.kind === 'off' || t.httpPort !== t.httpsPort, {
      error: 'HTTP and HTTPS need different ports.',
    }),
    z.refine((t) => t.loadBalancer === null || t.tls.kind === 'off', {
      error: 'Behind a load balancer TLS ends there: the box serves plain HTTP (tls off).',
      path: ['tls'],
    }),
    z.refine((t) => t.gunicornConfPath.endsWith('.py'), {
      error: 'Gunicorn config path must end in .py (gunicorn 20.1 warns about any other name).',
      path: ['gunicornConfPath'],
    }),
  );

export type DeployTarget = z.infer<typeof deployTargetSchema>;
export type TlsMode = DeployTarget['tls'];
export type CaddyAdmin = DeployTarget['caddyAdmin'];

export const DEFAULT_SOCKET_PATH = '/run/gunicorn.sock';
export const DEFAULT_LOG_DIR = '/var/log/gunicorn';
// The users Debian's packages run the proxies as (../shared/reference/sizing-facts.md: nginx → www-data, caddy →
// caddy).
export const PROXY_USERS = { nginx: 'www-data', caddy: 'caddy' } as const;

// PgBouncer's port (its default) and Debian's paths for the pgbouncer package.
export const PGBOUNCER_PORT = 6432;
export const DEBIAN_PGBOUNCER = {
  authFile: '/etc/pgbouncer/userlist.txt',
  logFile: '/var/log/postgresql/pgbouncer.log',
  runDir: '/var/run/postgresql',
} as const;
// RFC 2606 reserves .invalid: a name that can never resolve stands for the RDS endpoint the user fills in.
export const RDS_ENDPOINT_PLACEHOLDER = 'your-rds-endpoint.invalid';

/**
 * The target for a real server: Debian's users, versions and paths. One box: certbot / automatic HTTPS on
 * 80/443. Behind a load balancer: plain HTTP on the target group's port, TLS at the ALB.
 */
export function productionTarget(rec: Recommendation, permalink: string | null = null): DeployTarget {
  const a = rec.answers;
  const lb = rec.fleet.lb;
  return {
    socketPath: DEFAULT_SOCKET_PATH,
    staticRoot: a.staticRoot,
    mediaRoot: a.mediaRoot,
    listenAddress: null,
    httpPort: lb.behind.value ? lb.targetPort.value : 80,
    httpsPort: 443,
    tls: lb.behind.value ? { kind: 'off' } : { kind: 'managed' },
    loadBalancer: lb.behind.value ? { trustedCidr: lb.trustedSubnet.value } : null,
    pgbouncer: {
      port: PGBOUNCER_PORT,
      ...DEBIAN_PGBOUNCER,
      dbHost: a.dbLocation === 'here' ? '127.0.0.1' : RDS_ENDPOINT_PLACEHOLDER,
      dbPort: 5432,
    },
    proxyUser: PROXY_USERS[a.proxy],
    appUser: a.appUser,
    logDir: DEFAULT_LOG_DIR,
    venvPath: `${a.appDir}/venv`,
    gunicornConfPath: `${a.appDir}/gunicorn.conf.py`,
    caddyAdmin: { kind: 'default' },
    permalink,
    versions: DEBIAN_VERSIONS,
  };
}

// RFC 3986's unreserved and reserved characters plus "%": what encodePermalink can produce, minus quotes.
const URL_SAFE = /^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]{1,2000}$/;

/** The permalink when it is safe to print in a comment, else null. */
export function safePermalink(url: string | null): string | null {
  return url !== null && URL_SAFE.test(url) ? url : null;
}

/** The only values a generator reads: answers and target, both re-validated here. */
export interface GenInput {
  rec: Recommendation;
  a: Answers;
  plan: GunicornPlan;
  t: DeployTarget;
  permalink: string | null;
}

/** Validates answers and target; throws an Error naming the first invalid value. */
export function checkedInput(rec: Recommendation, target: DeployTarget): GenInput {
  const a = answersSchema.safeParse(rec.answers);
  if (!a.success) throw new Error(`Invalid answers: ${a.error.issues[0]?.message ?? 'unknown problem'}`);
  const t = deployTargetSchema.safeParse(target);
  if (!t.success) {
    const issue = t.error.issues[0];
    throw new Error(`Invalid deploy target at ${issue?.path.join('.') || 'root'}: ${issue?.message}`);
  }
  return { rec, a: a.data, plan: rec.chosen.plan, t: t.data, permalink: safePermalink(t.data.permalink) };
}
