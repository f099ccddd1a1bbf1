import type { LogSummary } from '../../core/logs';
import { bytes, dec, int } from '../result/format';

const ms = (n: number) => `${dec(n, n < 10 ? 1 : 0)} ms`;
const utc = (sec: number) => `${new Date(sec * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** The figures the core derived from the log, before anything is applied. */
export function LogFigures({ summary: s }: { summary: LogSummary }) {
  const rows: Array<[string, string]> = [
    ['Format', `${s.formatLabel}${s.format ? (s.detected ? ' (detected)' : ' (chosen)') : ''}`],
    ['Lines read', `${int(s.lines.parsed)} of ${int(s.lines.total)}`],
  ];
  if (s.span && s.rates) {
    const r = s.rates;
    rows.push(
      ['Time span', `${s.span.text} (${utc(s.span.fromSec)} – ${utc(s.span.toSec)})`],
      ['Busiest second', `${dec(r.busiestSecond.rps)} requests/s at ${utc(r.busiestSecond.atSec)}`],
      [
        `Busiest ${r.busiestMinute.seconds === 60 ? 'minute' : `${r.busiestMinute.seconds} s`}`,
        `${dec(r.busiestMinute.rps)} requests/s from ${utc(r.busiestMinute.atSec)} (the sizing uses this)`,
      ],
      ['99th percentile of seconds', `${dec(r.p99Second)} requests/s`],
      ['Mean over the span', `${dec(r.meanRps)} requests/s`],
      [
        'Static share, by path',
        `${dec(s.staticShare.byPrefixPct, 1)}% (${s.staticShare.prefixes.join(' ')})`,
      ],
    );
    if (s.staticShare.byUpstreamPct !== null)
      rows.push([
        'Static share, no upstream',
        `${dec(s.staticShare.byUpstreamPct, 1)}% answered by nginx itself`,
      ]);
    if (s.response) {
      const t = s.response;
      rows.push(
        [
          'Dynamic response time',
          `p50 ${ms(t.p50Ms)} · p95 ${ms(t.p95Ms)} · p99 ${ms(t.p99Ms)} · mean ${ms(t.meanMs)} · max ${ms(t.maxMs)}`,
        ],
        ['Measured as', `${t.source}, ${int(t.count)} requests`],
      );
    }
    if (s.largestRequest)
      rows.push(['Largest request', `${bytes(s.largestRequest.bytes)} (${s.largestRequest.what})`]);
    rows.push(['Server errors (5xx)', `${dec(s.status.pct5xx, 2)}% (${int(s.status.s5xx)} requests)`]);
  }
  return (
    <div className="log-figures">
      <table>
        <caption className="sr-only">Figures from the log</caption>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.skippedMessage && <p className="log-skipped">{s.skippedMessage}</p>}
      {s.examples.length > 0 && (
        <details>
          <summary>Examples of skipped lines</summary>
          <ul className="log-examples">
            {s.examples.map((e) => (
              <li key={e.line}>
                Line {int(e.line)}: {e.reason} — <code>{e.text}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      {s.mixed.map((m) => (
        <p key={m.format} className="log-skipped">
          {int(m.count)} skipped lines read as {m.label}: the file mixes formats.
        </p>
      ))}
      {s.notes.map((n) => (
        <p key={n} className="help">
          {n}
        </p>
      ))}
    </div>
  );
}
