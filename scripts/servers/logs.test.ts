// Access logs written by the real nginx 1.22, Caddy 2.6 and Gunicorn 20.1 (scripts/logs/record.ts), parsed
// by the core: every figure must match the scripted load. RIGHTSIZE_RECORD_FIXTURES=1 also rewrites the
// committed fixtures (e2e/fixtures/logs/) the unit and e2e tests read.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { summariseText } from '../../src/core/logs';
import { checkRecorded } from '../logs/check';
import { recordLogs, type Recorded } from '../logs/record';
import { stopAll } from './tools';

export const FIXTURES = join(import.meta.dirname, '../../e2e/fixtures/logs');

let logs: Recorded;
beforeAll(async () => {
  logs = await recordLogs();
  if (process.env.RIGHTSIZE_RECORD_FIXTURES === '1') {
    await mkdir(FIXTURES, { recursive: true });
    await writeFile(join(FIXTURES, 'nginx.log'), logs.nginx);
    // Caddy's JSON lines are long: the fixture is gzipped, which also exercises the .gz path.
    await writeFile(join(FIXTURES, 'caddy.log.gz'), gzipSync(logs.caddy, { level: 9 }));
    await writeFile(join(FIXTURES, 'gunicorn.log'), logs.gunicorn);
  }
}, 90_000);
afterAll(stopAll);

describe('access logs from the real servers', () => {
  it.each(['nginx', 'caddy', 'gunicorn'] as const)(
    '%s: the parsed figures match the scripted load',
    (log) => {
      checkRecorded(log, summariseText(logs[log]));
    },
  );
});
