import type { Answers } from './answers';
import { fmt, r, type Reasoned } from './reasoned';

export interface Demand {
  /** All requests per second at peak, static included. */
  peakRps: Reasoned<number>;
  /** Requests per second that reach Django (Gunicorn). */
  dynamicRps: Reasoned<number>;
  /** Requests per second for static/media files. */
  staticRps: number;
  /** Requests per second the proxy on this box handles (static ones only when it serves them). */
  proxyRps: number;
  /** Requests in flight inside Gunicorn at peak (Little's law). */
  inFlight: Reasoned<number>;
  /** CPU milliseconds a Django request burns (the rest of its time waits on I/O). */
  cpuMsPerRequest: Reasoned<number>;
  /** Daily users, given or estimated, for the guide's traffic tiers. */
  dailyUsers: Reasoned<number>;
}

// Assumption: peak concurrent users ≈ 10% of daily users (a common capacity-planning rule of thumb);
// only used to place the user on the guide's "users/day" tiers and back.
export const CONCURRENT_SHARE_OF_DAILY = 0.1;

/**
 * How a peak rate is read on the guide's users/day tiers: the daily model (4V/(π·t) × burst) run backwards
 * with the wizard's daily-mode defaults as fixed assumptions — 20 requests per user a day, 8 busy hours, 2×
 * bursts. Fixed here (not the hidden answers) so the reading does not move with answers the user cannot see.
 */
export const RATE_READING = { requestsPerUser: 20, busyHours: 8, burstFactor: 2 } as const;

/** Peak requests/s the daily model gives for `users` a day under RATE_READING's assumptions. */
export function rateForDailyUsers(users: number): number {
  const { requestsPerUser, busyHours, burstFactor } = RATE_READING;
  return ((4 * users * requestsPerUser) / (Math.PI * busyHours) / 3600) * burstFactor;
}

/** The inverse of rateForDailyUsers. */
export function dailyUsersForRate(rps: number): number {
  return rps / rateForDailyUsers(1);
}

export function demand(a: Answers): Demand {
  const responseSec = a.responseTimeMs / 1000;
  let peakRps: Reasoned<number>;
  let dailyUsers: Reasoned<number>;
  if (a.trafficMode === 'concurrent') {
    // Each user waits thinkTime between responses, so one user sends 1 / (think + response) requests/s.
    const rps = a.concurrentUsers / (a.thinkTimeSec + responseSec);
    peakRps = r(
      rps,
      `${a.concurrentUsers} concurrent users each send one request per ${fmt(a.thinkTimeSec + responseSec)} s ` +
        `(think time + response time): ${fmt(rps)} requests/s at peak.`,
    );
    const daily = Math.round(a.concurrentUsers / CONCURRENT_SHARE_OF_DAILY);
    dailyUsers = r(daily, `Estimated as 10× peak concurrent users (peak concurrency ≈ 10% of daily users).`);
  } else if (a.trafficMode === 'rate') {
    // Read off monitoring or a log: the peak itself, static files included, no model in between (think time,
    // busy hours and burst factor do not enter the rate).
    peakRps = r(a.peakRps, `${fmt(a.peakRps)} requests/s at peak, as given (static files included).`);
    const daily = Math.round(dailyUsersForRate(a.peakRps));
    const { requestsPerUser, busyHours, burstFactor } = RATE_READING;
    dailyUsers = r(
      daily,
      `Only to place a rate on the guide’s users/day tiers: ${fmt(a.peakRps)} requests/s is the peak of about ` +
        `${fmt(daily)} users a day at ${requestsPerUser} requests each over ${busyHours} busy hours ` +
        `with ${burstFactor}× bursts (assumptions).`,
    );
  } else {
    // Elliptical day: a daily volume V spread over t busy hours peaks at 4V / (π t) per hour
    // (../shared/reference/sizing-facts.md).
    const perDay = a.dailyUsers * a.requestsPerVisit;
    const peakHour = (4 * perDay) / (Math.PI * a.busyHours);
    const rps = (peakHour / 3600) * a.burstFactor;
    peakRps = r(
      rps,
      `${fmt(a.dailyUsers)} users × ${a.requestsPerVisit} requests = ${fmt(perDay)} ` +
        `requests/day; over ${a.busyHours} busy hours the peak hour carries 4V/(π·t) = ${fmt(peakHour)} requests ` +
        `(${fmt(peakHour / 3600)}/s), × ${fmt(a.burstFactor)} burst factor = ${fmt(rps)} requests/s.`,
    );
    dailyUsers = r(a.dailyUsers, 'As given.');
  }
  const staticShare = a.staticSharePct / 100;
  const dyn = peakRps.value * (1 - staticShare);
  const staticRps = peakRps.value * staticShare;
  const dynamicRps = r(
    dyn,
    `${100 - a.staticSharePct}% of ${fmt(peakRps.value)} requests/s are dynamic and reach Gunicorn: ${fmt(dyn)}/s.`,
  );
  const inFlightN = dyn * responseSec;
  const inFlight = r(
    inFlightN,
    `Little's law L = λ·W: ${fmt(dyn)} requests/s × ${fmt(responseSec, 3)} s = ${fmt(inFlightN)} requests in flight at peak.`,
  );
  const cpuMs = a.responseTimeMs * (1 - a.ioSharePct / 100);
  const cpuMsPerRequest = r(
    cpuMs,
    `${a.responseTimeMs} ms per response, ${a.ioSharePct}% of it waiting on the database and APIs: ` +
      `${fmt(cpuMs)} ms of CPU per request.`,
  );
  const proxyRps = a.staticFiles === 'proxy' ? peakRps.value : dyn;
  return { peakRps, dynamicRps, staticRps, proxyRps, inFlight, cpuMsPerRequest, dailyUsers };
}

/** The demand one of `n` identical instances behind a load balancer sees (round-robin splits rates evenly). */
export function shareOf(d: Demand, n: number): Demand {
  if (n <= 1) return d;
  const part = (x: Reasoned<number>): Reasoned<number> =>
    r(x.value / n, `${x.reason} Split across ${n} instances: ${fmt(x.value / n)} each.`);
  return {
    ...d,
    peakRps: part(d.peakRps),
    dynamicRps: part(d.dynamicRps),
    staticRps: d.staticRps / n,
    proxyRps: d.proxyRps / n,
    inFlight: part(d.inFlight),
  };
}
