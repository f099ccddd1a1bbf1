import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { strToU8, zipSync } from 'fflate';
import { generateAll } from '../../core/generators/bundle';
import { productionTarget } from '../../core/generators/target';
import type { Recommendation } from '../../core/recommend';
import { archiveName, basename, setupSteps } from '../../core/setupSteps';
import { archiveOf } from '../../core/generators/setupTxt';
import { CopyButton } from './CopyButton';
import { download } from './download';
import { highlight } from './highlight';

export default function ConfigsView({ rec, permalink }: { rec: Recommendation; permalink: string | null }) {
  const target = useMemo(() => productionTarget(rec, permalink), [rec, permalink]);
  const { files, steps, error } = useMemo(() => {
    try {
      const files = generateAll(rec, target);
      return { files, steps: setupSteps(rec, target, files), error: undefined };
    } catch (e) {
      return { files: [], steps: [], error: e instanceof Error ? e.message : String(e) };
    }
  }, [rec, target]);
  const [active, setActive] = useState(0);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const current = files[Math.min(active, files.length - 1)];

  if (error)
    return (
      <section aria-labelledby="configs-title">
        <h3 id="configs-title">Configs</h3>
        <p className="notice" role="alert">
          The configs could not be generated: {error}
        </p>
      </section>
    );

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab moves into the panel.
  const onKey = (e: KeyboardEvent) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    const n = (active + d + files.length) % files.length;
    setActive(n);
    tabs.current[n]?.focus();
  };
  const zipAll = () => {
    // The archive (every file and SETUP.txt) comes from the core; this only packs and saves it.
    const { name, entries } = archiveOf(rec, target, files, steps);
    const zip = zipSync(Object.fromEntries(entries.map((e) => [e.path, strToU8(e.content)])), { level: 9 });
    download(name, new Blob([zip], { type: 'application/zip' }));
  };

  return (
    <section aria-labelledby="configs-title" data-testid="configs">
      <div className="configs-head">
        <h3 id="configs-title">Configs</h3>
        <button type="button" className="btn primary" onClick={zipAll}>
          Download all (.zip)
        </button>
      </div>
      <div role="tablist" aria-label="Generated files" className="tabs" onKeyDown={onKey}>
        {files.map((f, i) => (
          <button
            key={f.path}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${i}`}
            aria-selected={i === active}
            aria-controls="config-panel"
            tabIndex={i === active ? 0 : -1}
            onClick={() => setActive(i)}
          >
            {archiveName(f)}
          </button>
        ))}
      </div>
      {current && (
        <div role="tabpanel" id="config-panel" aria-labelledby={`tab-${active}`} className="config">
          <div className="config-bar">
            <span>
              <code className="path">{current.path}</code>
              {current.box && <> on {current.box.label}</>}
            </span>
            <span>
              <CopyButton text={current.content} label={`Copy ${basename(current)}`} />{' '}
              <button
                type="button"
                className="btn small"
                onClick={() =>
                  download(basename(current), new Blob([current.content], { type: 'text/plain' }))
                }
              >
                Download
              </button>
            </span>
          </div>
          <pre tabIndex={0} aria-label={`${basename(current)} contents`} data-testid="config-content">
            <code>{highlight(current.content)}</code>
          </pre>
        </div>
      )}
      <h4>Setup</h4>
      <ol className="setup">
        {steps.map((s) => (
          <li key={s.title}>
            <strong>{s.title}</strong>
            <pre tabIndex={0}>
              <code>{s.commands.join('\n')}</code>
            </pre>
            {s.note && <p className="muted">{s.note}</p>}
            {s.settings && (
              <ul className="step-settings">
                {s.settings.map((x) => (
                  <li key={x.name}>
                    <code>
                      {x.name} {x.value}
                    </code>
                    : {x.reason}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
