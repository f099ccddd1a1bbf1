// Running behind a load balancer: whether the plan does, how the load balancer and the boxes meet (port,
// health check, keep-alive), and the Auto Scaling group that holds the boxes. Sources: ../shared/reference/aws-services.md
// ("ALB defaults": idle timeout 60 s, health-check interval 30 s, 5 healthy / 2 unhealthy thresholds).
import type { Answers } from './answers';
import type { DatabaseLimit, FleetConnections } from './connections';
import { CPU_TARGET, CPU_TARGET_TEXT } from './cpu';
import type { Choice } from './instance';
import { MAX_SCALE_OUT, SPARE_BOXES } from './instance';
import { fmt, r, usd, type Reasoned } from './reasoned';

// The ALB's default idle timeout (idle_timeout.timeout_seconds). AWS: the target's keep-alive must be longer,
// or the ALB may send a request on a connection the target is closing (a 502).
export const ALB_IDLE_TIMEOUT_S = 60;
// The proxy keeps the ALB's idle connections 15 s longer than the ALB does (nginx's own default, 75 s).
export const PROXY_KEEPALIVE_BEHIND_ALB_S = ALB_IDLE_TIMEOUT_S + 15;
// The target group's port: plain HTTP inside the VPC; TLS ends at the ALB with an ACM certificate.
export const TARGET_PORT = 80;
export const HEALTH_CHECK_PATH = '/healthz';
// ALB health-check defaults (instance targets): interval 30 s, healthy after 5, unhealthy after 2.
export const HEALTH_CHECK_INTERVAL_S = 30;
export const HEALTHY_THRESHOLD = 5;
export const UNHEALTHY_THRESHOLD = 2;
// Target tracking keeps average CPU here: 10 points under the 70% the plan sizes to, the room traffic has to
// grow while a new box boots, starts Gunicorn and passes 5 health checks × 30 s (assumption: 4–5 minutes).
export const ASG_CPU_TARGET = CPU_TARGET - 0.1;

export interface LoadBalancerPlan {
  /** The boxes sit behind an ALB: TLS ends there, the proxies trust its X-Forwarded-For. */
  behind: Reasoned<boolean>;
  targetPort: Reasoned<number>;
  healthCheck: Reasoned<string>;
  /** The proxy's keep-alive for the ALB's connections (s). */
  proxyKeepalive: Reasoned<number>;
  trustedSubnet: Reasoned<string>;
}

export interface AutoScalingPlan {
  /** Boxes the peak needs. */
  peak: number;
  min: Reasoned<number>;
  max: Reasoned<number>;
  /** Average CPUUtilization the target-tracking policy keeps (%). */
  cpuTargetPct: Reasoned<number>;
  /** Boxes running at the planned peak under that policy (≥ min). */
  atPeak: number;
  /**
   * Why the group cannot grow past its minimum (max = min): the database's connections without a pooler, or the
   * most boxes this tool plans; null when it can.
   */
  heldBy: 'database' | 'scale-limit' | null;
}

export interface FleetPlan {
  lb: LoadBalancerPlan;
  /** null for one box without a load balancer. */
  asg: AutoScalingPlan | null;
  /** What one box without a load balancer gives up; null when the plan has redundancy. */
  singleBoxNote: string | null;
}

/** Behind an ALB when the plan scales out (answer 'auto') or always ('alb'). */
export function behindLoadBalancer(a: Answers, boxes: number): Reasoned<boolean> {
  if (a.lb === 'alb')
    return r(
      true,
      'You run the app behind a load balancer: TLS ends at the ALB, the boxes serve its traffic.',
    );
  if (boxes > 1)
    return r(
      true,
      `The plan runs ${boxes} boxes: an Application Load Balancer spreads the traffic over them.`,
    );
  return r(false, 'One box carries the peak: it ends TLS itself, no load balancer.');
}

/** Spare web boxes the plan runs beside the peak's: the group's spare behind a load balancer, else none. */
export const spareBoxes = (a: Answers, peakBoxes: number) =>
  behindLoadBalancer(a, peakBoxes).value ? SPARE_BOXES : 0;

/**
 * The most boxes the database's connections allow without a pooler: each box opens `perBox`, Celery, beat
 * and the admin margin come once.
 */
export function boxesTheDatabaseAllows(conns: FleetConnections, db: DatabaseLimit): number {
  const room = db.usable - conns.celery - conns.beat - conns.admin;
  return conns.perBox.value > 0 ? Math.max(0, Math.floor(room / conns.perBox.value)) : MAX_SCALE_OUT;
}

/** The group's max before the database's connections cut it: 2n + 1, within MAX_SCALE_OUT, never under min. */
export const wantedMaxBoxes = (n: number) => Math.max(n + SPARE_BOXES, Math.min(MAX_SCALE_OUT, 2 * n + 1));

/**
 * The Auto Scaling group for a fleet behind an ALB: min = the peak's boxes + 1 spare (N+1: a box can fail or
 * be replaced in a deploy at peak); max = the peak twice over plus the spare, within what the database's
 * connections allow unless a pooler sits in front; target tracking at ASG_CPU_TARGET.
 */
export function autoScaling(
  choice: Choice,
  conns: FleetConnections,
  db: DatabaseLimit,
  pooled: boolean,
): AutoScalingPlan {
  const n = choice.scaleOut;
  const c = choice.chosen;
  const min = n + SPARE_BOXES;
  const wanted = wantedMaxBoxes(n);
  const dbRoom = boxesTheDatabaseAllows(conns, db);
  // PgBouncer speaks PostgreSQL only (pgbouncer.ts): MySQL's poolers are RDS Proxy and ProxySQL.
  const pooler =
    choice.answers.dbEngine === 'postgresql' ? 'PgBouncer' : 'a MySQL pooler (RDS Proxy, ProxySQL)';
  const max = pooled ? wanted : Math.max(min, Math.min(wanted, dbRoom));
  const maxWhy =
    `${2 * n + 1 > MAX_SCALE_OUT ? `${wanted}, the most this tool plans (${MAX_SCALE_OUT} boxes) or the minimum` : `2 × ${n} + 1 = ${wanted}`}: room for a peak twice the one sized for, plus the spare` +
    (pooled
      ? `; PgBouncer’s pools are sized so that ${max} boxes stay within the database’s ${fmt(db.usable)} connections.`
      : dbRoom < wanted
        ? dbRoom >= min
          ? `, cut to ${max}: each box opens ${fmt(conns.perBox.value)} database connections and the database accepts ${fmt(db.usable)} (${max} × ${fmt(conns.perBox.value)} + ${fmt(conns.celery + conns.beat + conns.admin)} others). Put ${pooler} in front to go further.`
          : `, held at the minimum, ${min}: the database accepts only ${fmt(db.usable)} connections, fewer than ${min} boxes open, so the group cannot grow until ${pooler} sits in front or the database is larger.`
        : `; the database’s ${fmt(db.usable)} connections hold ${max} boxes × ${fmt(conns.perBox.value)}.`);
  // Per-box CPU at the planned peak with n boxes is c.cpu.utilisation; spread over more boxes it falls.
  const burstable = c.instance.baselinePct;
  const targetPct = Math.round(
    burstable !== null ? Math.min(ASG_CPU_TARGET * 100, burstable) : ASG_CPU_TARGET * 100,
  );
  // max = min: the scale limit when 2n + 1 passes it (wanted is then the minimum), else the database.
  const heldBy = max > min ? null : wanted <= min ? 'scale-limit' : 'database';
  const u = c.cpu.utilisation * 100;
  const atPeak = Math.min(max, Math.max(min, Math.ceil((n * u) / targetPct)));
  const withMin = (u * n) / min;
  return {
    peak: n,
    min: r(
      min,
      `${n} box${n > 1 ? 'es carry' : ' carries'} the peak, + ${SPARE_BOXES} spare: a box can fail, or be replaced by a deploy, at peak without the others going past ${CPU_TARGET_TEXT} CPU (the ALB takes an unhealthy box out after ${UNHEALTHY_THRESHOLD} × ${HEALTH_CHECK_INTERVAL_S} s). ` +
        `The spare costs ${usd(SPARE_BOXES * c.usdPerMonth)}/month (its own bill line, its disk in the EBS line) on top of the ${n} box${n > 1 ? 'es' : ''} the peak needs.`,
    ),
    max: r(max, `${maxWhy}`),
    cpuTargetPct: r(
      targetPct,
      (burstable !== null
        ? `The ${burstable}% baseline of a burstable box: above it the box spends CPU credits. `
        : `${Math.round(ASG_CPU_TARGET * 100)}%, ${Math.round((CPU_TARGET - ASG_CPU_TARGET) * 100)} points under the ${CPU_TARGET_TEXT} the plan sizes to: the room traffic has to grow while a new box boots and passes ${HEALTHY_THRESHOLD} health checks × ${HEALTH_CHECK_INTERVAL_S} s (a few minutes). `) +
        (withMin <= targetPct
          ? `At the planned peak the ${min} boxes run at ${fmt(withMin, 0)}% CPU: the group stays at its minimum and ${heldBy ? 'cannot add boxes (its max is its minimum)' : 'adds boxes only above the plan'}.`
          : heldBy
            ? `At the planned peak the ${min} boxes run at ${fmt(withMin, 0)}%, above the target, and the group cannot add boxes (its max is its minimum): they run there until ${heldBy === 'database' ? `${pooler} sits in front of the database or it is larger` : 'each box is of a larger type'}.`
            : `At the planned peak the boxes run at ${fmt(withMin, 0)}% with ${min} of them: the group grows to about ${atPeak} at peak.`),
    ),
    atPeak,
    heldBy,
  };
}

/**
 * The plan with redundancy a one-box plan is compared with: the same answers behind an ALB ("Load balancer:
 * always"), as recommend() sizes them (shared services moved off, a spare, the ALB, RDS, ElastiCache).
 */
export interface RedundantPlan {
  type: string;
  /** Web boxes the group runs at its minimum (the peak's + the spare). */
  boxes: number;
  /** What moved off the web boxes, person-readable (offBox). */
  moved: string[];
  /** Its whole bill, on demand. */
  usdPerMonth: number;
}

/** The load balancer, the group, or what one box gives up (`redundant`: the same answers behind an ALB). */
export function fleetPlan(
  a: Answers,
  choice: Choice,
  conns: FleetConnections,
  db: DatabaseLimit,
  pooled: boolean,
  ours: { usdPerMonth: number; redundant: RedundantPlan | null },
): FleetPlan {
  const behind = behindLoadBalancer(a, choice.scaleOut);
  const lb: LoadBalancerPlan = {
    behind,
    targetPort: r(
      TARGET_PORT,
      'The target group’s port: plain HTTP inside the VPC. TLS ends at the ALB with an ACM certificate (free, renewed by AWS), so no certbot on the boxes.',
    ),
    healthCheck: r(
      HEALTH_CHECK_PATH,
      a.healthCheck === 'proxy'
        ? `The target group checks ${HEALTH_CHECK_PATH}; the proxy answers it without Django, so a slow page never marks a healthy box unhealthy (it does not notice a stuck Gunicorn: Gunicorn’s own timeout restarts a stuck worker).`
        : `The target group checks ${HEALTH_CHECK_PATH}; a tiny Django view answers it (no database query), so a box whose Gunicorn is down leaves the rotation.`,
    ),
    proxyKeepalive: r(
      PROXY_KEEPALIVE_BEHIND_ALB_S,
      `The ALB keeps idle connections to the boxes for ${ALB_IDLE_TIMEOUT_S} s (its default idle timeout); the proxy keeps them ${PROXY_KEEPALIVE_BEHIND_ALB_S - ALB_IDLE_TIMEOUT_S} s longer, so it never closes one the ALB is about to reuse (AWS: a 502).`,
    ),
    trustedSubnet: r(
      a.lbSubnet,
      `The ALB connects from addresses in ${a.lbSubnet}: only from there is X-Forwarded-For believed, so a client cannot claim another address.`,
    ),
  };
  const asg = behind.value ? autoScaling(choice, conns, db, pooled) : null;
  const c = choice.chosen;
  const red = ours.redundant;
  const more = red ? red.usdPerMonth - ours.usdPerMonth : 0;
  const singleBoxNote = behind.value
    ? null
    : `One box has no redundancy: if ${c.instance.type} fails, or its Availability Zone does, the site is down until it is replaced, and every deploy or reboot is a short outage. ` +
      'An Auto Scaling group of min 1, max 1 replaces a failed instance by itself (minutes, not hours).' +
      (red
        ? ` Behind an ALB (“Load balancer: always”) a box can fail without an outage: ${red.boxes} × ${red.type}, ${SPARE_BOXES} of them a spare` +
          (red.moved.length
            ? `, and the services a web box must not keep moved off it (${red.moved.join('; ')})`
            : '') +
          `: ${usd(red.usdPerMonth)}/month in all, ${usd(Math.abs(more))} ${more >= 0 ? 'more' : 'less'} than this plan’s ${usd(ours.usdPerMonth)}` +
          // A database on the box can force a memory-heavy type dearer than two small boxes and RDS: the
          // redundant plan then costs less too, and "auto" (one box unless it cannot carry the peak) is the user's
          // answer to change, not the tool's.
          (more < 0 ? ': redundant and cheaper, so answer “Load balancer: always”.' : '.')
        : '');
  return { lb, asg, singleBoxNote };
}
