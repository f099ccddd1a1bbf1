export function LinkNotice({ problems, onDismiss }: { problems: string[]; onDismiss: () => void }) {
  return (
    <section className="notice" role="alert" aria-labelledby="link-notice-title">
      <h2 id="link-notice-title">Parts of this link were ignored</h2>
      <p>The rest of the link was applied; ignored settings fall back to their defaults.</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <button type="button" className="btn" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}
