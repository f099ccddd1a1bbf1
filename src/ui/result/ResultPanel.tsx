import './result.css';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { Answers } from '../../core/answers';
import type { Catalog } from '../../core/catalog';
import { isDefaultAnswers } from '../../core/permalink';
import { recommend } from '../../core/recommend';
import { fetchCatalog, queryClient } from './catalogQuery';
import { permalinkFor } from '../url';
import { InstanceSummary } from './InstanceSummary';
import { GunicornTable } from './GunicornTable';
import { MemoryBreakdown } from './MemoryBreakdown';
import { LoadAtPeak } from './LoadAtPeak';
import { Fleet } from './Fleet';
import { Alternatives } from './Alternatives';
import { Warnings } from './Warnings';
import { Triggers } from './Triggers';
import { LoadTestCommands } from './LoadTestCommands';
import { Origins } from './Origins';
import { DeployFields } from './DeployFields';
import { SectionNav } from './SectionNav';

// recharts is the heaviest dependency: its chunk loads only when the chart is on screen.
const TradeoffChart = lazy(() => import('./TradeoffChart'));
// The generators and the zip writer load only with the result view's configs section.
const ConfigsView = lazy(() => import('./ConfigsView'));
// The bill's table (every line with its source) is long and below the fold: its own chunk.
const Bill = lazy(() => import('./Bill'));

interface Props {
  answers: Answers;
  /** encodePermalink's query, which names its version even for the defaults; empty until it is loaded. */
  link: string;
  /** The wizard's form: the names and paths are asked here, beside the configs. */
  form: UseFormReturn<Answers>;
  values: Answers;
  /** Called once the catalog is in: the live summary, if its own load had failed, tries again. */
  onCatalogReady?: () => void;
}

export default function ResultPanel(props: Props) {
  return (
    <QueryClientProvider client={queryClient}>
      <CatalogGate {...props} />
    </QueryClientProvider>
  );
}

function CatalogGate(props: Props) {
  const q = useQuery({ queryKey: ['catalog'], queryFn: fetchCatalog });
  const { onCatalogReady } = props;
  useEffect(() => {
    if (q.data) onCatalogReady?.();
  }, [q.data, onCatalogReady]);
  if (q.isPending)
    return (
      <section className="result card result-skeleton" aria-busy="true" aria-labelledby="result-title">
        <h2 id="result-title">Recommendation</h2>
        <p>Loading the instance catalog…</p>
      </section>
    );
  if (q.isError)
    return (
      <section className="result card" aria-labelledby="result-title">
        <h2 id="result-title">Recommendation</h2>
        <div className="notice" role="alert">
          <p>
            <strong>The recommendation needs the instance catalog, and it could not be used.</strong>
          </p>
          <p>{q.error.message}</p>
          <button
            type="button"
            className="btn primary"
            onClick={() => void q.refetch()}
            disabled={q.isFetching}
          >
            {q.isFetching ? 'Retrying…' : 'Retry'}
          </button>
        </div>
      </section>
    );
  return <Result {...props} catalog={q.data} />;
}

function Result({ answers, link, form, values, catalog }: Props & { catalog: Catalog }) {
  const rec = useMemo(() => recommend(answers, catalog), [answers, catalog]);
  const permalink = link ? permalinkFor(link) : null;
  // On a phone the reasons start folded (CSS applies it below 700 px only), so each table fits the screen.
  const [hideWhy, setHideWhy] = useState(true);
  return (
    <section
      className={hideWhy ? 'result card hide-why' : 'result card'}
      aria-labelledby="result-title"
      data-testid="result"
    >
      <h2 id="result-title">Recommendation</h2>
      <SectionNav
        rec={rec}
        permalink={permalink}
        hideWhy={hideWhy}
        onToggleWhy={() => setHideWhy((h) => !h)}
      />
      <InstanceSummary rec={rec} />
      <GunicornTable rec={rec} />
      <Warnings rec={rec} />
      <MemoryBreakdown rec={rec} />
      <LoadAtPeak rec={rec} />
      <Fleet rec={rec} />
      <Origins answers={answers} />
      <Suspense fallback={<div className="chart-box" aria-busy="true" />}>
        <TradeoffChart rec={rec} />
      </Suspense>
      <Suspense fallback={<div aria-busy="true" />}>
        <Bill rec={rec} />
      </Suspense>
      <Alternatives rec={rec} />
      <Triggers rec={rec} />
      <LoadTestCommands rec={rec} />
      <DeployFields form={form} values={values} />
      <Suspense fallback={<div className="configs-skeleton" aria-busy="true" />}>
        <ConfigsView rec={rec} permalink={permalink} />
      </Suspense>
      <p className="fineprint">
        Prices: {catalog.priceBasis}, {catalog.region}, as of {catalog.pricesAsOf} ({catalog.hoursPerMonth} h
        a month). Rules {rec.rulesVersion}.
        {isDefaultAnswers(answers) ? ' All answers are at their defaults.' : ''}
      </p>
    </section>
  );
}
