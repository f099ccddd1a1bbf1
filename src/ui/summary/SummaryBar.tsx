import type { FieldNote, FieldProblem } from '../../core/checkAnswers';
import { lazy, Suspense } from 'react';
import { fmt, usd } from '../../core/reasoned';
import type { Summary } from '../../core/summary';

export type SizingState = { kind: 'ready' } | { kind: 'loading' } | { kind: 'error'; message: string };

interface Props {
  summary: Summary | undefined;
  sizing: SizingState;
  problems: FieldProblem[];
  notes: FieldNote[];
  goTo: (step: number) => void;
  onRetry: () => void;
  /** Shows the full recommendation; absent once it is shown. */
  onShowResult?: () => void;
}

// Named problems and notes: their labels and the jump to a field load only when there is one to show.
const SummaryProblems = lazy(() => import('./SummaryProblems'));

/**
 * The answer in one line, from the first step (issue 11): instance, Gunicorn, cost and p95 at peak, all from the
 * core's summarize(); the UI only formats. An answer that fails its check is named here with a link to it, and
 * the figures keep following every other answer.
 */
export function SummaryBar({ summary, sizing, problems, notes, goTo, onRetry, onShowResult }: Props) {
  const s = summary;
  const figure = (name: string, value: string, testId: string, detail?: string) => (
    <div className="figure">
      <dt>{name}</dt>
      <dd data-testid={`${testId}-figure`}>
        <span data-testid={testId}>{s ? value : '…'}</span>
        {s && detail && <span className="detail"> {detail}</span>}
      </dd>
    </div>
  );
  return (
    <>
      <section
        className="live-summary card"
        aria-label="Your recommendation so far"
        data-testid="live-summary"
      >
        <dl className="figures" aria-busy={s ? undefined : true}>
          {figure(
            'Instance',
            s ? `${s.instances > 1 ? `${s.instances} × ` : ''}${s.instanceType}` : '',
            'summary-instance',
            s?.spareInstances ? `+ ${s.spareInstances} spare` : undefined,
          )}
          {figure(
            'Gunicorn',
            s ? `${s.workers} × ${s.threads}` : '',
            'summary-gunicorn',
            s ? `${s.workerClass} (workers × threads)` : undefined,
          )}
          {figure(
            'EC2 cost',
            s ? usd(s.usdPerMonth.value) : '',
            'summary-cost',
            s && s.billUsdPerMonth.value > s.usdPerMonth.value
              ? `/month; the whole plan ${usd(s.billUsdPerMonth.value)}`
              : '/month',
          )}
          {figure(
            'p95 at peak',
            s
              ? Number.isFinite(s.p95ResponseMs.value)
                ? `${fmt(s.p95ResponseMs.value, 0)} ms`
                : 'overloaded'
              : '',
            'summary-p95',
          )}
        </dl>
        {sizing.kind === 'error' && (
          <p className="summary-error" role="alert">
            {sizing.message}{' '}
            <button type="button" className="btn small" onClick={onRetry}>
              Retry
            </button>
          </p>
        )}
      </section>
      <div className="summary-more">
        {(problems.length > 0 || notes.length > 0) && (
          <Suspense fallback={<p role="status">Checking your answers…</p>}>
            <SummaryProblems problems={problems} notes={notes} goTo={goTo} />
          </Suspense>
        )}
        {onShowResult && (
          <button type="button" className="btn link see-all" onClick={onShowResult}>
            See the full recommendation, its reasons and the configs
          </button>
        )}
      </div>
    </>
  );
}
