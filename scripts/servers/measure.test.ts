// "Measure on your server" against a real Gunicorn: the exact command the page shows runs on this machine while
// Gunicorn 20.1 serves a tiny Django view that burns a known CPU time per request, on 127.0.0.1 under a short,
// bounded load. Its one line must parse, and agree with what we know: PSS within the workers' RSS, CPU per
// request close to the CPU the view burns, every request counted.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A } from '../../src/testing/fixtures';
import { applyMeasurement, measureCommand, parseMeasurement } from '../../src/core/measure';
import { freePort, http, run, sleep, startServer, stopAll, waitFor, BIN, type Server } from './tools';
import { DOMAIN, MODULE, createWorkspace, type Workspace } from './workspace';

// The view busy-loops on the process CPU clock, so each request costs BURN_MS of CPU whatever the machine's load.
const BURN_MS = 20;
const REQUESTS = 30;
const WINDOW_S = 18;
// Time for python3 to start and take its first sample before the load begins (2 shared cores, often busy).
const START_DELAY_MS = 3000;

const URLS = `import time
from django.http import HttpResponse
from django.urls import path

def burn(request):
    # CPU time, not wall time: process_time() counts only this worker's CPU.
    end = time.process_time() + float(request.GET.get('ms', '0')) / 1000
    while time.process_time() < end:
        pass
    return HttpResponse('burnt')

urlpatterns = [path('', burn)]
`;

let ws: Workspace;
let gunicorn: Server;
let port: number;
let accessLog: string;
let master: number;

/** PIDs whose parent is `ppid`, from /proc. */
async function children(ppid: number): Promise<number[]> {
  const out: number[] = [];
  for (const d of await readdir('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = await readFile(`/proc/${d}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === ppid) out.push(Number(d));
  }
  return out;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)![1]) / 1024;
}

beforeAll(async () => {
  ws = await createWorkspace();
  await writeFile(join(ws.project, MODULE, 'urls.py'), URLS);
  port = await freePort();
  accessLog = join(ws.root, 'log', 'access.log');
  gunicorn = startServer(
    'gunicorn',
    BIN.gunicorn,
    ['--bind', `127.0.0.1:${port}`, '--workers', '2', '--access-logfile', accessLog, `${MODULE}.wsgi`],
    { cwd: ws.project, stopSignal: 'SIGINT' },
  );
  master = gunicorn.child.pid!;
  await waitFor(async () => {
    const r = await http(port, '/?ms=1', { host: DOMAIN });
    if (r.status !== 200) throw new Error(`status ${r.status}\n${gunicorn.output()}`);
  }, 30_000);
  // Both workers booted (the second may still be importing Django when the first answers).
  await waitFor(async () => {
    if ((await children(master)).length !== 2) throw new Error('waiting for 2 workers');
  }, 20_000);
});

afterAll(async () => {
  await stopAll();
  await ws?.cleanup();
});

describe('the measure-on-your-server command against Gunicorn 20.1 + Django', () => {
  it(
    'prints one line that parses, counts every request, and agrees with the CPU the view burns',
    async () => {
      const cmd = measureCommand({ accessLog, seconds: WINDOW_S, masterPid: master });
      const running = run('/bin/sh', ['-c', cmd], { timeoutMs: (WINDOW_S + 30) * 1000 });
      await sleep(START_DELAY_MS);
      const t0 = Date.now();
      for (let i = 0; i < REQUESTS; i++) {
        const r = await http(port, `/?ms=${BURN_MS}`, { host: DOMAIN });
        expect(r.body.toString()).toBe('burnt');
      }
      const loadMs = Date.now() - t0;
      // The load must fit inside the window, or the count below would be cut.
      expect(loadMs + START_DELAY_MS).toBeLessThan(WINDOW_S * 1000);
      const rss = await Promise.all((await children(master)).map(rssMb));
      const out = await running;
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      const lines = out.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const parsed = parseMeasurement(out.stdout);
      if (!parsed.ok) throw new Error(parsed.error);
      const m = parsed.m;
      console.log(`measure: ${lines[0]} (workers' RSS ${rss.map((x) => x.toFixed(1)).join(', ')} MB)`);

      expect(m.workers).toBe(2);
      expect(m.exited).toBe(0);
      expect(m.seconds).toBe(WINDOW_S);
      // Every request we sent, and nothing else, is in the access log during the window.
      expect(m.requests).toBe(REQUESTS);
      // PSS ≤ RSS for each worker; the line's figures sit within what /proc shows for the workers.
      expect(m.pssMb).toBeGreaterThan(10);
      expect(m.pssMaxMb).toBeLessThanOrEqual(Math.max(...rss) + 0.5);
      expect(m.rssMb).toBeGreaterThanOrEqual(Math.min(...rss) * 0.9);
      expect(m.rssMb).toBeLessThanOrEqual(Math.max(...rss) * 1.1);
      // CPU per request: the view burns BURN_MS; Django's own work and the idle workers' heartbeats add a
      // little, and clock ticks are 10 ms (at most one tick lost per worker).
      const cpuPerRequest = m.cpuMs / m.requests;
      expect(cpuPerRequest).toBeGreaterThanOrEqual(BURN_MS * 0.9);
      expect(cpuPerRequest).toBeLessThanOrEqual(BURN_MS * 2);

      // Into answers: with a 200 ms typical response, 1 − ~20/200 ≈ 90% waits on I/O.
      const applied = applyMeasurement(A({ responseTimeMs: 200 }), m);
      expect(applied.answers.workerMemoryMb).toBe(Math.max(30, Math.ceil(m.pssMaxMb)));
      expect(applied.answers.ioSharePct).toBeGreaterThanOrEqual(80);
      expect(applied.answers.ioSharePct).toBeLessThanOrEqual(91);
      expect(applied.answers.measuredFields).toBe('ioSharePct,workerMemoryMb');
    },
    (WINDOW_S + 60) * 1000,
  );

  it('finds the Gunicorn master by itself, or names every master it found', async () => {
    const out = await run('/bin/sh', ['-c', measureCommand({ accessLog, seconds: 1 })], {
      timeoutMs: 30_000,
    });
    // Other Gunicorns may run on this machine (other checks): then the command must list ours among them.
    if (out.code === 0) {
      const p = parseMeasurement(out.stdout);
      expect(p.ok).toBe(true);
      if (p.ok) expect(p.m.workers).toBe(2);
    } else {
      expect(out.stderr).toMatch(/^rightsize-measure: found \d+ Gunicorn masters \[/);
      expect(out.stderr).toContain(String(master));
      const p = parseMeasurement(out.stderr);
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.error).toContain('The command stopped with an error');
    }
  }, 60_000);

  it('a missing access log stops it at once with a message the parser passes on', async () => {
    const cmd = measureCommand({
      accessLog: join(ws.root, 'log', 'missing.log'),
      seconds: 30,
      masterPid: master,
    });
    const t0 = Date.now();
    const out = await run('/bin/sh', ['-c', cmd], { timeoutMs: 30_000 });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    const p = parseMeasurement(out.stderr);
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.error).toContain('No such file or directory');
      expect(p.error).toContain('name the access log as the first argument');
    }
  }, 60_000);
});
