// Writes the hand-built bad inputs next to the recorded logs (e2e/fixtures/logs/), deterministically:
//   truncated.log.gz  the nginx log gzipped, cut at 60 % (a download or copy that stopped early)
//   binary.png        a PNG header and 4 KB of bytes that are not UTF-8 text
//   mixed.log         nginx lines, then Caddy JSON lines, then two garbage lines, then nginx again
//   alb.log           AWS ALB lines in the documented layout (hand-written: no ALB runs here)
// Run: node scripts/logs/make-malformed.mjs (after the real-server test has recorded the logs).
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../e2e/fixtures/logs');
const nginx = readFileSync(join(dir, 'nginx.log'));
const gz = gzipSync(nginx, { level: 9 });
writeFileSync(join(dir, 'truncated.log.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));

const png = Buffer.alloc(4096);
Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
for (let i = 8; i < png.length; i++) png[i] = (i * 7919 + 13) % 256;
writeFileSync(join(dir, 'binary.png'), png);

const nginxLines = nginx.toString().trimEnd().split('\n');
const caddyLines = gunzipSync(readFileSync(join(dir, 'caddy.log.gz')))
  .toString()
  .trimEnd()
  .split('\n');
writeFileSync(
  join(dir, 'mixed.log'),
  [
    ...nginxLines.slice(0, 40),
    ...caddyLines.slice(0, 5),
    'this is not a log line',
    '\u0000\u0001 garbage',
    ...nginxLines.slice(40, 80),
    '',
  ].join('\n'),
);

// The layout of docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html:
// 20 requests over 10 s, every 4th a static file, one 502 the ALB answered itself (target time -1).
const alb = [];
for (let i = 0; i < 20; i++) {
  const t = `2026-11-25T12:00:${String(Math.floor(i / 2)).padStart(2, '0')}.${String(100000 + i).slice(1)}0Z`;
  const path = i % 4 === 0 ? '/static/app.css' : '/orders/';
  const target = i === 7 ? '-1' : (0.02 + i / 1000).toFixed(3);
  const status = i === 7 ? '502' : '200';
  const tstatus = i === 7 ? '-' : '200';
  alb.push(
    `https ${t} app/my-loadbalancer/50dc6c495c0c9188 192.0.2.${i + 1}:2817 10.0.0.1:80 0.000 ${target} 0.000 ${status} ${tstatus} ${400 + i * 10} 589 "GET https://www.example.com:443${path} HTTP/1.1" "curl/7.88.1" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 ${t} "forward" "-" "-" "10.0.0.1:80" "${tstatus}" "-" "-"`,
  );
}
writeFileSync(join(dir, 'alb.log'), `${alb.join('\n')}\n`);
