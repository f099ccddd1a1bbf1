// The EBS gp3 root volume each web box needs: the guide's "20–40 GB SSD: OS, logs, DB, static/media" made
// concrete for what this plan puts on the box (seeds/000: Step 2's table).
import type { Answers } from './answers';
import { fmt, r, type Reasoned } from './reasoned';

// The guide's lower end: the OS, logs, the app, its virtualenv and deploy copies.
export const EBS_BASE_GB = 20;
// Assumption: static and media files served from the box take up to the guide's upper end, 20 GB more.
export const EBS_STATIC_GB = 20;
// Assumption, as for RDS storage: the database's data plus 25% for growth, WAL and bloat.
export const DB_GROWTH = 1.25;

/** GB of gp3 per web box, for the answers the box was sized for (a scale-out moves the database off). */
export function ebsPerBoxGb(a: Answers): Reasoned<number> {
  const parts: string[] = [`${EBS_BASE_GB} GB for the OS, logs and the app (the guide’s 20 GB lower end)`];
  let gb = EBS_BASE_GB;
  if (a.staticFiles === 'proxy') {
    gb += EBS_STATIC_GB;
    parts.push(
      `${EBS_STATIC_GB} GB for static and media files served from the box (up to the guide’s 40 GB)`,
    );
  }
  if (a.dbLocation === 'here') {
    const db = Math.ceil(a.dbDataGb * DB_GROWTH);
    gb += db;
    parts.push(
      `${fmt(db)} GB for the database (${fmt(a.dbDataGb)} GB + 25% growth, WAL and bloat, assumption)`,
    );
  }
  if (a.redis === 'here' && a.redisDataMb > 0) {
    // Redis writes its RDB snapshot as a copy of the data set.
    const dump = Math.ceil(a.redisDataMb / 1024);
    gb += dump;
    parts.push(`${fmt(dump)} GB for Redis’s snapshot of its ${fmt(a.redisDataMb)} MB`);
  }
  return r(gb, `${parts.join(' + ')} = ${fmt(gb)} GB.`);
}
