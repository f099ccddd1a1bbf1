// Checking the generated systemd units: `systemd-analyze verify` where it works (it needs no running
// systemd), else a structural check that says loudly that it is only structural.
import { access, constants, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, run } from './tools';

export interface UnitReport {
  ok: boolean;
  report: string;
}

/** systemd-analyze verify; warnings about these files count as failures even when it exits 0. */
export async function systemdVerify(units: string[]): Promise<UnitReport> {
  const r = await run(BIN.systemdAnalyze, ['verify', '--man=no', ...units]);
  const report = `${r.stdout}${r.stderr}`.trim();
  const names = units.map((u) => u.split('/').pop()!);
  const aboutOurs = report
    .split('\n')
    .filter((l) => units.some((u) => l.includes(u)) || names.some((n) => l.includes(n)));
  return { ok: r.code === 0 && aboutOurs.length === 0, report };
}

// The keys these generators write, by section (systemd.unit(5), systemd.service(5), systemd.socket(5)).
const KNOWN_KEYS: Record<string, string[]> = {
  Unit: ['Description', 'Documentation', 'Requires', 'Wants', 'After'],
  Service: [
    'Type',
    'User',
    'WorkingDirectory',
    'ExecStart',
    'ExecReload',
    'KillMode',
    'TimeoutStopSec',
    'Restart',
    'PrivateTmp',
    'LogsDirectory',
    'StateDirectory',
  ],
  Socket: ['ListenStream', 'SocketUser', 'SocketMode'],
  Install: ['WantedBy'],
};

/** Sections, known keys, and an absolute, executable ExecStart: what can be checked without systemd. */
export async function structuralCheck(units: string[]): Promise<UnitReport> {
  const problems: string[] = [];
  for (const unit of units) {
    let section = '';
    for (const [i, line] of (await readFile(unit, 'utf8')).split('\n').entries()) {
      const where = `${unit}:${i + 1}`;
      if (line === '' || line.startsWith('#')) continue;
      const s = /^\[(\w+)\]$/.exec(line);
      if (s) {
        section = s[1]!;
        if (!KNOWN_KEYS[section]) problems.push(`${where}: unknown section [${section}]`);
        continue;
      }
      const kv = /^(\w+)=(.+)$/.exec(line);
      if (!kv) problems.push(`${where}: not Key=Value: ${JSON.stringify(line)}`);
      else if (!KNOWN_KEYS[section]?.includes(kv[1]!))
        problems.push(`${where}: unknown key ${kv[1]} in [${section}]`);
      else if (kv[1] === 'ExecStart') {
        const exe = kv[2]!.split(' ')[0]!;
        if (!exe.startsWith('/')) problems.push(`${where}: ExecStart is not an absolute path`);
        else
          await access(exe, constants.X_OK).catch(() => problems.push(`${where}: ${exe} is not executable`));
      }
    }
  }
  return { ok: problems.length === 0, report: problems.join('\n') };
}

let mode: Promise<'systemd-analyze' | 'structural'> | undefined;

/** Whether systemd-analyze verify works on this machine, probed once on a unit known to be good. */
export function unitCheckMode(): Promise<'systemd-analyze' | 'structural'> {
  mode ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rightsize-units-'));
    try {
      const probe = join(dir, 'rightsize-probe.service');
      await writeFile(probe, '[Unit]\nDescription=probe\n\n[Service]\nExecStart=/bin/true\n');
      const r = await systemdVerify([probe]).catch(() => ({ ok: false, report: 'cannot run' }));
      if (r.ok) return 'systemd-analyze';
      console.warn(
        `systemd-analyze verify cannot run here (${r.report || 'no output'}): the systemd units get a STRUCTURAL check only (sections, known keys, executable ExecStart).`,
      );
      return 'structural';
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return mode;
}

export async function verifyUnits(units: string[]): Promise<UnitReport> {
  return (await unitCheckMode()) === 'systemd-analyze' ? systemdVerify(units) : structuralCheck(units);
}
