// PgBouncer on each web box, when the deployment opens more PostgreSQL connections than the database accepts.
// Defaults and meanings: ../shared/reference/aws-services.md ("PgBouncer defaults", pgbouncer doc/config.md). One
// PgBouncer per box (not one shared): no single point of failure, no single-threaded process carrying the whole
// fleet, and a new box of the Auto Scaling group brings its own. The price: the per-box pools must share the
// database's connections among the most boxes the group may run.
import type { Answers } from './answers';
import { RDS_MAX_CONNECTIONS_CAP, type DatabaseLimit, type FleetConnections } from './connections';
import type { Demand } from './demand';
import { fmt, r, type Reasoned } from './reasoned';

export interface PgBouncerPlan {
  poolMode: Reasoned<'transaction'>;
  /** Server connections per (database, user) pair on one box. */
  defaultPoolSize: Reasoned<number>;
  /** Server connections to the database from one box, all pairs together. */
  maxDbConnections: Reasoned<number>;
  /** Client connections one box's PgBouncer accepts. */
  maxClientConn: Reasoned<number>;
  reservePoolSize: Reasoned<number>;
  /** Server connections this box's PgBouncer may open at most and the box's requests in flight at peak. */
  inFlightPerBox: number;
  /** The pool is smaller than the requests in flight at peak: some wait for a connection. */
  tight: boolean;
  /** Django's settings for PgBouncer, each with its reason. */
  django: {
    connMaxAge: Reasoned<number>;
    disableServerSideCursors: Reasoned<boolean>;
  };
}

/** PgBouncer speaks PostgreSQL only: for MySQL the answer is RDS Proxy or ProxySQL, not this. */
export function needsPgBouncer(a: Answers, db: DatabaseLimit): boolean {
  return a.dbEngine === 'postgresql' && db.exceeded;
}

/**
 * The per-box PgBouncer. `maxBoxes`: the most web boxes that may run at once (the Auto Scaling group's max):
 * their pools together must stay within the database's usable connections, after Celery, beat and the admin
 * margin (which connect directly).
 */
export function pgbouncerPlan(
  a: Answers,
  conns: FleetConnections,
  db: DatabaseLimit,
  maxBoxes: number,
  perBox: Demand,
): PgBouncerPlan | null {
  if (!needsPgBouncer(a, db)) return null;
  const direct = conns.celery + conns.beat + conns.admin;
  const budget = Math.max(0, db.usable - direct);
  const share = Math.floor(budget / Math.max(1, maxBoxes));
  const clients = conns.perBox.value;
  const pool = Math.max(1, Math.min(clients, share));
  const inFlight = Math.ceil(perBox.inFlight.value);
  const tight = pool < inFlight;
  const poolWhy =
    `The database accepts ${fmt(db.usable)}; ${fmt(direct)} go to Celery, beat and admin directly, leaving ${fmt(budget)} for ` +
    `at most ${maxBoxes} box${maxBoxes > 1 ? 'es' : ''} (the Auto Scaling group’s max): ${fmt(share)} each` +
    (share > clients ? `, more than the ${clients} Django opens on a box, so ${clients}` : '') +
    (share < 1 ? ' — less than one: the database is too small for this fleet even pooled' : '') +
    '. ' +
    (tight
      ? `Fewer than the ${inFlight} requests in flight on a box at peak (Little’s law): when more of them are inside a transaction at once, the rest wait in PgBouncer’s queue. ` +
        // At RDS PostgreSQL's cap no larger class has more connections to share out.
        (db.maxConnections.value >= RDS_MAX_CONNECTIONS_CAP.postgresql
          ? `The database is at RDS PostgreSQL’s ${fmt(RDS_MAX_CONNECTIONS_CAP.postgresql)}-connection cap: fewer, larger boxes (fewer pools to share it) or read replicas lift this.`
          : 'A larger database class lifts this.')
      : `At least the ${inFlight} requests in flight on a box at peak (Little’s law), and a request holds a server connection only during its transactions, so none waits.`);
  return {
    poolMode: r(
      'transaction',
      'A server connection serves one transaction, then the next client: many idle Django connections share few PostgreSQL backends. Session-level features (SET, advisory locks, LISTEN, server-side cursors) do not survive between transactions.',
    ),
    defaultPoolSize: r(pool, poolWhy),
    maxDbConnections: r(
      pool,
      'The same cap across every user of the database on this box, so a second role cannot double the box’s share.',
    ),
    maxClientConn: r(
      2 * clients,
      `Twice the ${clients} connections Django opens on the box: a reload starts new workers before the old ones exit, so both hold connections for a moment. PgBouncer’s default is 100.`,
    ),
    reservePoolSize: r(
      0,
      'No reserve: the pools already use the box’s whole share of the database’s connections.',
    ),
    inFlightPerBox: inFlight,
    tight,
    django: {
      connMaxAge: r(
        a.appInterface === 'asgi' ? 0 : 60,
        a.appInterface === 'asgi'
          ? 'ASGI: Django closes the connection when the request ends anyway; PgBouncer makes opening one cheap.'
          : 'Keep Django’s connection to the local PgBouncer for 60 s: it costs PgBouncer a file descriptor, not a PostgreSQL backend, and saves a connect per request.',
      ),
      disableServerSideCursors: r(
        true,
        'Django docs: with transaction pooling a server-side cursor (.iterator()) can land on another backend; turn them off.',
      ),
    },
  };
}
