import type { Recommendation } from '../recommend';
import { checkedInput, RDS_ENDPOINT_PLACEHOLDER, type DeployTarget } from './target';
import { comment, header } from './text';

export const PGBOUNCER_INI_PATH = '/etc/pgbouncer/pgbouncer.ini';
// A value or key PgBouncer reads as one word: no spaces, ';', '#', '=' in values, quotes or line breaks.
const INI_WORD = /^[A-Za-z0-9_.:/@*-]+$/;

type Entry = [key: string, value: string | number, why?: string];

function word(w: string): string {
  if (!INI_WORD.test(w))
    throw new Error(`Refusing ${JSON.stringify(w)} in pgbouncer.ini: it would change the structure.`);
  return w;
}

/** `[name]` and its `key = value` lines, each under its reason. A value is one word or `k=v` words. */
function section(name: string, entries: Entry[]): string[] {
  const out = [`[${word(name)}]`];
  for (const [key, value, why] of entries) {
    const v =
      typeof value === 'number'
        ? word(String(value))
        : value
            .split(' ')
            .map((part) => part.split('=').map(word).join('='))
            .join(' ');
    if (why) out.push(comment(why));
    out.push(`${word(key)} = ${v}`);
  }
  return out;
}

/** The database name and role Django uses: the project module's last part (mysite). */
export const dbNameFor = (module: string) => module.slice(module.lastIndexOf('.') + 1).toLowerCase();

/** pgbouncer.ini for PgBouncer 1.18 (Debian 12) on one web box; throws when the plan does not pool. */
export function generatePgbouncerIni(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { a, t } = input;
  const p = rec.pgbouncer;
  if (!p) throw new Error('This plan needs no PgBouncer: its connections fit the database.');
  const pb = t.pgbouncer;
  const db = dbNameFor(a.djangoModule);
  const lines = [
    ...header(input, `PgBouncer 1.18 on each web box, in front of ${t.pgbouncer.dbHost}.`, [
      `Install as ${PGBOUNCER_INI_PATH} (Debian’s pgbouncer package), then: sudo systemctl restart pgbouncer`,
      `${pb.authFile} holds the role and its password: "${db}" "SCRAM-SHA-256$…" (from pg_authid / pg_shadow) or the password itself; owned by postgres, mode 0640.`,
      `Why: ${rec.connections.total.value} connections across the deployment pass the database’s ${rec.database.usable} (${rec.database.maxConnections.reason})`,
    ]),
    ...section('databases', [
      [
        db,
        `host=${pb.dbHost} port=${pb.dbPort} dbname=${db}`,
        `Django’s database; ${pb.dbHost === RDS_ENDPOINT_PLACEHOLDER ? 'replace the host with your RDS endpoint' : 'the database server'}.`,
      ],
    ]),
    '',
    ...section('pgbouncer', [
      ['listen_addr', '127.0.0.1', 'Only this box’s Django connects; nothing from the network.'],
      ['listen_port', pb.port, 'PgBouncer’s default port; Django’s PORT.'],
      ['unix_socket_dir', pb.runDir],
      ['pidfile', `${pb.runDir}/pgbouncer.pid`],
      ['logfile', pb.logFile],
      ['auth_type', 'scram-sha-256', 'PostgreSQL 14+ and RDS store passwords as SCRAM by default.'],
      ['auth_file', pb.authFile],
      ['pool_mode', p.poolMode.value, p.poolMode.reason],
      ['default_pool_size', p.defaultPoolSize.value, p.defaultPoolSize.reason],
      ['max_db_connections', p.maxDbConnections.value, p.maxDbConnections.reason],
      ['reserve_pool_size', p.reservePoolSize.value, p.reservePoolSize.reason],
      ['max_client_conn', p.maxClientConn.value, p.maxClientConn.reason],
      [
        'server_tls_sslmode',
        pb.dbHost === '127.0.0.1' ? 'disable' : 'require',
        pb.dbHost === '127.0.0.1'
          ? 'PostgreSQL on this box: no network to encrypt.'
          : 'RDS accepts TLS; the password and data cross the VPC encrypted.',
      ],
    ]),
  ];
  return `${lines.join('\n')}\n`;
}
