import type { Recommendation } from '../../core/recommend';
import { dec } from './format';

/** The deployment as a whole: database connections, the load balancer and its Auto Scaling group, PgBouncer. */
export function Fleet({ rec }: { rec: Recommendation }) {
  const { connections: c, database: db, fleet, pgbouncer: pgb } = rec;
  const lb = fleet.lb;
  const asg = fleet.asg;
  return (
    <section aria-labelledby="fleet-title" data-testid="fleet">
      <h3 id="fleet-title">{asg ? 'The fleet' : 'The deployment'}</h3>
      <dl className="facts">
        <div>
          <dt>Database connections{c.boxes > 1 ? ' (whole fleet)' : ''}</dt>
          <dd>
            {dec(c.total.value)} of {dec(db.usable)}
          </dd>
          <dd className="why">
            {c.total.reason} Limit: {db.maxConnections.reason}
          </dd>
        </div>
        {lb.behind.value ? (
          <div>
            <dt>Load balancer</dt>
            <dd>
              ALB → HTTP :{lb.targetPort.value}, health check {lb.healthCheck.value}
            </dd>
            <dd className="why">
              {lb.behind.reason} {lb.targetPort.reason} {lb.healthCheck.reason} {lb.trustedSubnet.reason}{' '}
              {lb.proxyKeepalive.reason}
            </dd>
          </div>
        ) : null}
        {asg ? (
          <div>
            <dt>Auto Scaling group</dt>
            <dd>
              min {asg.min.value}, max {asg.max.value}, CPU target {asg.cpuTargetPct.value}%
            </dd>
            <dd className="why">
              Min: {asg.min.reason} Max: {asg.max.reason} Target: {asg.cpuTargetPct.reason}
            </dd>
          </div>
        ) : null}
        {fleet.singleBoxNote ? (
          <div>
            <dt>Redundancy</dt>
            <dd>none (one box)</dd>
            <dd className="why">{fleet.singleBoxNote}</dd>
          </div>
        ) : null}
        {pgb ? (
          <div>
            <dt>PgBouncer (each box)</dt>
            <dd>
              transaction pooling, {pgb.defaultPoolSize.value} server connections, up to{' '}
              {pgb.maxClientConn.value} clients
            </dd>
            <dd className="why">
              {pgb.poolMode.reason} {pgb.defaultPoolSize.reason}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
