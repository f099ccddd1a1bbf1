import { useState } from 'react';
import { permalinkFor } from './url';

export function CopyLink({ query, disabled }: { query: string; disabled: boolean }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    const link = permalinkFor(query);
    try {
      await navigator.clipboard.writeText(link);
      setStatus('Link copied');
    } catch {
      // Clipboard can be refused (permissions, insecure origin): show the link to copy by hand.
      window.prompt('Copy this link', link);
      setStatus('');
    }
    window.setTimeout(() => setStatus(''), 2500);
  };
  return (
    <div className="copy-link">
      <button
        type="button"
        className="btn primary"
        onClick={copy}
        disabled={disabled}
        title={disabled ? 'Fix the highlighted answers first' : undefined}
      >
        Copy link
      </button>
      <span className="status" role="status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
