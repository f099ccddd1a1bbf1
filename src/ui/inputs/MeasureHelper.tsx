import './inputs.css';
import { useId, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../../core/answers';
import {
  applyMeasurement,
  DEFAULT_ACCESS_LOG,
  DEFAULT_MEASURE_SECONDS,
  measureCommand,
  parseMeasurement,
  type MeasuredAnswers,
} from '../../core/measure';
import { CopyButton } from '../result/CopyButton';

interface Props {
  form: UseFormReturn<Answers>;
}

const COMMAND = measureCommand();

/** "Measure on your server": the command to run, a field for the line it prints, and what that line set. */
export default function MeasureHelper({ form }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<MeasuredAnswers>();

  const use = () => {
    const parsed = parseMeasurement(text);
    if (!parsed.ok) {
      setError(parsed.error);
      setDone(undefined);
      return;
    }
    const out = applyMeasurement(form.getValues(), parsed.m);
    for (const f of ['workerMemoryMb', 'ioSharePct', 'measuredFields'] as const)
      form.setValue(f, out.answers[f], { shouldValidate: true, shouldDirty: true });
    setError(undefined);
    setDone(out);
  };

  return (
    <details className="measure" data-testid="measure">
      <summary>Measure on your server: worker memory and the I/O share</summary>
      <p className="help">
        Run this on the server while the site has its usual traffic, as root or as the user Gunicorn runs as.
        For {DEFAULT_MEASURE_SECONDS} s it reads, from /proc, each Gunicorn worker’s memory (PSS: its own
        pages plus its share of those it shares with the others) and the CPU time the workers spend, and
        counts the requests they answer as the lines Gunicorn adds to its access log ({DEFAULT_ACCESS_LOG},
        where the generated gunicorn.conf.py writes it: change the path if yours is elsewhere; name Gunicorn’s
        log, not the proxy’s, which also counts the static files Gunicorn never sees). With more than one
        Gunicorn on the box, add the master’s PID after the {DEFAULT_MEASURE_SECONDS}. It changes nothing and
        sends nothing; it prints one line.
      </p>
      <div className="command">
        <pre tabIndex={0} aria-label="Measure command">
          <code>{COMMAND}</code>
        </pre>
        <CopyButton text={COMMAND} label="Copy the measure command" />
      </div>
      <label htmlFor={`${id}-line`}>Paste the line it printed</label>
      <textarea
        id={`${id}-line`}
        rows={2}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        placeholder="rightsize-measure v1 workers=… pss_mb=… cpu_ms=… requests=…"
      />
      <p id={`${id}-error`} className="error" role={error ? 'alert' : undefined}>
        {error ?? ''}
      </p>
      <button type="button" className="btn" onClick={use}>
        Use these numbers
      </button>
      {done && (
        <div className="measured" role="status" data-testid="measured">
          <p>
            <strong>Filled in and marked as measured:</strong>
          </p>
          <ul>
            <li>
              Memory per Gunicorn worker: <strong>{done.workerMemoryMb.value} MB</strong>.{' '}
              {done.workerMemoryMb.reason}
            </li>
            {done.ioSharePct && done.cpuMsPerRequest && (
              <li>
                Share of response time waiting on I/O: <strong>{done.ioSharePct.value}%</strong>.{' '}
                {done.cpuMsPerRequest.reason} {done.ioSharePct.reason}
              </li>
            )}
          </ul>
          {done.notes.map((n) => (
            <p key={n} className="note">
              {n}
            </p>
          ))}
        </div>
      )}
    </details>
  );
}
