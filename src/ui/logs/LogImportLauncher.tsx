import './logs.css';
import { lazy, Suspense, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../../core/answers';

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
  return open ? (
    <Suspense fallback={<p aria-busy="true">Loading…</p>}>
      <LogImport form={form} values={values} onClose={() => setOpen(false)} />
    </Suspense>
  ) : (
    <button type="button" className="btn log-launch" onClick={() => setOpen(true)}>
      Import an access log…
    </button>
  );
}
