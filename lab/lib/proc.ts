// What the kernel says about the server's processes: the tree, RSS and PSS (smaps_rollup), CPU seconds.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const CLK_TCK = 100; // sysconf(_SC_CLK_TCK) on Linux x86_64 and arm64

/** Direct children of `pid` (all its threads' children). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      const s = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim();
      if (s) out.push(...s.split(/\s+/).map(Number));
    } catch {
      // The thread ended while we looked.
    }
  }
  return out;
}

export interface MemSample {
  pid: number;
  rssKib: number;
  pssKib: number;
  /** Private (dirty + clean) pages: what this process alone costs. */
  privateKib: number;
  sharedKib: number;
  threads: number;
}

export function memOf(pid: number): MemSample | null {
  try {
    const s = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return {
      pid,
      rssKib: kib('Rss'),
      pssKib: kib('Pss'),
      privateKib: kib('Private_Clean') + kib('Private_Dirty'),
      sharedKib: kib('Shared_Clean') + kib('Shared_Dirty'),
      threads,
    };
  } catch {
    return null;
  }
}

/** User + system CPU seconds of a process (all its threads), from /proc/PID/stat. */
export function cpuSecondsOf(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is f[0]; utime is field 14 → f[11], stime f[12].
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** CPU seconds of a process and of its children it has reaped (recycled workers), from /proc/PID/stat. */
export function treeCpuSeconds(masterPid: number, workers: number[]): number {
  let total = 0;
  try {
    const s = readFileSync(`/proc/${masterPid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLK_TCK;
  } catch {
    return 0;
  }
  for (const w of workers) total += cpuSecondsOf(w);
  return total;
}

export function describeMachine(): Record<string, string | number> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  const cpus = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const mem = readFileSync('/proc/meminfo', 'utf8');
  const memMib = Math.round(Number(/^MemTotal:\s+(\d+)/m.exec(mem)?.[1] ?? 0) / 1024);
  const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  let os = 'unknown';
  try {
    os = /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    // no os-release
  }
  return { cpuModel: model, cpus, memMib, kernel, os };
}

/** Busy CPU seconds of the given CPUs (all processes), from /proc/stat: with the server's own CPU seconds it
 * gives the share other work took from the server's cores during a run. */
export function cpusBusySeconds(cpuIds: number[]): number {
  const stat = readFileSync('/proc/stat', 'utf8');
  let busy = 0;
  for (const id of cpuIds) {
    const line = new RegExp(`^cpu${id} (.*)$`, 'm').exec(stat)?.[1];
    if (!line) continue;
    const f = line.trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
    busy += f.reduce((t, x) => t + x, 0) - (f[3] ?? 0) - (f[4] ?? 0);
  }
  return busy / CLK_TCK;
}

/**
 * Scheduling priority for a process's session. With autogroup scheduling (Linux's default for desktops and
 * this machine), nice only orders processes within one session: each session competes as one group, so a
 * plain `nice -n -5` does not shield the server from other sessions' work. The group's own nice does
 * (sched(7), "The autogroup feature"). Returns false where autogroup is off (then plain nice applies).
 */
export function setSessionNice(pid: number, nice: number): boolean {
  try {
    if (readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() !== '1') return false;
    writeFileSync(`/proc/${pid}/autogroup`, String(nice));
    return true;
  } catch {
    return false;
  }
}
