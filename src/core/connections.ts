// Database connections: how many the app opens (one box and the whole fleet) and how many the database
// accepts. Pure functions, each figure with its reason; warnings, the postgresql.conf, the PgBouncer config
// and the bill read these so they cannot disagree.
import type { Answers } from './answers';
import type { GunicornPlan } from './gunicorn';
import { fmt, r, type Reasoned } from './reasoned';

// Connections kept for people and jobs beside the app: manage.py migrate / shell, psql, pg_dump, monitoring
// (assumption: a handful of each at once is plenty).
export const ADMIN_CONNECTIONS = 10;
// PostgreSQL keeps superuser_reserved_connections = 3 (its default, RDS's too) of max_connections for
// superusers; the app cannot use them. MySQL and MariaDB instead admit one connection beyond max_connections
// for an account with SUPER / CONNECTION ADMIN (MySQL 8 manual, "Too many connections"; MariaDB KB,
// max_connections), so the whole of max_connections is the app's.
export const PG_SUPERUSER_RESERVED = 3;
// RDS default parameter groups (../shared/reference/aws-services.md, "RDS default max_connections"): PostgreSQL
// LEAST({DBInstanceClassMemory/9531392}, 5000); MySQL {DBInstanceClassMemory/12582880}, which RDS caps at
// 16,000 (a third-party note quoting CHAP_Limits; not re-read).
export const RDS_BYTES_PER_CONNECTION = { postgresql: 9_531_392, mysql: 12_582_880 } as const;
export const RDS_MAX_CONNECTIONS_CAP = { postgresql: 5000, mysql: 16_000 } as const;
// DBInstanceClassMemory is the class's memory less what the OS and RDS's own processes take (CHAP_Limits).
// Assumption fitted to the five observed defaults in ../shared/reference/aws-services.md (PostgreSQL t2.small 198,
// t2.medium 413, m4.large 856, r4.large 1,660; MySQL t2.micro 66): nominal × 0.96 − 256 MiB stays 2–9% under each
// of them, so a limit computed with it is one RDS will at least grant.
const RDS_MEMORY_SHARE = 0.96;
const RDS_MEMORY_OVERHEAD_BYTES = 256 * 2 ** 20;
// RDS classes come in these memory sizes (GiB): db.t4g.micro 1 … db.r6g.16xlarge 512.
export const RDS_MEMORY_SIZES_GIB = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] as const;

/** The connections one web box's Django opens at most, with why. */
export function connectionsPerBox(a: Answers, plan: GunicornPlan): Reasoned<number> {
  const w = plan.workers.value;
  if (a.appInterface === 'asgi')
    // Under ASGI Django runs each request's synchronous ORM code in a thread of that request's own context
    // (asgiref's ThreadSensitiveContext, Django ≥ 3.1), and connections belong to threads: a worker holds one
    // per request in flight, and closes it when the request ends (persistent connections do not carry over
    // between ASGI requests). The plan serves plan.perWorker requests at once per worker.
    return r(
      w * plan.perWorker,
      `${w} Uvicorn workers × ${plan.perWorker} request${plan.perWorker > 1 ? 's' : ''} in flight each: under ASGI Django gives every request its own thread and so its own connection, closed when the request ends. Uvicorn sets no cap, so a burst above the planned overlap opens more.`,
    );
  const t = plan.threads.value;
  return r(
    w * t,
    t > 1
      ? `${w} workers × ${t} threads: Django keeps one connection per thread (persistent with CONN_MAX_AGE > 0).`
      : `${w} sync workers × 1: Django keeps one connection per worker process (persistent with CONN_MAX_AGE > 0).`,
  );
}

/** One box's web and Celery connections (the shape warnings.ts exported before the fleet count existed). */
export function dbConnections(a: Answers, workers: number, perWorker: number) {
  const web = workers * perWorker;
  const celery = a.celery === 'none' ? 0 : a.celeryConcurrency;
  return { web, celery, total: web + celery };
}

export interface FleetConnections {
  /** Web boxes that open connections to this database: the peak's + `spare`. */
  boxes: number;
  /** Of them, the Auto Scaling group's spare boxes (0 without a group, or when each box has its own database). */
  spare: number;
  perBox: Reasoned<number>;
  /** boxes × perBox. */
  web: number;
  /** Celery's prefork processes, one connection each, wherever Celery runs (0 without Celery). */
  celery: number;
  /** celery beat's one connection (0 unless Celery runs and the user schedules tasks). */
  beat: number;
  admin: number;
  /** Everything the database must accept from this deployment: web + celery + beat + admin. */
  total: Reasoned<number>;
}

/**
 * The connections the whole deployment opens: every web box (`peak` boxes + the group's `spare`, which runs all
 * month and opens its own), Celery's processes (on the Celery boxes the plan moved it to, `celeryBoxes`: each
 * runs the same unit, so boxes × processes each, which may round the answer up), beat, a margin.
 */
export function fleetConnections(
  a: Answers,
  plan: GunicornPlan,
  peak: number,
  spare = 0,
  celeryBoxes: { boxes: number; perBox: number } | null = null,
): FleetConnections {
  const boxes = peak + spare;
  const perBox = connectionsPerBox(a, plan);
  const web = boxes * perBox.value;
  const celery = celeryBoxes
    ? celeryBoxes.boxes * celeryBoxes.perBox
    : a.celery === 'none'
      ? 0
      : a.celeryConcurrency;
  const beat = a.celery !== 'none' && a.celeryBeat === 'yes' ? 1 : 0;
  const total = web + celery + beat + ADMIN_CONNECTIONS;
  const sum = [
    boxes > 1
      ? `${boxes} boxes${spare ? ` (${peak} for the peak + ${spare} spare)` : ''} × ${fmt(perBox.value)} web`
      : `${fmt(perBox.value)} web`,
    ...(celery ? [`${celery} Celery`] : []),
    ...(beat ? ['1 beat'] : []),
    `${ADMIN_CONNECTIONS} admin`,
  ];
  const notes = [
    `Web${boxes > 1 ? ', per box' : ''}: ${perBox.reason}`,
    ...(celery
      ? [
          `Celery: one connection per prefork process${celeryBoxes && celeryBoxes.boxes > 1 ? ` (${celeryBoxes.boxes} Celery boxes × ${celeryBoxes.perBox})` : ''}.`,
        ]
      : []),
    // django-celery-beat's DatabaseScheduler reads the schedule from the database; the default file
    // scheduler does not, so for it this one is a small over-count.
    ...(beat ? ['Beat: one, for django-celery-beat’s database scheduler.'] : []),
    `Admin: migrations, shells, backups and monitoring (assumption).`,
  ];
  return {
    boxes,
    spare,
    perBox,
    web,
    celery,
    beat,
    admin: ADMIN_CONNECTIONS,
    total: r(total, `${sum.join(' + ')} = ${fmt(total)}. ${notes.join(' ')}`),
  };
}

/** DBInstanceClassMemory (bytes) for a class with this much nominal memory: see RDS_MEMORY_SHARE. */
export const rdsClassMemoryBytes = (memoryGib: number) =>
  Math.max(0, memoryGib * 2 ** 30 * RDS_MEMORY_SHARE - RDS_MEMORY_OVERHEAD_BYTES);

/** RDS's default max_connections for a class with this much memory, with the formula it comes from. */
export function rdsMaxConnections(engine: Answers['dbEngine'], memoryGib: number): Reasoned<number> {
  const per = RDS_BYTES_PER_CONNECTION[engine];
  const cap = RDS_MAX_CONNECTIONS_CAP[engine];
  const raw = Math.floor(rdsClassMemoryBytes(memoryGib) / per);
  const value = Math.min(cap, raw);
  const formula =
    engine === 'postgresql'
      ? `LEAST(DBInstanceClassMemory / 9,531,392, 5,000)`
      : `DBInstanceClassMemory / 12,582,880 (at most 16,000)`;
  return r(
    value,
    `RDS ${engine === 'postgresql' ? 'PostgreSQL' : 'MySQL'}’s default ${formula}, with DBInstanceClassMemory ≈ ${fmt(memoryGib)} GiB × ${RDS_MEMORY_SHARE} − 256 MiB for what the OS and RDS keep (assumption fitted under observed defaults)` +
      (value === cap ? `: the cap of ${fmt(cap)}.` : ` = ${fmt(value)}.`),
  );
}

/** Connections of max_connections the app may use: PostgreSQL keeps 3 for superusers. */
export const usableConnections = (engine: Answers['dbEngine'], maxConnections: number) =>
  engine === 'postgresql' ? Math.max(0, maxConnections - PG_SUPERUSER_RESERVED) : maxConnections;

/** Smallest RDS memory size (GiB) whose default max_connections holds `connections`; null when none does. */
export function rdsMemoryGibFor(engine: Answers['dbEngine'], connections: number): number | null {
  for (const gib of RDS_MEMORY_SIZES_GIB)
    if (usableConnections(engine, rdsMaxConnections(engine, gib).value) >= connections) return gib;
  return null;
}

export interface DatabaseLimit {
  /** max_connections of the database the plan uses. */
  maxConnections: Reasoned<number>;
  /** What the app may open of it (PostgreSQL's superuser reserve taken out). */
  usable: number;
  /** The app's connections pass `usable`: pool them (PgBouncer) or use a larger database. */
  exceeded: boolean;
  /** Managed database: the RDS memory the limit was computed for. */
  rdsMemoryGib: number | null;
  /** The plan sets max_connections itself (the database on the box), so it fits by construction. */
  setByPlan: boolean;
}

// Without a class from the bill, size for a quarter spare: a deploy overlapping old and new workers, or
// a burst of Celery retries, must not hit the limit.
export const RDS_CONNECTION_SPARE = 1.25;

/**
 * The database's connection limit for this deployment.
 * - PostgreSQL on the box: the generated postgresql.conf sets max_connections from the plan (this total plus
 *   the superuser reserve), so it holds them by construction.
 * - MySQL (MariaDB) on the box: the generated my.cnf sets max_connections to this total (the SUPER connection
 *   comes on top), so it holds them by construction too.
 * - RDS: the default formula for `rdsMemoryGib` (the class the bill sizes); without one, for the smallest
 *   class whose limit holds the connections, so only a fleet past every class's limit exceeds it.
 */
export function databaseLimit(
  a: Answers,
  conns: FleetConnections,
  rdsMemoryGib: number | null = null,
): DatabaseLimit {
  const need = conns.total.value;
  if (a.dbLocation === 'here') {
    const pg = a.dbEngine === 'postgresql';
    const value = pg ? need + PG_SUPERUSER_RESERVED : need;
    return {
      maxConnections: r(
        value,
        pg
          ? `The generated postgresql.conf sets max_connections = the ${fmt(need)} the app opens + ${PG_SUPERUSER_RESERVED} PostgreSQL keeps for superusers.`
          : `The generated my.cnf sets max_connections = the ${fmt(need)} the app opens; MariaDB admits one more, for an administrator with SUPER, beyond it.`,
      ),
      usable: usableConnections(a.dbEngine, value),
      exceeded: false,
      rdsMemoryGib: null,
      setByPlan: true,
    };
  }
  const gib =
    rdsMemoryGib ??
    rdsMemoryGibFor(a.dbEngine, Math.ceil(need * RDS_CONNECTION_SPARE)) ??
    rdsMemoryGibFor(a.dbEngine, need) ??
    RDS_MEMORY_SIZES_GIB.at(-1)!;
  const max = rdsMaxConnections(a.dbEngine, gib);
  const usable = usableConnections(a.dbEngine, max.value);
  const sized =
    rdsMemoryGib !== null
      ? `An RDS class with ${fmt(gib)} GiB`
      : need <= usable
        ? `The smallest RDS class that holds ${fmt(need)} connections with 25% to spare has ${fmt(gib)} GiB`
        : `No RDS class holds ${fmt(need)} connections; the largest (${fmt(gib)} GiB)`;
  return {
    maxConnections: r(max.value, `${sized}: ${max.reason}`),
    usable,
    exceeded: need > usable,
    rdsMemoryGib: gib,
    setByPlan: false,
  };
}

/** max_connections for a config file the plan writes: the database's limit, with the app's count as its reason. */
export const planMaxConnections = (db: DatabaseLimit, conns: FleetConnections): Reasoned<number> =>
  r(db.maxConnections.value, `${db.maxConnections.reason} The app: ${conns.total.reason}`);
