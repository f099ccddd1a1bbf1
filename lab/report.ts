// lab/results/README.md: the tables, from the JSON results (re-run with LAB_ONLY=report to rebuild them).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spread } from './lib/stats';

type Json = Record<string, unknown>;

export function writeReport(dir: string, quick: boolean) {
  const sfx = quick ? '.quick' : '';
  const read = (n: string) => {
    const f = join(dir, `${n}${sfx}.json`);
    return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Json) : undefined;
  };
  const out: string[] = ['# Fidelity lab results', ''];
  const lat = read('latency') as { machine: Json; placement: Json; runs: Run[] } | undefined;
  if (lat) {
    out.push(`Machine: ${JSON.stringify(lat.machine)}. Placement: ${JSON.stringify(lat.placement)}.`, '');
    out.push('## Latency (open-loop Poisson), median [min–max] of runs', '');
    out.push(
      '| profile | config | load | rate /s | CPU busy | p50 ms | p95 ms | p99 ms | runs |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const g of groups(lat.runs)) out.push(row(g));
    out.push('');
  }
  const sw = read('sweep') as { runs: Run[] } | undefined;
  if (sw) {
    out.push('## Sweep: workers × threads at 70% load', '');
    out.push(
      '| profile | config | load | rate /s | CPU busy | p50 ms | p95 ms | p99 ms | runs |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const g of groups(sw.runs)) out.push(row(g));
    out.push('');
  }
  writeFileSync(join(dir, `README${sfx}.md`), `${out.join('\n')}\n`);
}

interface Run {
  profile: string;
  config: string;
  load: number;
  rate: number;
  cpuShare: number;
  p50: number;
  p95: number;
  p99: number;
}

function groups(runs: Run[]): Run[][] {
  const m = new Map<string, Run[]>();
  for (const r of runs) {
    const k = `${r.profile}|${r.config}|${r.load}`;
    m.set(k, [...(m.get(k) ?? []), r]);
  }
  return [...m.values()];
}

const fmtS = (xs: number[]) => {
  const s = spread(xs);
  return `${Math.round(s.median)} [${Math.round(s.min)}–${Math.round(s.max)}]`;
};

function row(g: Run[]): string {
  const f = g[0]!;
  return `| ${f.profile} | ${f.config} | ${Math.round(f.load * 100)}% | ${f.rate} | ${Math.round(spread(g.map((x) => x.cpuShare)).median * 100)}% | ${fmtS(g.map((x) => x.p50))} | ${fmtS(g.map((x) => x.p95))} | ${fmtS(g.map((x) => x.p99))} | ${g.length} |`;
}
