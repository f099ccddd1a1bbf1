import './logs.css';
import { lazy, Suspense, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../../core/answers';
import { useReplayEarlyClicks } from '../earlyClicks';

// The import panel, its worker and its charts load only when asked for; this button itself loads with the
// traffic step, after the first screen's code.
const LogImport = lazy(() => import('./LogImport'));

/** On the traffic step: "Import an access log…" opens the (lazy) import panel. */
export default function LogImportLauncher({
  form,
  values,
}: {
  form: UseFormReturn<Answers>;
  values: Answers;
}) {
  const [open, setOpen] = useState(false);
  const early = useReplayEarlyClicks<HTMLButtonElement>();
  return open ? (
    <Suspense fallback={<p aria-busy="true">Loading…</p>}>
      <LogImport form={form} values={values} onClose={() => setOpen(false)} />
    </Suspense>
  ) : (
    <button
      ref={early}
      type="button"
      className="btn log-launch"
      data-early="log-import"
      onClick={() => setOpen(true)}
    >
      Import an access log…
    </button>
  );
}
