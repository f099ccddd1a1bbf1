// The Application Load Balancer's month: its hours plus the Load Balancer Capacity Units (LCUs) the peak uses. One
// LCU-hour covers, whichever is highest: 25 new connections/s, 3,000 active connections (per minute), 1 GB
// processed per hour, 1,000 rule evaluations/s (../shared/reference/aws-services.md, "Estimating ALB LCUs"; S6,
// AWS ELB pricing).
import type { Answers } from './answers';
import type { Catalog } from './catalog';
import type { Demand } from './demand';
import { fmt } from './reasoned';

// Assumption: a browser reuses a keep-alive connection for about 10 requests (a page and its assets, then the
// next clicks); the reference's worked example uses the same figure.
export const REQUESTS_PER_CONNECTION = 10;
// Assumption: 20 kB per request and response together, headers included (a compressed HTML page or JSON
// response; the reference's worked example). Static files on the box weigh more: raise it for media-heavy sites.
export const BYTES_PER_REQUEST = 20_000;
// ALB idle timeout default: a connection stays open this long after its last request
// (../shared/reference/aws-services.md, ALB defaults).
export const ALB_IDLE_TIMEOUT_S = 60;
// Only the default listener rule: within the 10 free rule evaluations, so this dimension is 0.

export interface LcuEstimate {
  /** LCUs per peak hour: the highest dimension. */
  lcu: number;
  dimension: 'new connections' | 'active connections' | 'processed bytes';
  newConnectionsPerSec: number;
  activeConnections: number;
  gbPerHour: number;
  /** Hours a month billed at the peak's LCUs: the busy hours. */
  hours: number;
  reason: string;
}

/** LCUs at peak for the requests that pass through the load balancer (static ones too unless they are on S3). */
export function lcuEstimate(a: Answers, d: Demand, catalog: Catalog): LcuEstimate {
  const per = catalog.services.alb.lcu;
  const rps = d.proxyRps;
  const responseS = a.responseTimeMs / 1000;
  const newConnectionsPerSec = rps / REQUESTS_PER_CONNECTION;
  // Little's law: a connection lives through its requests, then idles until the ALB closes it.
  const lifetimeS = REQUESTS_PER_CONNECTION * responseS + ALB_IDLE_TIMEOUT_S;
  const activeConnections = newConnectionsPerSec * lifetimeS;
  const gbPerHour = (rps * BYTES_PER_REQUEST * 3600) / 1e9;
  const dims = [
    ['new connections', newConnectionsPerSec / per.newConnectionsPerSec],
    ['active connections', activeConnections / per.activeConnectionsPerMin],
    ['processed bytes', gbPerHour / per.processedGbPerHour],
  ] as const;
  const [dimension, lcu] = dims.reduce((m, x) => (x[1] > m[1] ? x : m));
  const hours = (a.busyHours * catalog.hoursPerMonth) / 24;
  const reason =
    `${fmt(rps)} requests/s through the load balancer at peak${a.staticFiles === 's3' ? ' (static files come from S3)' : ''}: ` +
    `${fmt(newConnectionsPerSec)} new connections/s (${REQUESTS_PER_CONNECTION} requests per keep-alive connection, assumption) → ${fmt(dims[0][1], 3)} LCU; ` +
    `${fmt(activeConnections)} active connections (each lives ${REQUESTS_PER_CONNECTION} × ${fmt(responseS, 3)} s + the ${ALB_IDLE_TIMEOUT_S} s idle timeout) → ${fmt(dims[1][1], 3)} LCU; ` +
    `${fmt(gbPerHour, 3)} GB/hour at ${BYTES_PER_REQUEST / 1000} kB per request and response (assumption) → ${fmt(dims[2][1], 3)} LCU; ` +
    `no rules beyond the free 10. The highest, ${dimension}, is billed: ${fmt(lcu, 3)} LCU for the ${fmt(a.busyHours)} busy hours a day ` +
    `(${fmt(hours)} hours a month; quiet hours' LCUs are not counted).`;
  return { lcu, dimension, newConnectionsPerSec, activeConnections, gbPerHour, hours, reason };
}
