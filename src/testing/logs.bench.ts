import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createSummariser } from '../core/logs/summary';

/**
 * Benchmark of the access-log import's core: MB/s of nginx log (combined + $request_time
 * $upstream_response_time $request_length, ~190 bytes a line) through TextDecoder + the summariser, in 1 MiB
 * chunks as the Web Worker feeds it. Prints figures next to the target; asserts nothing about time.
 */
const TARGET_MB_S = 100;
const BLOCK_MB = 16;
const ROUNDS = 8; // 128 MB per measurement
const CHUNK = 1 << 20;

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A realistic block: ~30 % static, a day's clock advancing ~40 lines a second, varied agents and paths. */
function nginxBlock(bytes: number): Uint8Array {
  const rand = mulberry32(9);
  const agents = [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
    'curl/7.88.1',
  ];
  const paths = [
    '/',
    '/blog/2024/05/sizing-django/',
    '/api/v1/orders/?page=3',
    '/accounts/login/',
    '/search/?q=gunicorn',
  ];
  const statics = [
    '/static/css/app.4f2a.css',
    '/static/js/app.91c3.js',
    '/media/uploads/a.png',
    '/favicon.ico',
  ];
  const mon = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
  const out: string[] = [];
  let size = 0;
  let sec = Date.UTC(2026, 10, 25) / 1000;
  while (size < bytes) {
    if (rand() < 0.025) sec++;
    const d = new Date(sec * 1000);
    const p = (n: number) => String(n).padStart(2, '0');
    const t = `${p(d.getUTCDate())}/${mon[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
    const isStatic = rand() < 0.3;
    const path = isStatic
      ? statics[Math.floor(rand() * statics.length)]
      : paths[Math.floor(rand() * paths.length)];
    const up = isStatic ? '-' : (rand() * 0.4).toFixed(3);
    const rt = isStatic ? '0.000' : up;
    const line = `198.51.100.${Math.floor(rand() * 255)} - - [${t}] "GET ${path} HTTP/1.1" 200 ${Math.floor(rand() * 50000)} "https://example.com/" "${agents[Math.floor(rand() * agents.length)]}" ${rt} ${up} ${300 + Math.floor(rand() * 600)}\n`;
    out.push(line);
    size += line.length;
  }
  return new TextEncoder().encode(out.join(''));
}

describe('access-log import benchmark', () => {
  it('prints MB/s of nginx log summarised', () => {
    const block = nginxBlock(BLOCK_MB * 1e6);
    const mb = (block.length * ROUNDS) / 1e6;
    const runs: number[] = [];
    const cpuRuns: number[] = [];
    let lines = 0;
    for (let rep = 0; rep < 3; rep++) {
      const decoder = new TextDecoder();
      const sum = createSummariser();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (let r = 0; r < ROUNDS; r++)
        for (let i = 0; i < block.length; i += CHUNK)
          sum.push(decoder.decode(block.subarray(i, i + CHUNK), { stream: true }));
      const s = sum.end();
      runs.push(mb / ((performance.now() - t0) / 1000));
      // CPU time of this process: on a shared, busy machine wall-clock MB/s measures the share of CPU we got.
      const c = process.cpuUsage(c0);
      cpuRuns.push(mb / ((c.user + c.system) / 1e6));
      lines = s.lines.parsed;
      expect(s.lines.skipped).toBe(0);
    }
    // Memory: the summariser's own state, measured by feeding 10 more blocks and comparing the heap.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      const m = process.memoryUsage();
      return (m.heapUsed + m.arrayBuffers) / 1e6;
    };
    const decoder = new TextDecoder();
    const before = heap();
    const sum = createSummariser();
    for (let i = 0; i < block.length; i += CHUNK)
      sum.push(decoder.decode(block.subarray(i, i + CHUNK), { stream: true }));
    const afterOne = heap();
    for (let r = 0; r < 10; r++)
      for (let i = 0; i < block.length; i += CHUNK)
        sum.push(decoder.decode(block.subarray(i, i + CHUNK), { stream: true }));
    const afterEleven = heap();
    sum.end();
    runs.sort((a, b) => a - b);
    cpuRuns.sort((a, b) => a - b);
    console.log(
      [
        `nginx log (combined + timings), ${mb.toFixed(0)} MB, ${lines.toLocaleString('en-US')} lines, 1 MiB chunks:`,
        `  decode + parse + summarise: median ${runs[1]!.toFixed(0)} MB/s wall clock (runs ${runs.map((x) => x.toFixed(0)).join(', ')}; target ≥ ${TARGET_MB_S} MB/s)`,
        `  per CPU-second of this process: median ${cpuRuns[1]!.toFixed(0)} MB (runs ${cpuRuns.map((x) => x.toFixed(0)).join(', ')}): the speed of one core, whatever else runs`,
        `  memory held (heap + array buffers, after GC): +${(afterOne - before).toFixed(1)} MB after ${BLOCK_MB} MB of log, +${(afterEleven - before).toFixed(1)} MB after ${BLOCK_MB * 11} MB`,
      ].join('\n'),
    );
  });
});
