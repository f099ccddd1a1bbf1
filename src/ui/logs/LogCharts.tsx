import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { LogSummary } from '../../core/logs';
import { dec } from '../result/format';

const clock = (sec: number) => new Date(sec * 1000).toISOString().slice(11, 19);
const msLabel = (n: number) => (n >= 1000 ? `${dec(n / 1000, 1)} s` : `${dec(n, n < 10 ? 1 : 0)} ms`);

/** Requests/s over time and the response-time histogram, both as the core returned them. */
export default function LogCharts({ summary }: { summary: LogSummary }) {
  const r = summary.rates!;
  const series = r.series.map((p) => ({ t: clock(p.sec), rps: p.rps }));
  const bars = (summary.response?.histogram ?? []).map((b) => ({
    range: `${msLabel(b.fromMs)}–${msLabel(b.toMs)}`,
    count: b.count,
  }));
  return (
    <div className="log-charts">
      <figure>
        <figcaption>
          Requests per second (UTC){r.bucketSec > 1 ? `, mean of each ${r.bucketSec} s` : ''}
        </figcaption>
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={series} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" minTickGap={40} />
            <YAxis width={48} />
            <Tooltip formatter={(v) => [`${dec(Number(v))} requests/s`, 'rate']} />
            <Line type="linear" dataKey="rps" stroke="var(--c1)" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      {bars.length > 0 && (
        <figure>
          <figcaption>Response times of dynamic requests</figcaption>
          <ResponsiveContainer width="100%" height={180}>
            <BarChart data={bars} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="range" minTickGap={20} />
              <YAxis width={48} allowDecimals={false} />
              <Tooltip formatter={(v) => [`${v} requests`, 'count']} />
              <Bar dataKey="count" fill="var(--c2)" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      )}
    </div>
  );
}
