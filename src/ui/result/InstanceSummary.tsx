import type { Recommendation } from '../../core/recommend';
import { dec, gib, int, usd } from './format';

export function InstanceSummary({ rec }: { rec: Recommendation }) {
  const { instance: i, memory } = rec.chosen;
  // The fleet's EC2 price and the whole plan's month come from the core's bill, not multiplied here.
  const { boxes: n, usdPerMonth, usdPerHour } = rec.bill.instances;
  return (
    <div className="summary" data-testid="instance-summary">
      <div className="instance">
        <p className="eyebrow">EC2 instance{n > 1 ? ` × ${n}` : ''}</p>
        <p className="instance-type" data-testid="instance-type">
          {i.type}
        </p>
        <ul className="specs" aria-label="Instance specifications">
          <li>
            {i.vcpu} vCPU ({i.cores} core{i.cores > 1 ? 's' : ''})
          </li>
          <li>
            {gib(i.memoryGib)} ({int(memory.visibleMib)} MB usable)
          </li>
          <li>{i.arch === 'arm64' ? 'ARM (Graviton)' : 'x86_64'}</li>
          {i.baselinePct !== null && <li>burstable, {i.baselinePct}% baseline</li>}
        </ul>
        <p className="price">
          <strong>{usd(usdPerMonth)}</strong>/month <span className="muted">({usd(usdPerHour, 4)}/hour)</span>
        </p>
        {rec.bill.lines.length > 1 && (
          <p className="muted" data-testid="plan-total">
            Whole plan: {usd(rec.bill.onDemandUsdPerMonth.value)}/month with{' '}
            {rec.bill.lines
              .filter((l) => l.id !== 'instances')
              .map((l) => l.label)
              .join(', ')}
            .
          </p>
        )}
      </div>
      <div className="why">
        <p>{rec.choice.reason}</p>
        <p className={rec.guide.agrees ? 'guide agrees' : 'guide'}>
          <strong>The guide’s rule of thumb:</strong> {rec.guide.reason}
        </p>
        <p className="muted">
          Peak: {dec(rec.demand.peakRps.value)} requests/s, {dec(rec.demand.dynamicRps.value)}/s to Django.
        </p>
      </div>
    </div>
  );
}
