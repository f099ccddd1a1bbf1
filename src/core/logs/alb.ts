// AWS Application Load Balancer access logs (docs.aws.amazon.com/elasticloadbalancing/latest/application/
// load-balancer-access-logs.html): space-separated, quoted where a field holds spaces:
// type time elb client:port target:port request_processing_time target_processing_time
// response_processing_time elb_status_code target_status_code received_bytes sent_bytes "request" …
import { decimal, isoTime, tokenEnd } from './scan';
import { SKIP, UPSTREAM_NO, UPSTREAM_YES, type LineParser, type SkipCode } from './types';

const TYPES = ['http', 'https', 'h2', 'grpcs', 'ws', 'wss'];

/** A signed decimal token: ALB writes -1 for a time it could not measure. */
function signed(s: string, i: number, e: number): number {
  return s.charCodeAt(i) === 45 ? -decimal(s, i + 1, e) : decimal(s, i, e);
}

export function createAlbParser(): LineParser {
  return (s, start, end, rec): SkipCode => {
    let i = start;
    const next = () => {
      const e = tokenEnd(s, i, end);
      const from = i;
      i = e + 1;
      return from;
    };
    const typeEnd = tokenEnd(s, start, end);
    if (!TYPES.includes(s.slice(start, typeEnd))) return SKIP.shape;
    next();
    const timeAt = next();
    const sec = isoTime(s, timeAt);
    if (Number.isNaN(sec)) return SKIP.time;
    next(); // elb
    next(); // client:port
    next(); // target:port
    next(); // request_processing_time
    const tpt = next();
    const targetSec = signed(s, tpt, tokenEnd(s, tpt, end));
    next(); // response_processing_time
    const st = next();
    const status = decimal(s, st, tokenEnd(s, st, end));
    if (!Number.isInteger(status) || status < 100 || status > 599) return SKIP.status;
    next(); // target_status_code
    const rb = next();
    const received = decimal(s, rb, tokenEnd(s, rb, end));
    next(); // sent_bytes
    if (i >= end || s.charCodeAt(i) !== 34 || Number.isNaN(targetSec)) return SKIP.request;
    const qe = s.indexOf('"', i + 1);
    if (qe < 0 || qe > end) return SKIP.request;
    // "GET https://host:443/path?q HTTP/1.1": the path starts at the first "/" after "://".
    const sp = s.indexOf(' ', i + 1);
    const scheme = sp >= 0 && sp < qe ? s.indexOf('://', sp) : -1;
    const slash = scheme >= 0 && scheme < qe ? s.indexOf('/', scheme + 3) : -1;
    rec.sec = sec;
    rec.status = status;
    rec.path = s;
    rec.pathStart = slash >= 0 && slash < qe ? slash : qe;
    // target_processing_time is -1 when the ALB could not dispatch the request (no target answered).
    rec.upstream = targetSec < 0 ? UPSTREAM_NO : UPSTREAM_YES;
    rec.appMs = targetSec < 0 ? NaN : targetSec * 1000;
    // received_bytes counts the whole request (headers too): an upper bound of the body.
    rec.requestBytes = received;
    return SKIP.ok;
  };
}
