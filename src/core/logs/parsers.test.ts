import { describe, expect, it } from 'vitest';
import { createAlbParser } from './alb';
import { createCaddyParser } from './caddy';
import { createGunicornParser, createNginxParser } from './combined';
import { clfTime, daysFromCivil, decimal, isoTime } from './scan';
import { newRecord, SKIP, UPSTREAM_NO, UPSTREAM_UNKNOWN, UPSTREAM_YES, type LineParser } from './types';

const T = Date.UTC(2026, 10, 25, 16, 49, 39) / 1000; // 25/Nov/2026:16:49:39 +0000

function read(parser: LineParser, line: string) {
  const rec = newRecord();
  const code = parser(line, 0, line.length, rec);
  return { code, ...rec, path: rec.path.slice(rec.pathStart).split(/[ ?"]/)[0] };
}

describe('scan helpers', () => {
  it('computes days and CLF/ISO times like Date.UTC', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(Date.UTC(2000, 2, 1) / 86400000);
    expect(daysFromCivil(2024, 2, 29)).toBe(Date.UTC(2024, 1, 29) / 86400000);
    expect(clfTime('25/Nov/2026:16:49:39 +0000', 0)).toBe(T);
    expect(clfTime('25/Nov/2026:18:49:39 +0200', 0)).toBe(T);
    expect(clfTime('10/Oct/2000:13:55:36 -0700', 0)).toBe(Date.UTC(2000, 9, 10, 20, 55, 36) / 1000);
    expect(clfTime('25/Foo/2026:16:49:39 +0000', 0)).toBeNaN();
    expect(clfTime('25/Nov/2026:16:49', 0)).toBeNaN();
    expect(isoTime('2026-11-25T16:49:39.186641Z', 0)).toBe(T);
    expect(isoTime('2026-11-25T17:49:39+01:00', 0)).toBe(T);
    expect(isoTime('2026-13-25T16:49:39Z', 0)).toBeNaN();
  });
  it('reads decimals and says how many places they had', () => {
    const d = { decimals: 0 };
    expect(decimal('0.004', 0, 5, d)).toBeCloseTo(0.004, 12);
    expect(d.decimals).toBe(3);
    expect(decimal('1234', 0, 4, d)).toBe(1234);
    expect(d.decimals).toBe(-1);
    expect(decimal('1.x', 0, 3)).toBeNaN();
    expect(decimal('', 0, 0)).toBeNaN();
    expect(decimal('.5', 0, 2)).toBeNaN();
  });
});

describe('nginx parser', () => {
  const p = () => createNginxParser();
  it('reads plain combined', () => {
    const r = read(
      p(),
      '203.0.113.9 - alice [25/Nov/2026:16:49:39 +0000] "GET /blog/?page=2 HTTP/2.0" 200 5120 "https://example.com/" "Mozilla/5.0 (X11)"',
    );
    expect(r).toMatchObject({
      code: SKIP.ok,
      sec: T,
      status: 200,
      path: '/blog/',
      upstream: UPSTREAM_UNKNOWN,
    });
    expect(r.appMs).toBeNaN();
    expect(r.requestBytes).toBeNaN();
  });
  it('reads $request_time $upstream_response_time $request_length', () => {
    const r = read(
      p(),
      '::1 - - [25/Nov/2026:16:49:39 +0000] "POST /api/orders HTTP/1.1" 201 17 "-" "curl/7.88.1" 0.120 0.118 20480',
    );
    expect(r).toMatchObject({
      code: SKIP.ok,
      status: 201,
      path: '/api/orders',
      upstream: UPSTREAM_YES,
      requestBytes: 20480,
    });
    expect(r.appMs).toBeCloseTo(118, 9);
  });
  it('reads "-" as no upstream and keeps $request_time', () => {
    const r = read(
      p(),
      '::1 - - [25/Nov/2026:16:49:39 +0000] "GET /static/app.css HTTP/1.1" 200 900 "-" "ua" 0.000 - 310',
    );
    expect(r).toMatchObject({
      code: SKIP.ok,
      upstream: UPSTREAM_NO,
      appMs: 0,
      requestBytes: 310,
      path: '/static/app.css',
    });
  });
  it('adds the times of several upstream tries', () => {
    const r = read(
      p(),
      '::1 - - [25/Nov/2026:16:49:39 +0000] "GET /x HTTP/1.1" 502 0 "-" "ua" 3.010 3.000, 0.004 : 0.002 200',
    );
    expect(r.code).toBe(SKIP.ok);
    expect(r.appMs).toBeCloseTo(3006, 6);
    expect(r.requestBytes).toBe(200);
  });
  it('reads only $request_time', () => {
    const r = read(p(), '::1 - - [25/Nov/2026:16:49:39 +0000] "GET /x HTTP/1.1" 200 0 "-" "ua" 0.250');
    expect(r).toMatchObject({ code: SKIP.ok, appMs: 250, upstream: UPSTREAM_UNKNOWN });
  });
  it('counts a request line without a path (TLS sent to port 80) with an empty path', () => {
    const r = read(p(), '::1 - - [25/Nov/2026:16:49:39 +0000] "\\x16\\x03\\x01" 400 157 "-" "-"');
    expect(r).toMatchObject({ code: SKIP.ok, status: 400, path: '' });
  });
  it('refuses what is not its layout, naming why', () => {
    expect(read(p(), 'hello world').code).toBe(SKIP.shape);
    expect(read(p(), '::1 - - [25/Xyz/2026:16:49:39 +0000] "GET / HTTP/1.1" 200 0 "-" "ua"').code).toBe(
      SKIP.time,
    );
    expect(read(p(), '::1 - - [25/Nov/2026:16:49:39 +0000] "GET / HTTP/1.1" 999 0 "-" "ua"').code).toBe(
      SKIP.status,
    );
    expect(
      read(p(), '::1 - - [25/Nov/2026:16:49:39 +0000] "GET / HTTP/1.1" 200 0 "-" "ua" 0.004123').code,
    ).toBe(SKIP.timing);
    expect(
      read(p(), '::1 - - [25/Nov/2026:16:49:39 +0000] "GET / HTTP/1.1" 200 0 "-" "ua" 0.004 abc').code,
    ).toBe(SKIP.timing);
    expect(read(p(), '::1 - - [25/Nov/2026:16:49:39 +0000] "GET / HTTP/1.1" 200 0').code).toBe(SKIP.shape);
  });
  it('reads a line in the middle of a larger string (offsets, not copies)', () => {
    const line = '::1 - - [25/Nov/2026:16:49:39 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua" 0.002 0.001 10';
    const text = `junk\n${line}\nmore`;
    const rec = newRecord();
    expect(createNginxParser()(text, 5, 5 + line.length, rec)).toBe(SKIP.ok);
    expect(rec.requestBytes).toBe(10);
  });
  it('parses each distinct second (the timestamp cache never serves a stale second)', () => {
    const parse = p();
    const rec = newRecord();
    const secs = ['39', '39', '40', '39', '41'].map((s) => {
      const l = `::1 - - [25/Nov/2026:16:49:${s} +0000] "GET / HTTP/1.1" 200 0 "-" "ua"`;
      parse(l, 0, l.length, rec);
      return rec.sec - T;
    });
    expect(secs).toEqual([0, 0, 1, 0, 2]);
  });
});

describe('gunicorn parser', () => {
  it('reads %(D)s microseconds and %(L)s seconds', () => {
    const d = read(
      createGunicornParser(),
      ' - - [25/Nov/2026:16:49:39 +0000] "GET /api/ HTTP/1.0" 200 43 "-" "python-urllib" 12345',
    );
    expect(d).toMatchObject({ code: SKIP.ok, status: 200, path: '/api/' });
    expect(d.appMs).toBeCloseTo(12.345, 9);
    const l = read(
      createGunicornParser(),
      '127.0.0.1 - - [25/Nov/2026:16:49:39 +0000] "GET / HTTP/1.0" 200 43 "-" "ua" 0.012345',
    );
    expect(l.appMs).toBeCloseTo(12.345, 9);
  });
  it('reads the default format without a time, and refuses nginx three-decimal times', () => {
    expect(
      read(createGunicornParser(), '::1 - - [25/Nov/2026:16:49:39 +0000] "GET / HTTP/1.0" 200 43 "-" "ua"')
        .code,
    ).toBe(SKIP.ok);
    expect(
      read(
        createGunicornParser(),
        '::1 - - [25/Nov/2026:16:49:39 +0000] "GET / HTTP/1.0" 200 43 "-" "ua" 0.012',
      ).code,
    ).toBe(SKIP.timing);
    expect(
      read(
        createGunicornParser(),
        '::1 - - [25/Nov/2026:16:49:39 +0000] "GET / HTTP/1.0" 200 43 "-" "ua" 1 2',
      ).code,
    ).toBe(SKIP.timing);
  });
});

describe('caddy parser', () => {
  const entry = (o: object) =>
    JSON.stringify({
      level: 'info',
      ts: T + 0.52,
      logger: 'http.log.access.log0',
      msg: 'handled request',
      request: {
        remote_ip: '127.0.0.1',
        method: 'POST',
        uri: '/upload/?x=1',
        headers: { 'Content-Length': ['2048'] },
      },
      duration: 0.0421,
      size: 12,
      status: 200,
      ...o,
    });
  it('reads ts, status, duration, uri and the body size', () => {
    const r = read(createCaddyParser(), entry({}));
    expect(r).toMatchObject({ code: SKIP.ok, sec: T, status: 200, path: '/upload/', requestBytes: 2048 });
    expect(r.appMs).toBeCloseTo(42.1, 9);
    expect(read(createCaddyParser(), entry({ bytes_read: 99 })).requestBytes).toBe(99);
    expect(read(createCaddyParser(), entry({ ts: '2026-11-25T16:49:39.520Z' })).sec).toBe(T);
  });
  it('skips non-JSON, non-access entries and bad fields, naming why', () => {
    expect(read(createCaddyParser(), '{"ts": 1,').code).toBe(SKIP.json);
    expect(read(createCaddyParser(), 'plain text').code).toBe(SKIP.shape);
    expect(read(createCaddyParser(), entry({ logger: 'tls.obtain' })).code).toBe(SKIP.notAccess);
    expect(read(createCaddyParser(), '{"msg":"serving initial configuration"}').code).toBe(SKIP.notAccess);
    expect(read(createCaddyParser(), entry({ ts: 'yesterday' })).code).toBe(SKIP.time);
    expect(read(createCaddyParser(), entry({ status: 0 })).code).toBe(SKIP.status);
    expect(read(createCaddyParser(), 'null').code).toBe(SKIP.shape);
  });
});

describe('ALB parser', () => {
  // The example line from the AWS documentation, time moved to T.
  const line = (target = '0.001', status = '200') =>
    `https 2026-11-25T16:49:39.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 ${target} 0.037 ${status} 200 734 589 "GET https://www.example.com:443/static/x.png?v=2 HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2026-11-25T16:49:39.000000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-"`;
  it('reads time, ELB status, target time, received bytes and the path of the absolute URL', () => {
    const r = read(createAlbParser(), line());
    expect(r).toMatchObject({
      code: SKIP.ok,
      sec: T,
      status: 200,
      path: '/static/x.png',
      upstream: UPSTREAM_YES,
      requestBytes: 734,
      appMs: 1,
    });
  });
  it('reads target_processing_time -1 as not dispatched', () => {
    const r = read(createAlbParser(), line('-1', '503'));
    expect(r).toMatchObject({ code: SKIP.ok, status: 503, upstream: UPSTREAM_NO });
    expect(r.appMs).toBeNaN();
  });
  it('refuses other layouts', () => {
    expect(read(createAlbParser(), 'ftp 2026-11-25T16:49:39Z x').code).toBe(SKIP.shape);
    expect(read(createAlbParser(), 'http yesterday x').code).toBe(SKIP.time);
    expect(read(createAlbParser(), line('0.001', 'abc')).code).toBe(SKIP.status);
  });
});
