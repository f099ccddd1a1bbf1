import { lazy, Suspense, useState } from 'react';
import type { Recommendation } from '../../core/recommend';
import { dec, pct } from './format';

const LabValidation = lazy(() => import('./LabValidation'));

export function LoadAtPeak({ rec }: { rec: Recommendation }) {
  const d = rec.perInstance;
  const { cpu } = rec.chosen;
  const l = rec.latency;
  const [showLab, setShowLab] = useState(false);
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
          <dt>Delay at peak</dt>
          <dd>p95 {Number.isFinite(l.p95WaitMs) ? `${dec(l.p95WaitMs, 0)} ms` : 'unbounded'}</dd>
          <dd className="why">{l.summary}</dd>
        </div>
        <div>
          <dt>Response at p95</dt>
          <dd>
            {Number.isFinite(l.p95ResponseMs) ? `${dec(l.p95ResponseMs, 0)} ms` : 'overloaded'} (target{' '}
            {dec(l.target.value, 0)} ms{l.meetsTarget ? '' : ', missed'})
          </dd>
          <dd className="why">
            Your typical response stretched by CPU contention and slot queueing. {l.target.reason}{' '}
            {d.cpuMsPerRequest.reason}
          </dd>
          <dd className="why lab-accuracy">
            {l.accuracy}{' '}
            <details onToggle={(e) => setShowLab((e.target as HTMLDetailsElement).open)}>
              <summary>Validation table</summary>
              {showLab && (
                <Suspense fallback={<p aria-busy="true">Loading…</p>}>
                  <LabValidation />
                </Suspense>
              )}
            </details>
          </dd>
        </div>
      </dl>
    </section>
  );
}
