import type { Recommendation } from '../../core/recommend';
import { dec, pct } from './format';

export function LoadAtPeak({ rec }: { rec: Recommendation }) {
  const d = rec.perInstance;
  const { cpu } = rec.chosen;
  const l = rec.latency;
  return (
    <section aria-labelledby="peak-title">
      <h3 id="peak-title">At peak{rec.choice.scaleOut > 1 ? ' (per instance)' : ''}</h3>
      <dl className="facts">
        <div>
          <dt>Requests</dt>
          <dd>{dec(d.peakRps.value)}/s</dd>
          <dd className="why">{d.peakRps.reason}</dd>
        </div>
        <div>
          <dt>To Django</dt>
          <dd>{dec(d.dynamicRps.value)}/s</dd>
          <dd className="why">{d.dynamicRps.reason}</dd>
        </div>
        <div>
          <dt>In flight</dt>
          <dd>{dec(d.inFlight.value)}</dd>
          <dd className="why">{d.inFlight.reason}</dd>
        </div>
        <div>
          <dt>CPU</dt>
          <dd>
            {dec(cpu.totalVcpu)} vCPU ({pct(cpu.utilisation)})
          </dd>
          <dd className="why">
            {cpu.items.map((i) => `${i.label}: ${i.reason}`).join(' ')} Sustainable:{' '}
            {dec(cpu.sustainableVcpu)} vCPU.
          </dd>
        </div>
        <div>
          <dt>Queueing (M/M/c)</dt>
          <dd>p95 wait {dec(l.p95WaitMs, 0)} ms</dd>
          <dd className="why">{l.summary}</dd>
        </div>
        <div>
          <dt>Response at p95</dt>
          <dd>{dec(l.p95ResponseMs, 0)} ms</dd>
          <dd className="why">
            Your typical response plus the p95 queueing delay. {d.cpuMsPerRequest.reason}
          </dd>
        </div>
      </dl>
    </section>
  );
}
