// PostgreSQL on the same box as Gunicorn: its settings, each a pure function of the plan with its reason.
// The formulas are PGTune's (le0pard/pgtune, src/features/configuration/configurationSlice.js @01bb644, "web"
// profile, Linux, SSD), applied to the database's share of the box rather than to a dedicated server. The
// memory figures come from the memory budget (memory.ts), so the file and the budget cannot disagree.
import { visibleMemoryMib } from './catalog';
import { planMaxConnections } from './connections';
import { dbSetting as set, type DbSetting } from './dbSetting';
import { DB_CACHE_SHARE_TEXT, dbCacheMib, MEM } from './memory';
import { fmt } from './reasoned';
import type { Recommendation } from './recommend';

/** The major version Debian 12 ships (postgresql-15): the conf.d path and the version-gated settings. */
export const DEBIAN_POSTGRESQL = 15;
// PGTune: min_wal_size 1 GB and max_wal_size 4 GB for a web database.
const MIN_WAL_MB = 1024;
const MAX_WAL_MB = 4096;
// PGTune caps maintenance_work_mem at 8 GB, and autovacuum_work_mem at 2 GB once maintenance_work_mem reaches it.
const MAINTENANCE_CAP_MB = 8192;
const AUTOVACUUM_CAP_MB = 2048;
// PostgreSQL's default autovacuum_max_workers (PGTune raises it only from 16 vCPU).
const AUTOVACUUM_WORKERS = 3;
// PostgreSQL 15's default max_worker_processes, used by PGTune's work_mem formula when it sets no parallel settings.
const PG_DEFAULT_WORKER_PROCESSES = 8;

export interface PostgresPlan {
  sharedBuffersMib: number;
  maxConnections: number;
  settings: DbSetting[];
}

/** PGTune's wal_buffers: 3% of shared_buffers, at most 16 MB (rounded up to it above 14 MB), at least 32 kB. */
export function walBuffersKb(sharedBuffersMib: number): number {
  let kb = Math.floor((3 * sharedBuffersMib * 1024) / 100);
  if (kb > 14 * 1024) kb = 16 * 1024;
  // wal_buffers is counted in 8 kB WAL pages: PostgreSQL would round anything else.
  return Math.max(32, Math.floor(kb / 8) * 8);
}

/** PGTune's maintenance_work_mem: RAM / 16 (= shared_buffers / 4 when those are RAM / 4), at most 8 GB. */
export const maintenanceWorkMemMib = (sharedBuffersMib: number) =>
  Math.min(MAINTENANCE_CAP_MB, Math.floor(sharedBuffersMib / 4));

/** PGTune's work_mem for a dedicated server with this much RAM: (RAM − shared_buffers) / ((max_connections + workers) × 3). */
export function pgTuneWorkMemMib(
  ramMib: number,
  sharedBuffersMib: number,
  maxConnections: number,
  workers: number,
) {
  return Math.max(4, Math.floor((ramMib - sharedBuffersMib) / ((maxConnections + workers) * 3)));
}

/** PGTune's parallel settings: only from 4 vCPU; half the vCPUs per gather and per maintenance job, at most 4. */
function parallelSettings(vcpu: number): DbSetting[] {
  if (vcpu < 4) return [];
  const half = Math.min(4, Math.ceil(vcpu / 2));
  return [
    set('max_worker_processes', `${vcpu}`, `PGTune: one per vCPU (${vcpu}).`),
    set(
      'max_parallel_workers_per_gather',
      `${half}`,
      `PGTune: half the vCPUs, at most 4 (“no clear evidence that each new worker provides a big benefit”).`,
    ),
    set('max_parallel_workers', `${vcpu}`, `PGTune: one per vCPU (${vcpu}).`),
    set('max_parallel_maintenance_workers', `${half}`, 'PGTune: half the vCPUs, at most 4.'),
  ];
}

/**
 * The settings for PostgreSQL on this box, or null when the database is not here. max_connections is the
 * recommendation's database limit (connections.ts: every connection the plan opens + the superuser reserve).
 */
export function postgresPlan(
  rec: Pick<Recommendation, 'answers' | 'chosen' | 'connections' | 'database'>,
): PostgresPlan | null {
  const a = rec.answers;
  if (a.dbLocation !== 'here' || a.dbEngine !== 'postgresql' || !rec.database.setByPlan) return null;
  const inst = rec.chosen.instance;
  const visible = visibleMemoryMib(inst.memoryGib);
  const sb = dbCacheMib(a, visible);
  const redis = a.redis === 'here' ? ` not holding Redis data (${fmt(a.redisDataMb)} MB)` : '';
  const maxConn = planMaxConnections(rec.database, rec.connections);
  const maintenance = maintenanceWorkMemMib(sb);
  const parallel = parallelSettings(inst.vcpu);
  const workerProcesses = parallel.length ? inst.vcpu : PG_DEFAULT_WORKER_PROCESSES;
  // What PGTune would give a dedicated server whose RAM is four times these shared_buffers (its own RAM / 4).
  const dedicatedWorkMem = pgTuneWorkMemMib(4 * sb, sb, maxConn.value, workerProcesses);
  const wal = walBuffersKb(sb);
  const settings: DbSetting[] = [
    set('max_connections', `${maxConn.value}`, maxConn.reason),
    set(
      'shared_buffers',
      `${sb}MB`,
      visible < 1024
        ? `PostgreSQL’s 128 MB default: below 1 GiB of RAM a quarter would starve it (the memory budget’s PostgreSQL line).`
        : `${DB_CACHE_SHARE_TEXT} of the ${fmt(visible)} MB of RAM${redis} (PostgreSQL docs and PGTune: RAM / 4); the memory budget’s PostgreSQL line.`,
    ),
    set(
      'effective_cache_size',
      `${2 * sb}MB`,
      `shared_buffers + the page cache the memory budget leaves for the database files (${fmt(sb)} MB each). PGTune says 3/4 of RAM for a dedicated server; this box shares its RAM with Gunicorn. A planner estimate: it allocates nothing.`,
    ),
    set(
      'work_mem',
      `${MEM.postgresWorkMem}MB`,
      `The memory budget counts one ${MEM.postgresWorkMem} MB sort per connection (${MEM.postgresPerConnection} MB each with the backend): PGTune’s floor and PostgreSQL’s default. PGTune’s (RAM − shared_buffers) / ((max_connections + ${workerProcesses} worker processes) × 3) would give ${fmt(dedicatedWorkMem)} MB on a dedicated server; raise it only with room in the budget (each sort or hash of each query may use it).`,
    ),
    set(
      'maintenance_work_mem',
      `${maintenance}MB`,
      `PGTune: RAM / 16, which is shared_buffers / 4 here${maintenance === MAINTENANCE_CAP_MB ? ', capped at 8 GB' : ''}. ${AUTOVACUUM_WORKERS} autovacuum workers at most use ${fmt((AUTOVACUUM_WORKERS * maintenance) / 1024, 1)} GB, inside the page cache the budget leaves PostgreSQL (${fmt(sb)} MB), which the kernel gives back.`,
    ),
    ...(maintenance >= AUTOVACUUM_CAP_MB
      ? [set('autovacuum_work_mem', `${AUTOVACUUM_CAP_MB}MB`, 'PGTune: at most 2 GB per autovacuum worker.')]
      : []),
    set(
      'wal_buffers',
      wal % 1024 === 0 ? `${wal / 1024}MB` : `${wal}kB`,
      `PGTune, after PostgreSQL’s own auto-tuning: 3% of shared_buffers, at most 16 MB (rounded to 8 kB WAL pages).`,
    ),
    set('min_wal_size', `${MIN_WAL_MB}MB`, 'PGTune for a web database: WAL recycled instead of re-created.'),
    set(
      'max_wal_size',
      `${MAX_WAL_MB}MB`,
      'PGTune for a web database: fewer forced checkpoints under write bursts. Keep 4 GB free on the EBS volume for it.',
    ),
    set(
      'checkpoint_completion_target',
      '0.9',
      'PGTune (and PostgreSQL 14+’s default): spread checkpoint writes over 90% of the interval.',
    ),
    set(
      'random_page_cost',
      '1.1',
      'PGTune for SSD (EBS gp3): a random read costs about what a sequential one does, so indexes get used.',
    ),
    set(
      'effective_io_concurrency',
      '200',
      'PGTune for SSD on Linux: EBS gp3 serves many concurrent reads (bitmap heap scans prefetch this many).',
    ),
    set('default_statistics_target', '100', 'PGTune for a web database (PostgreSQL’s default).'),
    set(
      'huge_pages',
      sb >= 2048 ? 'try' : 'off',
      sb >= 2048
        ? 'PGTune: shared_buffers of 2 GB or more benefit from huge pages when the kernel has them (vm.nr_hugepages); try falls back without.'
        : 'PGTune: below 2 GB of shared_buffers huge pages are not worth reserving.',
    ),
    set(
      'jit',
      'off',
      'PGTune for web databases: JIT compiling short queries costs more CPU than it saves (CPU this box shares with Gunicorn).',
    ),
    set(
      'wal_compression',
      'lz4',
      `PGTune for PostgreSQL 15+: full-page writes compressed with lz4 (Debian’s build has it), lighter on CPU than pglz.`,
    ),
    ...parallel,
  ];
  return { sharedBuffersMib: sb, maxConnections: maxConn.value, settings };
}
