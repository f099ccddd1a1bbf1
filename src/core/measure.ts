import { MEASURABLE_FIELDS } from './defaults';
import { NUMBER_BOUNDS, type Answers } from './answers';
import { fmt, r, type Reasoned } from './reasoned';

/**
 * "Measure on your server": a Python 3 (stdlib only) program, run on the box where Gunicorn serves the site,
 * that prints ONE line the user pastes back; parseMeasurement() reads it and applyMeasurement() turns it into
 * answers marked as measured.
 *
 * What it measures, from /proc only (it changes nothing and sends nothing):
 * - memory per worker: PSS (proportional set size) from /proc/PID/smaps_rollup, i.e. each worker's private
 *   pages plus its share of the pages it shares with the master and the other workers — unlike RSS, the
 *   workers' PSS add up to what they really take (RSS counts the shared pages once per worker);
 * - CPU time per request: the workers' utime + stime (/proc/PID/stat, in clock ticks) over a window of live
 *   traffic, divided by the requests served in that same window; requests are counted honestly as the lines
 *   Gunicorn appends to its access log during the window (one line per request it answered; static files the
 *   proxy serves never reach it). A worker born in the window counts all its CPU; a worker that exits in the
 *   window (max_requests) loses its CPU, so the line reports how many exited and the result says so.
 *
 * The real-server suite (scripts/servers/measure.test.ts) runs this exact command against Gunicorn serving a
 * Django view that burns a known CPU time, and checks the line against it.
 */

/** The program, as shown in the page (a heredoc keeps it one paste). Arguments: access log, seconds, master PID. */
export const MEASURE_SCRIPT = `import os, sys, time
# Rightsize: memory per Gunicorn worker (PSS) and CPU time per request, read from /proc. Changes and sends nothing.
log = sys.argv[1] if len(sys.argv) > 1 else '/var/log/gunicorn/access.log'
secs = float(sys.argv[2]) if len(sys.argv) > 2 else 60
def rd(p):
    with open(p, 'rb') as f: return f.read()
def stat(p): return rd('/proc/%d/stat' % p).rsplit(b')', 1)[1].split()
def procs():
    out = {}
    for d in os.listdir('/proc'):
        try:
            if d.isdigit(): out[int(d)] = (int(stat(int(d))[1]), b'gunicorn' in rd('/proc/%s/cmdline' % d))
        except OSError: pass
    return out
ps = procs(); g = {p for p, (pp, isg) in ps.items() if isg and p != os.getpid()}
masters = [int(sys.argv[3])] if len(sys.argv) > 3 else sorted({ps[p][0] for p in g if ps[p][0] in g and ps[ps[p][0]][0] not in g})
if len(masters) != 1: sys.exit('rightsize-measure: found %d Gunicorn masters %s: pass the PID of one as the third argument' % (len(masters), masters))
def workers(): return [p for p, (pp, _) in procs().items() if pp == masters[0]]
def cpu(p): s = stat(p); return int(s[11]) + int(s[12])
def mb(p, key):
    try: t = rd('/proc/%d/smaps_rollup' % p)
    except FileNotFoundError: t = rd('/proc/%d/smaps' % p)
    return sum(int(l.split()[1]) for l in t.splitlines() if l.startswith(key + b':')) / 1024
try:
    w0 = {p: cpu(p) for p in workers()}; mb(min(w0), b'Pss'); size0 = os.path.getsize(log); open(log, 'rb').close()
except ValueError: sys.exit('rightsize-measure: Gunicorn master %d has no workers' % masters[0])
except OSError as e: sys.exit('rightsize-measure: %s (run as root or as the user Gunicorn runs as; name the access log as the first argument)' % e)
time.sleep(secs)
w1 = {p: cpu(p) for p in workers()}
if not w1: sys.exit('rightsize-measure: Gunicorn stopped during the measurement: run it again while it serves')
with open(log, 'rb') as f: f.seek(size0); lines = f.read().count(b'\\n')
if os.path.getsize(log) < size0: sys.exit('rightsize-measure: the access log was rotated during the measurement: run it again')
pss = [mb(p, b'Pss') for p in w1]; rss = [mb(p, b'Rss') for p in w1]
print('rightsize-measure v1 workers=%d pss_mb=%.1f pss_max_mb=%.1f rss_mb=%.1f cpu_ms=%.0f requests=%d seconds=%g exited=%d' % (len(w1), sum(pss) / len(pss), max(pss), sum(rss) / len(rss), sum(t - w0.get(p, 0) for p, t in w1.items()) * 1000 / os.sysconf('SC_CLK_TCK'), lines, secs, len(set(w0) - set(w1))))
`;

/** Where the generated gunicorn.conf.py writes its access log (generators/target.ts DEFAULT_LOG_DIR). */
export const DEFAULT_ACCESS_LOG = '/var/log/gunicorn/access.log';
export const DEFAULT_MEASURE_SECONDS = 60;

export interface MeasureOptions {
  accessLog?: string;
  seconds?: number;
  /** Gunicorn's master PID, when more than one Gunicorn runs on the box. */
  masterPid?: number;
}

// The command is pasted into a shell: only plain absolute paths and whole numbers go into it.
const SAFE_PATH = /^\/[A-Za-z0-9._/-]{1,200}$/;
const HEREDOC_END = 'RIGHTSIZE';

/** The command to paste on the server: `python3 - <log> <seconds> [pid] <<'RIGHTSIZE' … RIGHTSIZE`. */
export function measureCommand(o: MeasureOptions = {}): string {
  const log = o.accessLog ?? DEFAULT_ACCESS_LOG;
  const secs = o.seconds ?? DEFAULT_MEASURE_SECONDS;
  if (!SAFE_PATH.test(log) || log.includes('..')) throw new Error(`Not a plain absolute path: ${log}`);
  if (!Number.isInteger(secs) || secs < 1 || secs > 600) throw new Error(`Seconds must be 1–600: ${secs}`);
  if (o.masterPid !== undefined && !(Number.isInteger(o.masterPid) && o.masterPid > 0))
    throw new Error(`Not a PID: ${o.masterPid}`);
  const args = [log, String(secs), ...(o.masterPid !== undefined ? [String(o.masterPid)] : [])].join(' ');
  return `python3 - ${args} <<'${HEREDOC_END}'\n${MEASURE_SCRIPT}${HEREDOC_END}\n`;
}

export interface Measurement {
  workers: number;
  pssMb: number;
  pssMaxMb: number;
  rssMb: number;
  cpuMs: number;
  requests: number;
  seconds: number;
  exited: number;
}

export type ParseResult = { ok: true; m: Measurement } | { ok: false; error: string };

const KEYS: ReadonlyArray<[key: string, name: keyof Measurement, int: boolean]> = [
  ['workers', 'workers', true],
  ['pss_mb', 'pssMb', false],
  ['pss_max_mb', 'pssMaxMb', false],
  ['rss_mb', 'rssMb', false],
  ['cpu_ms', 'cpuMs', false],
  ['requests', 'requests', true],
  ['seconds', 'seconds', false],
  ['exited', 'exited', true],
];
const PREFIX = 'rightsize-measure';
const MAX_INPUT = 10_000;

/** Reads the pasted line. Never throws: a bad paste gets a message that says what is wrong. */
export function parseMeasurement(text: string): ParseResult {
  const fail = (error: string): ParseResult => ({ ok: false, error });
  if (text.length > MAX_INPUT)
    return fail(`That is ${fmt(text.length)} characters: paste only the one line the command printed.`);
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0)
    return fail('Nothing pasted: run the command on your server and paste the line it prints.');
  const errorLine = lines.find((l) => l.startsWith(`${PREFIX}:`));
  if (errorLine)
    return fail(`The command stopped with an error: “${errorLine.slice(PREFIX.length + 1).trim()}”.`);
  const found = lines.filter((l) => l.includes(`${PREFIX} `));
  if (found.length === 0)
    return fail(
      `No line starting with “${PREFIX} v1” was found: paste the line the command prints (it starts with “${PREFIX}”).`,
    );
  if (found.length > 1) return fail(`${found.length} measurement lines were pasted: paste one.`);
  const line = found[0]!.slice(found[0]!.indexOf(PREFIX));
  const words = line.split(/\s+/);
  if (words[1] !== 'v1')
    return fail(
      `This line was made by another version of the command (“${(words[1] ?? '').slice(0, 20)}”): copy the command from this page again.`,
    );
  const seen = new Map<string, string>();
  for (const w of words.slice(2)) {
    const eq = w.indexOf('=');
    if (eq <= 0)
      return fail(
        `“${w.slice(0, 30)}” is not a name=value pair: the line looks cut short or damaged; paste the whole line.`,
      );
    const k = w.slice(0, eq);
    if (!KEYS.some(([key]) => key === k))
      return fail(`Unknown field “${k.slice(0, 30)}” in the line: paste it unchanged.`);
    if (seen.has(k)) return fail(`“${k}” appears twice in the line: paste it unchanged.`);
    seen.set(k, w.slice(eq + 1));
  }
  const m = {} as Measurement;
  for (const [key, name, int] of KEYS) {
    const raw = seen.get(key);
    if (raw === undefined) return fail(`The line has no “${key}=”: it was cut short; paste the whole line.`);
    // Plain decimals only, as the command prints them (no exponent, sign, or hex).
    if (!/^\d{1,12}(\.\d{1,6})?$/.test(raw))
      return fail(`“${key}=${raw.slice(0, 20)}” is not a number the command prints.`);
    const n = Number(raw);
    if (int && !Number.isInteger(n)) return fail(`“${key}” must be a whole number, not ${raw}.`);
    m[name] = n;
  }
  if (m.workers < 1) return fail('The line reports no Gunicorn workers: measure while Gunicorn is running.');
  if (m.seconds <= 0) return fail('The line reports a measurement of 0 seconds.');
  if (m.pssMb <= 0 || m.pssMaxMb < m.pssMb || m.rssMb <= 0)
    return fail(
      'The memory figures do not fit together (PSS must be above 0 and at most the largest PSS): paste the line unchanged.',
    );
  if (m.pssMaxMb > 65_536)
    return fail(`A worker of ${fmt(m.pssMaxMb)} MB is more than any instance here holds.`);
  return { ok: true, m };
}

export interface MeasuredAnswers {
  /** The answers with the measured ones filled in and listed in measuredFields. */
  answers: Answers;
  workerMemoryMb: Reasoned<number>;
  /** Absent when no request was served during the measurement. */
  ioSharePct?: Reasoned<number>;
  cpuMsPerRequest?: Reasoned<number>;
  /** What the user should know about this measurement (few requests, restarts, clamping). */
  notes: string[];
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

// Below this many requests in the window one slow or fast request moves the mean a lot (assumption).
const FEW_REQUESTS = 30;

/** Turns a measurement into answers: worker memory from PSS, I/O share from CPU time vs the response time. */
export function applyMeasurement(a: Answers, m: Measurement): MeasuredAnswers {
  const notes: string[] = [];
  const memB = NUMBER_BOUNDS.workerMemoryMb;
  // The largest worker, rounded up: the budget must still hold when every worker has grown as far as it has.
  const memRaw = Math.ceil(m.pssMaxMb);
  const mem = clamp(memRaw, memB.min, memB.max);
  if (mem !== memRaw)
    notes.push(
      `The largest worker’s ${fmt(m.pssMaxMb)} MB is outside ${memB.min}–${fmt(memB.max)} MB: set to ${fmt(mem)} MB.`,
    );
  const workerMemoryMb = r(
    mem,
    `Largest PSS of ${m.workers} Gunicorn worker${m.workers > 1 ? 's' : ''}: ${fmt(m.pssMaxMb)} MB (mean ${fmt(m.pssMb)} MB; ` +
      `RSS ${fmt(m.rssMb)} MB counts the pages shared with the master in every worker), rounded up.`,
  );
  const out: Partial<Answers> = { workerMemoryMb: mem };
  let ioSharePct: Reasoned<number> | undefined;
  let cpuMsPerRequest: Reasoned<number> | undefined;
  if (m.requests === 0) {
    notes.push(
      `No request reached Gunicorn in the ${fmt(m.seconds)} s measured: the I/O share cannot be measured. Run the command while the site has traffic.`,
    );
  } else {
    const cpu = m.cpuMs / m.requests;
    cpuMsPerRequest = r(
      cpu,
      `${fmt(m.cpuMs)} ms of worker CPU time over ${fmt(m.requests)} requests in ${fmt(m.seconds)} s: ${fmt(cpu)} ms per request.`,
    );
    const ioB = NUMBER_BOUNDS.ioSharePct;
    const ioRaw = Math.round(100 * (1 - cpu / a.responseTimeMs));
    const io = clamp(ioRaw, ioB.min, ioB.max);
    ioSharePct = r(
      io,
      `Of a ${fmt(a.responseTimeMs)} ms typical response (the App profile answer), ${fmt(cpu)} ms is CPU: ` +
        `1 − ${fmt(cpu)} / ${fmt(a.responseTimeMs)} = ${ioRaw}% waits on I/O` +
        (io !== ioRaw ? `, kept within ${ioB.min}–${ioB.max}%.` : '.'),
    );
    if (ioRaw < ioB.min)
      notes.push(
        `${fmt(cpu)} ms of CPU per request is more than the ${fmt(a.responseTimeMs)} ms typical response time: that answer is probably too low (CPU time counts every request, the typical time is a median).`,
      );
    if (m.requests < FEW_REQUESTS)
      notes.push(
        `Only ${m.requests} requests in the window: measure at a busier time for a steadier figure.`,
      );
    if (m.exited > 0)
      notes.push(
        `${m.exited} worker${m.exited > 1 ? 's' : ''} exited during the measurement (max_requests restarts): their CPU time is missing, so CPU per request reads low. Run it again.`,
      );
    out.ioSharePct = io;
  }
  const measured = new Set(a.measuredFields === '' ? [] : a.measuredFields.split(','));
  for (const f of Object.keys(out)) measured.add(f);
  const measuredFields = MEASURABLE_FIELDS.filter((f) => measured.has(f)).join(',');
  return {
    answers: { ...a, ...out, measuredFields },
    workerMemoryMb,
    ioSharePct,
    cpuMsPerRequest,
    notes,
  };
}
