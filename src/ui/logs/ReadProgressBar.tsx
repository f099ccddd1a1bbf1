import type { ReadProgress } from './readLog';
import { int } from '../result/format';

export function ReadProgressBar({
  name,
  progress,
  onCancel,
}: {
  name: string;
  progress: ReadProgress | null;
  onCancel: () => void;
}) {
  const mb = (b: number) => (b / 1e6).toFixed(1);
  return (
    <div className="log-progress">
      <label>
        Reading {name}…{' '}
        <progress max={progress?.total || 1} value={progress?.bytes ?? 0} aria-label={`Reading ${name}`} />
      </label>{' '}
      <span aria-live="polite">
        {progress ? `${mb(progress.bytes)} of ${mb(progress.total)} MB, ${int(progress.lines)} lines` : ''}
      </span>{' '}
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
