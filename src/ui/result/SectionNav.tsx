import { useState } from 'react';
import type { Recommendation } from '../../core/recommend';
import { download } from './download';

/**
 * Jumps to a section without touching the URL's hash (it holds the wizard's step). A section in a lazy chunk
 * (the bill, the configs) may still be loading: it is waited for, up to 3 s.
 */
function jump(id: string, triesLeft = 120) {
  const el = document.getElementById(id);
  if (!el) {
    if (triesLeft > 0) window.setTimeout(() => jump(id, triesLeft - 1), 25);
    return;
  }
  el.setAttribute('tabindex', '-1');
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

interface Props {
  rec: Recommendation;
  permalink: string | null;
  hideWhy: boolean;
  onToggleWhy: () => void;
}

/** The long result made navigable: section links, the reasons' toggle (phones), print and the Markdown report. */
export function SectionNav({ rec, permalink, hideWhy, onToggleWhy }: Props) {
  const [exportError, setExportError] = useState('');
  const sections: Array<[string, string]> = [
    ['gunicorn-title', 'Gunicorn'],
    ...(rec.warnings.length ? [['warn-title', 'Warnings'] as [string, string]] : []),
    ['memory-title', 'Memory'],
    ['peak-title', 'At peak'],
    ['fleet-title', 'Deployment'],
    ['bill-title', 'Bill'],
    ...(rec.alternatives.length ? [['alt-title', 'Alternatives'] as [string, string]] : []),
    ['triggers-title', 'When to upgrade'],
    ['loadtest-title', 'Load test'],
    ['names-title', 'Names and paths'],
    ['configs-title', 'Configs'],
  ];
  const exportReport = async () => {
    try {
      // The report generator shares the configs' chunk: loaded on the first export, not with the result.
      const [{ generateReport, reportName }, { productionTarget }] = await Promise.all([
        import('../../core/generators/report'),
        import('../../core/generators/target'),
      ]);
      const text = generateReport(rec, productionTarget(rec, permalink));
      download(reportName(rec), new Blob([text], { type: 'text/markdown' }));
      setExportError('');
    } catch (e) {
      setExportError(`The report could not be made: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <nav className="section-nav" aria-label="Sections of the recommendation">
      <ul>
        {sections.map(([id, name]) => (
          <li key={id}>
            <a
              href={`#${id}`}
              onClick={(e) => {
                e.preventDefault();
                jump(id);
              }}
            >
              {name}
            </a>
          </li>
        ))}
      </ul>
      <div className="section-actions">
        <button type="button" className="btn small why-toggle" aria-pressed={!hideWhy} onClick={onToggleWhy}>
          {hideWhy ? 'Show the reasons' : 'Hide the reasons'}
        </button>
        <button type="button" className="btn small" onClick={() => window.print()}>
          Print
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => void exportReport()}
          data-testid="export-report"
        >
          Export report (.md)
        </button>
      </div>
      {exportError && (
        <p className="notice" role="alert">
          {exportError}
        </p>
      )}
    </nav>
  );
}
