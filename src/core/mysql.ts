// MySQL on the same box as Gunicorn: Debian 12's MySQL is MariaDB 10.11 (default-mysql-server depends on
// mariadb-server). Its settings, each a pure function of the plan with its reason. The memory figures come from
// the memory budget (memory.ts) and max_connections from the connection count (connections.ts), so the file, the
// budget and the warnings cannot disagree. Sources: MariaDB Knowledge Base (server system variables, InnoDB
// system variables, "InnoDB Buffer Pool"), MySQL 8.0 Reference Manual 8.5.4 "Optimizing InnoDB Redo Logging"
// and 8.4.4 "Internal Temporary Table Use in MySQL".
import { planMaxConnections } from './connections';
import { visibleMemoryMib } from './catalog';
import { DB_CACHE_SHARE_TEXT, dbCacheMib, MEM } from './memory';
import { dbSetting as set, type DbSetting } from './dbSetting';
import { fmt } from './reasoned';
import type { Recommendation } from './recommend';

/** The MariaDB release Debian 12 ships (mariadb-server 1:10.11.x): the version the real-server check runs. */
export const DEBIAN_MARIADB = '10.11';
// MariaDB 10.11's innodb_log_file_size default (96 MiB): the redo log never goes below it.
const MARIADB_REDO_DEFAULT_MIB = 96;
// The redo log's ceiling: PGTune's max_wal_size for a web database (4 GB), the same disk PostgreSQL's plan keeps.
const REDO_CAP_MIB = 4096;
// MariaDB's and MySQL's default tmp_table_size and max_heap_table_size (16 MiB each).
const TMP_TABLE_MIB = 16;

export interface MysqlPlan {
  bufferPoolMib: number;
  maxConnections: number;
  settings: DbSetting[];
}

/** The redo log: as big as the buffer pool (MySQL manual), at least MariaDB's 96 MB default, at most 4 GB. */
export const redoLogMib = (bufferPoolMib: number) =>
  Math.min(REDO_CAP_MIB, Math.max(MARIADB_REDO_DEFAULT_MIB, bufferPoolMib));

/**
 * The settings for MySQL (MariaDB) on this box, or null when it is not here. max_connections is the
 * recommendation's database limit (connections.ts: every connection the plan opens).
 */
export function mysqlPlan(
  rec: Pick<Recommendation, 'answers' | 'chosen' | 'connections' | 'database'>,
): MysqlPlan | null {
  const a = rec.answers;
  if (a.dbLocation !== 'here' || a.dbEngine !== 'mysql' || !rec.database.setByPlan) return null;
  const visible = visibleMemoryMib(rec.chosen.instance.memoryGib);
  const pool = dbCacheMib(a, visible);
  const redis = a.redis === 'here' ? ` not holding Redis data (${fmt(a.redisDataMb)} MB)` : '';
  const maxConn = planMaxConnections(rec.database, rec.connections);
  const redo = redoLogMib(pool);
  const settings: DbSetting[] = [
    set('max_connections', `${maxConn.value}`, maxConn.reason),
    set(
      'innodb_buffer_pool_size',
      `${pool}M`,
      (visible < 1024
        ? `MariaDB’s 128 MB default: below 1 GiB of RAM a quarter would starve it`
        : `${DB_CACHE_SHARE_TEXT} of the ${fmt(visible)} MB of RAM${redis}: MariaDB and MySQL advise up to 70–80% on a dedicated server (MariaDB KB, InnoDB Buffer Pool), this box shares its RAM with Gunicorn, so InnoDB gets the share PostgreSQL would`) +
        '. The memory budget’s MySQL line. InnoDB reads with O_DIRECT (MariaDB 10.6+’s default): this is its only cache.',
    ),
    set(
      'innodb_log_file_size',
      `${redo}M`,
      `The redo log “even as big as the buffer pool” (MySQL manual, Optimizing InnoDB Redo Logging): fewer checkpoints forced by write bursts; crash recovery reads it (fast since MariaDB 10.5). At least MariaDB’s ${MARIADB_REDO_DEFAULT_MIB} MB default, at most 4 GB (the disk PostgreSQL’s max_wal_size would take). Keep ${fmt(redo)} MB free on the EBS volume for it.`,
    ),
    set(
      'sort_buffer_size',
      `${MEM.mysqlSortBuffer}M`,
      `The memory budget counts one ${MEM.mysqlSortBuffer} MB sort buffer per connection (${MEM.mysqlPerConnection} MB each with the thread’s own buffers): MariaDB’s and MySQL’s default. Each sort allocates it whole; raise it only with room in the budget.`,
    ),
    set(
      'tmp_table_size',
      `${TMP_TABLE_MIB}M`,
      `MariaDB’s default, set with max_heap_table_size: an in-memory temporary table (GROUP BY, DISTINCT, UNION, derived tables) grows to the smaller of the two, then moves to disk (MySQL manual, Internal Temporary Table Use). It grows only as rows arrive and lasts one statement, so the budget does not count it per connection: ${fmt(maxConn.value)} connections each holding a full one at once would take ${fmt(maxConn.value * TMP_TABLE_MIB)} MB beyond it.`,
    ),
    set(
      'max_heap_table_size',
      `${TMP_TABLE_MIB}M`,
      'Equal to tmp_table_size, so neither silently caps the other (the smaller one applies); also the limit of a MEMORY table.',
    ),
    set(
      'bind_address',
      '127.0.0.1',
      a.celery === 'elsewhere'
        ? 'Loopback only, as Debian’s 50-server.cnf has it. Celery runs on another instance: add this box’s private address (MariaDB 10.11 takes a comma-separated list), create its account for that address only, and open port 3306 to that instance alone.'
        : `Loopback only, as Debian’s 50-server.cnf has it: ${a.celery === 'here' ? 'Gunicorn and Celery connect' : 'Gunicorn connects'} from this box.`,
    ),
  ];
  return { bufferPoolMib: pool, maxConnections: maxConn.value, settings };
}
