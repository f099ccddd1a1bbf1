import { useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { tradeoffSeries, type Recommendation } from '../../core/recommend';
import type { TradeoffPoint } from '../../core/tradeoff';
import { dec, int } from './format';

const COLORS = ['var(--c1)', 'var(--c2)', 'var(--c3)', 'var(--c4)', 'var(--c5)'];

function PointTip({ active, payload }: { active?: boolean; payload?: Array<{ payload: TradeoffPoint }> }) {
  const p = active ? payload?.[0]?.payload : undefined;
  if (!p) return null;
  return (
    <div className="chart-tip">
      <strong>
        {p.workers} worker{p.workers > 1 ? 's' : ''} × {p.threads} thread{p.threads > 1 ? 's' : ''}
      </strong>
      <br />
      {int(p.capacity)} concurrent requests · {int(p.memoryMib)} MB
      <br />
      p95 queue wait at peak: {Number.isFinite(p.p95WaitMs) ? `${dec(p.p95WaitMs, 0)} ms` : 'overloaded'}
      {!p.fits && (
        <>
          <br />
          Over the memory limit
        </>
      )}
      {p.recommended && (
        <>
          <br />
          Recommended
        </>
      )}
    </div>
  );
}

export default function TradeoffChart({ rec }: { rec: Recommendation }) {
  const s = useMemo(() => tradeoffSeries(rec), [rec]);
  const best = s.points.find((p) => p.recommended);
  const fitting = s.points.filter((p) => p.fits);
  const maxFit = fitting.reduce<TradeoffPoint | undefined>(
    (m, p) => (!m || p.capacity > m.capacity ? p : m),
    undefined,
  );
  const summary =
    `Memory against concurrent-request capacity on ${rec.chosen.instance.type} for ${s.threadOptions.join(', ')} thread(s) per worker. ` +
    `The memory limit is ${int(s.limitMib)} MB of ${int(s.visibleMib)} MB.` +
    (best
      ? ` Recommended: ${best.workers} workers × ${best.threads} threads = ${best.capacity} concurrent requests using ${int(best.memoryMib)} MB.`
      : '') +
    (maxFit
      ? ` The most capacity within the limit: ${maxFit.workers} × ${maxFit.threads} = ${maxFit.capacity} requests (${int(maxFit.memoryMib)} MB).`
      : '');
  return (
    <section aria-labelledby="chart-title" data-testid="tradeoff-chart">
      <h3 id="chart-title">Memory vs concurrency</h3>
      <p className="muted" id="chart-summary">
        {summary}
      </p>
      <div className="chart-box" role="img" aria-labelledby="chart-title" aria-describedby="chart-summary">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 12, right: 16, bottom: 28, left: 8 }}>
            <CartesianGrid stroke="var(--grid)" />
            <XAxis
              type="number"
              dataKey="capacity"
              name="Concurrent requests"
              stroke="var(--muted)"
              label={{
                value: 'Concurrent requests (workers × threads)',
                position: 'insideBottom',
                offset: -16,
                fill: 'var(--muted)',
              }}
            />
            <YAxis
              type="number"
              dataKey="memoryMib"
              name="Memory"
              unit=" MB"
              stroke="var(--muted)"
              width={80}
            />
            <Tooltip content={<PointTip />} cursor={{ strokeDasharray: '3 3' }} />
            <Legend verticalAlign="top" height={28} />
            <ReferenceLine
              y={s.limitMib}
              stroke="var(--danger)"
              strokeDasharray="6 4"
              label={{
                value: `limit ${int(s.limitMib)} MB`,
                position: 'insideTopRight',
                fill: 'var(--danger)',
              }}
            />
            {s.threadOptions.map((t, k) => (
              <Scatter
                key={t}
                name={
                  rec.answers.appInterface === 'asgi' ? 'Uvicorn workers' : `${t} thread${t > 1 ? 's' : ''}`
                }
                data={s.points.filter((p) => p.threads === t)}
                fill={COLORS[k % COLORS.length]}
                line
                isAnimationActive={false}
              />
            ))}
            {best && (
              <ReferenceDot
                x={best.capacity}
                y={best.memoryMib}
                r={9}
                fill="none"
                stroke="var(--fg)"
                strokeWidth={2.5}
                label={{ value: 'recommended', position: 'top', fill: 'var(--fg)' }}
              />
            )}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>Chart data as a table</summary>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Workers × threads</th>
                <th scope="col" className="num">
                  Concurrent requests
                </th>
                <th scope="col" className="num">
                  Memory MB
                </th>
                <th scope="col" className="num">
                  p95 wait ms
                </th>
                <th scope="col">Fits</th>
              </tr>
            </thead>
            <tbody>
              {s.points.map((p) => (
                <tr key={`${p.workers}x${p.threads}`} className={p.recommended ? 'recommended' : undefined}>
                  <th scope="row">
                    {p.workers} × {p.threads}
                    {p.recommended ? ' (recommended)' : ''}
                  </th>
                  <td className="num">{int(p.capacity)}</td>
                  <td className="num">{int(p.memoryMib)}</td>
                  <td className="num">{Number.isFinite(p.p95WaitMs) ? dec(p.p95WaitMs, 0) : 'overloaded'}</td>
                  <td>{p.fits ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
