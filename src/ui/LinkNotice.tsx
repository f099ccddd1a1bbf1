export function LinkNotice({
  problems,
  notes,
  onDismiss,
}: {
  problems: string[];
  notes: string[];
  onDismiss: () => void;
}) {
  const dismiss = (
    <button type="button" className="btn" onClick={onDismiss}>
      Dismiss
    </button>
  );
  if (!problems.length)
    return (
      <section className="notice" role="status" aria-labelledby="link-notice-title">
        <h2 id="link-notice-title">About this link</h2>
        {notes.map((n) => (
          <p key={n}>{n}</p>
        ))}
        {dismiss}
      </section>
    );
  return (
    <section className="notice" role="alert" aria-labelledby="link-notice-title">
      <h2 id="link-notice-title">Parts of this link were ignored</h2>
      <p>The rest of the link was applied; ignored settings fall back to their defaults.</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      {notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
      {dismiss}
    </section>
  );
}
