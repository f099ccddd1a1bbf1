import type { Recommendation } from '../../core/recommend';
import { CopyButton } from './CopyButton';

export function LoadTestCommands({ rec }: { rec: Recommendation }) {
  const t = rec.loadTest;
  return (
    <section aria-labelledby="loadtest-title">
      <h3 id="loadtest-title">Load test</h3>
      <p className="muted">{t.explanation}</p>
      {[
        ['ab', t.ab],
        ['wrk', t.wrk],
      ].map(([name, cmd]) => (
        <div key={name} className="command">
          <pre tabIndex={0} aria-label={`${name} command`}>
            <code>{cmd}</code>
          </pre>
          <CopyButton text={cmd!} label={`Copy ${name} command`} />
        </div>
      ))}
    </section>
  );
}
