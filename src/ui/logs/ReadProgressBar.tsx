import type { ReadProgress } from './readLog';
import { bytes, int } from '../result/format';

export function ReadProgressBar({
  name,
  progress,
  onCancel,
}: {
  name: string;
  progress: ReadProgress | null;
  onCancel: () => void;
}) {
  return (
    <div className="log-progress">
      <label>
        Reading {name}…{' '}
        <progress max={progress?.total || 1} value={progress?.bytes ?? 0} aria-label={`Reading ${name}`} />
      </label>{' '}
      <span aria-live="polite">
        {progress ? `${bytes(progress.bytes)} of ${bytes(progress.total)}, ${int(progress.lines)} lines` : ''}
      </span>{' '}
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
