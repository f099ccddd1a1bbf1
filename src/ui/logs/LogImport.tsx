import './logs.css';
import { lazy, Suspense, useId, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../../core/answers';
import { DEFAULT_STATIC_PREFIXES, FORMAT_LABELS, LOG_FORMATS, type LogFormat } from '../../core/logs';
import { answersFromLog } from '../../core/logs/apply';
import { LogFigures } from './LogFigures';
import { ApplyList } from './ApplyList';
import { ReadProgressBar } from './ReadProgressBar';
import { useLogWorker } from './useLogWorker';

const LogCharts = lazy(() => import('./LogCharts'));

interface Props {
  form: UseFormReturn<Answers>;
  values: Answers;
  onClose: () => void;
}

export default function LogImport({ form, values, onClose }: Props) {
  const id = useId();
  const { state, read, cancel } = useLogWorker();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<LogFormat | 'auto'>('auto');
  const [prefixes, setPrefixes] = useState(DEFAULT_STATIC_PREFIXES.join(' '));
  const [applied, setApplied] = useState(false);
  const [dragging, setDragging] = useState(false);

  const start = (f: File, fmt = format, pre = prefixes) => {
    setFile(f);
    setApplied(false);
    const staticPrefixes = pre.split(/\s+/).filter((p) => p !== '');
    read(f, { ...(fmt === 'auto' ? {} : { format: fmt }), staticPrefixes });
  };
  const summary = state.kind === 'done' ? state.summary : null;
  const application = summary ? answersFromLog(summary, values) : null;

  return (
    <section className="log-import card" aria-labelledby={`${id}-title`}>
      <div className="log-head">
        <h3 id={`${id}-title`}>Import an access log</h3>
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="log-privacy">
        <strong>Nothing leaves your browser.</strong> The file is read here, in a background worker; no byte
        of it is uploaded or sent anywhere.
      </p>
      <div
        className={dragging ? 'log-drop dragging' : 'log-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer.files[0];
          if (f) start(f);
        }}
      >
        <label htmlFor={`${id}-file`}>Drop a log file here, or pick one (.log or .gz):</label>
        <input
          id={`${id}-file`}
          type="file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) start(f);
          }}
        />
      </div>
      <div className="log-options">
        <label>
          Format{' '}
          <select
            value={format}
            onChange={(e) => {
              const v = e.target.value as LogFormat | 'auto';
              setFormat(v);
              if (file) start(file, v);
            }}
          >
            <option value="auto">Detect from the first lines</option>
            {LOG_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Static paths{' '}
          <input
            size={36}
            value={prefixes}
            onChange={(e) => setPrefixes(e.target.value)}
            onBlur={() => file && start(file)}
            aria-describedby={`${id}-prefix-help`}
          />
        </label>
        <span id={`${id}-prefix-help`} className="help">
          Path prefixes the proxy serves itself, separated by spaces (Django’s STATIC_URL, MEDIA_URL).
        </span>
      </div>
      {state.kind === 'reading' && (
        <ReadProgressBar name={state.name} progress={state.progress} onCancel={cancel} />
      )}
      {state.kind === 'cancelled' && <p role="status">Cancelled reading {state.name}.</p>}
      {state.kind === 'failed' && (
        <p className="error" role="alert">
          Could not read {state.name}: {state.message}
        </p>
      )}
      {summary && !summary.ok && (
        <p className="error" role="alert">
          {summary.error}
        </p>
      )}
      {summary && <LogFigures summary={summary} />}
      {summary?.ok && (
        <Suspense fallback={<div className="log-charts" aria-busy="true" />}>
          <LogCharts summary={summary} />
        </Suspense>
      )}
      {application && (
        <ApplyList
          application={application}
          applied={applied}
          onApply={() => {
            for (const [k, v] of Object.entries(application.patch))
              form.setValue(k as keyof Answers, v, { shouldValidate: true, shouldDirty: true });
            setApplied(true);
          }}
        />
      )}
    </section>
  );
}
