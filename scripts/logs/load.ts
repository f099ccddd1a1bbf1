// The scripted load the real-server log test sends, and what each recorded log must therefore show.
export const POST_BYTES = 3000;
export const SLEEP_MS = 40;

export interface Req {
  method: 'GET' | 'POST';
  path: string;
  kind: 'static' | 'page' | 'post' | 'slow' | 'error';
}

/** The scripted load for one proxy: 150 requests, a third static, some uploads, slow pages and errors. */
export function script(): Req[] {
  return Array.from({ length: 150 }, (_, i): Req => {
    if (i % 3 === 0) return { method: 'GET', path: '/static/rightsize.css', kind: 'static' };
    if (i % 25 === 2) return { method: 'GET', path: '/boom/', kind: 'error' };
    if (i % 10 === 1) return { method: 'POST', path: '/', kind: 'post' };
    if (i % 10 === 5) return { method: 'GET', path: `/sleep/${SLEEP_MS}/`, kind: 'slow' };
    return { method: 'GET', path: '/', kind: 'page' };
  });
}

/** Requests per second in each of the four one-second phases (sum 150): quiet, busy, peak, tailing off. */
export const PHASES = [15, 40, 70, 25];

export type RecordedLog = 'nginx' | 'caddy' | 'gunicorn';

/** What a log of the scripted load holds: the proxies log every request; Gunicorn the dynamic ones of both. */
export function expected(log: RecordedLog) {
  const reqs = script();
  const count = (k: Req['kind']) => reqs.filter((r) => r.kind === k).length;
  const dynamic = reqs.length - count('static');
  const proxies = log === 'gunicorn' ? 2 : 1;
  return {
    lines: log === 'gunicorn' ? 2 * dynamic : reqs.length,
    static: log === 'gunicorn' ? 0 : count('static'),
    dynamic: proxies * dynamic,
    errors: proxies * count('error'),
    slow: proxies * count('slow'),
  };
}
