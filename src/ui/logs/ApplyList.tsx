import { QUESTIONS } from '../../core/allQuestions';
import type { LogApplication } from '../../core/logs/apply';
import { dec } from '../result/format';

export function ApplyList({
  application,
  applied,
  onApply,
}: {
  application: LogApplication;
  applied: boolean;
  onApply: () => void;
}) {
  return (
    <div className="log-apply">
      <h4>What “Use these numbers” sets</h4>
      <ul>
        <li>Traffic measure: peak requests per second</li>
        {application.changes.map((c) => {
          const q = QUESTIONS[c.field];
          const unit = q.kind === 'number' && q.unit ? ` ${q.unit}` : '';
          return (
            <li key={c.field}>
              <strong>
                {q.label}: {dec(c.value)}
                {unit}
              </strong>{' '}
              (measured) — <span className="help">{c.reason}</span>
            </li>
          );
        })}
      </ul>
      <p className="help">The I/O share stays your answer: an access log holds no CPU time.</p>
      <button type="button" className="btn primary" onClick={onApply} disabled={applied}>
        Use these numbers
      </button>
      {applied && (
        <p role="status" className="log-applied">
          Applied: the traffic step now uses the measured rate, marked as measured over{' '}
          {application.patch.logSpanMin} min of log.
        </p>
      )}
    </div>
  );
}
